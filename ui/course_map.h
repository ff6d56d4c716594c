#pragma once
// The course map on the welcome page: every lesson as a box, an arrow from each lesson it
// directly depends on (it uses a concept that lesson introduces, model/lessons/course.h), so
// the columns read left to right in the order the course can be taken. Lessons played to the
// end are filled and ticked. A click on a box asks to open that lesson.
// Contract: a widget; GUI thread only.
#include "model/lessons/lesson.h"

#include <QWidget>

#include <vector>

namespace streamscope::ui {

class CourseMap : public QWidget {
  Q_OBJECT
public:
  struct Node {
    QString id; ///< the lesson's file name without extension ("07-acks...")
    QString title;
    std::vector<int> prerequisites; ///< indices of the nodes it depends on
    bool passed = false;
  };

  explicit CourseMap(QWidget *parent = nullptr);

  /// The nodes for `lessons` in course order, marked passed if their id is in `passed`.
  static std::vector<Node> nodesFor(const std::vector<model::Lesson> &lessons, const QStringList &passed);
  void setNodes(std::vector<Node> nodes);
  const std::vector<Node> &nodes() const { return m_nodes; }
  /// Where node `index` is drawn (widget coordinates); empty if there is no such node.
  QRect nodeRect(int index) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

signals:
  void lessonChosen(const QString &id);

protected:
  void paintEvent(QPaintEvent *event) override;
  void mouseReleaseEvent(QMouseEvent *event) override;
  bool event(QEvent *event) override; ///< tooltips: the full title

private:
  int nodeAt(QPoint p) const;

  std::vector<Node> m_nodes;
  std::vector<int> m_column, m_row; ///< each node's place in the grid
  int m_columns = 0, m_rows = 0;
};

} // namespace streamscope::ui
