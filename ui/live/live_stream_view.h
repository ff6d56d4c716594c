#pragma once
// A real Kinesis stream drawn with the simulation's look: a lane per shard, in which a bar
// shows the part of the hash key space (0 to 2^128 - 1) the shard owns; open shards take
// writes, closed parents are veiled and hatched, with lineage brackets in the left margin
// from each parent to its children. A client sees no zones and no cells, so a lane carries
// the shard's latest sequence number and the records per second the live reader saw, and
// glows while records arrive. The stream's summary and its enhanced fan-out consumers are
// listed on the right. Clicking a lane selects its shard.
#include "model/live/kinesis/kinesis_snapshot.h"
#include "ui/canvas/canvas_theme.h"

#include <QWidget>

#include <map>

namespace streamscope::ui {

class LiveStreamView : public QWidget {
  Q_OBJECT
public:
  explicit LiveStreamView(QWidget *parent = nullptr);
  /// `rates`: records per second by shard id at the last refresh; `seen`: records read in
  /// each shard since connecting.
  void setSnapshot(const live::kinesis::StreamSnapshot &s, const std::map<QString, double> &rates, const std::map<QString, qint64> &seen,
                   const QString &title);
  /// Index into the snapshot's shards, -1 none.
  int selectedShard() const { return m_selected; }
  /// The lane of shard `index` as last laid out (empty if none): for tests and tooltips.
  QRectF laneRect(int index) const;

signals:
  void shardSelected(int index);

protected:
  void paintEvent(QPaintEvent *) override;
  void mousePressEvent(QMouseEvent *) override;
  void changeEvent(QEvent *) override;

private:
  void layOut(); ///< fills m_lanes for the current size
  void paintLane(QPainter &p, int index) const;
  void paintLineage(QPainter &p) const;
  void paintSummary(QPainter &p) const;

  live::kinesis::StreamSnapshot m_snapshot;
  std::map<QString, double> m_rates;
  std::map<QString, qint64> m_seen;
  QString m_title;
  CanvasTheme m_theme;
  std::vector<QRectF> m_lanes; ///< by shard index
  int m_selected = -1;
};

/// A shard as the inspector explains it: its hash key range and share of the key space,
/// parents and children, open or closed, sequence numbers, and what it is being sent.
QString explainLiveShard(const live::kinesis::StreamSnapshot &s, const std::map<QString, double> &rates, int index);

} // namespace streamscope::ui
