#pragma once
// The window of a live Kafka connection: the cluster drawn as the simulation draws its own,
// the inspector for the clicked partition, plots of throughput (from high-watermark deltas)
// and lag per group, the durability probe with its progress, the mirror into the simulator,
// and, for the mock cluster, brokers taken down and brought back.
#include "model/live/kafka/live_kafka_session.h"
#include "model/live/kafka/mirror_comparison.h"

#include <optional>

#include <QMainWindow>

class QCustomPlot;
class QLabel;
class QProgressBar;
class QTextBrowser;

namespace streamscope::ui {

class LiveClusterView;

class LiveKafkaWindow : public QMainWindow {
  Q_OBJECT
public:
  /// `mockBrokers` > 0 starts librdkafka's mock cluster instead of connecting to `c`.
  LiveKafkaWindow(const live::KafkaConnection &c, int mockBrokers, QWidget *parent = nullptr);
  ~LiveKafkaWindow() override;
  live::LiveKafkaSession &session() { return *m_session; }
  LiveClusterView *view() const { return m_view; }
  QString inspectorText() const;

signals:
  /// The mirror scenario was written to `path`: open it in the simulator.
  void openScenario(const QString &path);

private:
  void refresh();
  void runProbe();
  void mirror();
  void updatePlots();
  void buildMockMenu();
  /// The last probe's numbers beside the mirror's, in a window of their own.
  void showComparison(const live::MirrorComparison &c);

  live::LiveKafkaSession *m_session;
  LiveClusterView *m_view;
  QTextBrowser *m_inspector;
  QCustomPlot *m_plot;
  QLabel *m_status;
  QProgressBar *m_progress;
  QString m_probeSummary;
  std::optional<live::ProbeReport> m_lastReport;
};

} // namespace streamscope::ui
