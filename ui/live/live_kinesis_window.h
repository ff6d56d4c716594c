#pragma once
// The window of a live Kinesis connection: the stream drawn as the simulation draws its own
// (shards, hash key ranges, lineage), the inspector for the clicked shard, plots of the
// records per second the live reader sees in each shard, and the durability probe with its
// progress, which runs beside the refreshes so its records are seen arriving.
#include "model/live/kinesis/live_kinesis_session.h"

#include <QMainWindow>

class QAction;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QTextBrowser;

namespace streamscope::ui {

class LiveStreamView;

class LiveKinesisWindow : public QMainWindow {
  Q_OBJECT
public:
  /// `createShards` > 0 creates the stream with that many shards if it does not exist.
  LiveKinesisWindow(const live::kinesis::ClientOptions &options, const QString &stream, int createShards, QWidget *parent = nullptr);
  ~LiveKinesisWindow() override;
  live::kinesis::LiveKinesisSession &session() { return *m_session; }
  LiveStreamView *view() const { return m_view; }
  QString inspectorText() const;
  QString statusText() const;

private:
  void refresh();
  void runProbe();
  void updatePlots();
  void showProgress(const live::kinesis::ProbeProgress &p);

  live::kinesis::LiveKinesisSession *m_session;
  LiveStreamView *m_view;
  QTextBrowser *m_inspector;
  QCustomPlot *m_plot;
  QLabel *m_status;
  QProgressBar *m_progress;
  QAction *m_stop = nullptr;
  QString m_probeSummary;
};

} // namespace streamscope::ui
