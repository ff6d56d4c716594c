#pragma once
// A real Kafka cluster drawn with the simulation's look: a box per broker holding a strip per
// partition replica it has. A client cannot see records, so a strip is a bar scaled to
// offsets (low to high watermark, on a scale shared by every partition) instead of cells;
// the leader's strip is starred, replicas out of the ISR are hatched as in the simulation,
// a broker that leads nothing and answers nothing is drawn down. Consumer groups are listed
// on the right with their lag. Clicking a strip selects its partition.
#include "model/live/kafka/cluster_snapshot.h"
#include "ui/canvas/canvas_theme.h"

#include <QWidget>

namespace streamscope::ui {

class LiveClusterView : public QWidget {
  Q_OBJECT
public:
  explicit LiveClusterView(QWidget *parent = nullptr);
  void setSnapshot(const live::ClusterSnapshot &s, const QString &title);
  /// Index into the snapshot's partitions, -1 none.
  int selectedPartition() const { return m_selected; }

signals:
  void partitionSelected(int index);

protected:
  void paintEvent(QPaintEvent *) override;
  void mousePressEvent(QMouseEvent *) override;
  void changeEvent(QEvent *) override;

private:
  struct Strip {
    QRectF rect;
    int partition = -1; ///< index into m_snapshot.partitions
    int broker = -1; ///< the broker holding this replica
  };
  void layOut(); ///< fills m_strips for the current size
  QRectF brokerBox(int index) const;
  double labelWidth() const; ///< of the widest partition name, at most a third of a box

  live::ClusterSnapshot m_snapshot;
  QString m_title;
  CanvasTheme m_theme;
  std::vector<Strip> m_strips;
  int m_selected = -1;
};

/// A partition as the inspector explains it: leader, replicas, ISR, watermarks, groups.
QString explainLivePartition(const live::ClusterSnapshot &s, int index);

} // namespace streamscope::ui
