#include "course_map.h"

#include "model/lessons/course.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>

namespace streamscope::ui {
namespace {

constexpr int kMargin = 8;
constexpr int kMinRowHeight = 66; ///< a box and the gap below it, at the least
constexpr int kMaxRowHeight = 96;
constexpr int kRowGap = 10;
constexpr int kGap = 26; ///< between columns, room for the arrows

/// "09" from "09-acks-and-power-loss": the number the docs and `--lesson 07` use.
QString numberOf(const QString &id) {
  qsizetype digits = 0;
  while (digits < id.size() && id[digits].isDigit())
    ++digits;
  return id.left(digits);
}

} // namespace

CourseMap::CourseMap(QWidget *parent) : QWidget(parent) {
  setMouseTracking(true);
  setToolTip(tr("The course: an arrow leads from a lesson to those that build on it. ✓ done. Click a lesson to start it."));
}

std::vector<CourseMap::Node> CourseMap::nodesFor(const std::vector<model::Lesson> &lessons, const QStringList &passed) {
  const std::vector<std::vector<int>> prereqs = model::lessonPrerequisites(lessons);
  std::vector<Node> nodes;
  for (std::size_t i = 0; i < lessons.size(); ++i)
    nodes.push_back({lessons[i].id, lessons[i].title, prereqs[i], passed.contains(lessons[i].id)});
  return nodes;
}

void CourseMap::setNodes(std::vector<Node> nodes) {
  m_nodes = std::move(nodes);
  // Column: the longest chain of prerequisites before the lesson; row: its place in the column.
  m_column.assign(m_nodes.size(), 0);
  m_row.assign(m_nodes.size(), 0);
  std::vector<int> rowsIn;
  for (std::size_t i = 0; i < m_nodes.size(); ++i) {
    for (int p : m_nodes[i].prerequisites)
      if (p >= 0 && static_cast<std::size_t>(p) < i)
        m_column[i] = std::max(m_column[i], m_column[static_cast<std::size_t>(p)] + 1);
    const auto c = static_cast<std::size_t>(m_column[i]);
    if (rowsIn.size() <= c)
      rowsIn.resize(c + 1, 0);
    m_row[i] = rowsIn[c]++;
  }
  m_columns = static_cast<int>(rowsIn.size());
  m_rows = rowsIn.empty() ? 0 : *std::max_element(rowsIn.begin(), rowsIn.end());
  updateGeometry();
  update();
}

QRect CourseMap::nodeRect(int index) const {
  if (index < 0 || index >= static_cast<int>(m_nodes.size()) || m_columns == 0)
    return {};
  const int columnWidth = (width() - 2 * kMargin + kGap) / m_columns;
  // Rows share the height the layout gives the map, within limits, so titles have room.
  const int rowHeight = std::clamp((height() - 2 * kMargin) / std::max(1, m_rows), kMinRowHeight, kMaxRowHeight);
  const auto i = static_cast<std::size_t>(index);
  return {kMargin + m_column[i] * columnWidth, kMargin + m_row[i] * rowHeight, std::max(40, columnWidth - kGap), rowHeight - kRowGap};
}

QSize CourseMap::sizeHint() const { return {m_columns * 150, 2 * kMargin + m_rows * kMaxRowHeight}; }
QSize CourseMap::minimumSizeHint() const { return {m_columns * 70, 2 * kMargin + m_rows * kMinRowHeight}; }

int CourseMap::nodeAt(QPoint p) const {
  for (int i = 0; i < static_cast<int>(m_nodes.size()); ++i)
    if (nodeRect(i).contains(p))
      return i;
  return -1;
}

void CourseMap::paintEvent(QPaintEvent *) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QPalette pal = palette();
  // Arrows first, under the boxes: from the right edge of a prerequisite to the left edge of the lesson.
  painter.setPen(QPen(pal.color(QPalette::Mid), 1.2));
  for (int i = 0; i < static_cast<int>(m_nodes.size()); ++i)
    for (int p : m_nodes[static_cast<std::size_t>(i)].prerequisites) {
      const QRect from = nodeRect(p), to = nodeRect(i);
      const QPointF a(from.right(), from.center().y()), b(to.left() - 1, to.center().y());
      QPainterPath path(a);
      path.cubicTo(a + QPointF(kGap, 0), b - QPointF(kGap, 0), b);
      painter.drawPath(path);
      painter.setBrush(pal.color(QPalette::Mid));
      painter.drawPolygon(QPolygonF({b, b + QPointF(-6, -3.5), b + QPointF(-6, 3.5)}));
      painter.setBrush(Qt::NoBrush);
    }
  const QColor done(46, 125, 50);
  for (int i = 0; i < static_cast<int>(m_nodes.size()); ++i) {
    const Node &n = m_nodes[static_cast<std::size_t>(i)];
    const QRect r = nodeRect(i);
    painter.setPen(QPen(n.passed ? done : pal.color(QPalette::Dark), n.passed ? 2 : 1));
    painter.setBrush(n.passed ? QColor(done.red(), done.green(), done.blue(), 40) : pal.color(QPalette::Base));
    painter.drawRoundedRect(r, 5, 5);
    painter.setPen(pal.color(QPalette::Text));
    const QString label = QStringLiteral("%1%2 · %3").arg(n.passed ? QStringLiteral("✓ ") : QString(), numberOf(n.id), n.title);
    const QRect inner = r.adjusted(5, 3, -5, -3);
    // Elide to about as many lines as the box holds (word wrap loses a little on each line).
    const int lines = std::max(1, inner.height() / painter.fontMetrics().lineSpacing());
    const QString shown =
        painter.fontMetrics().elidedText(label, Qt::ElideRight, lines * inner.width() - lines * painter.fontMetrics().averageCharWidth() * 8);
    painter.drawText(inner, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, shown);
  }
}

void CourseMap::mouseReleaseEvent(QMouseEvent *event) {
  if (event->button() == Qt::LeftButton)
    if (const int i = nodeAt(event->position().toPoint()); i >= 0)
      emit lessonChosen(m_nodes[static_cast<std::size_t>(i)].id);
  QWidget::mouseReleaseEvent(event);
}

bool CourseMap::event(QEvent *event) {
  if (event->type() == QEvent::ToolTip) {
    auto *help = static_cast<QHelpEvent *>(event);
    const int i = nodeAt(help->pos());
    if (i >= 0) {
      const Node &n = m_nodes[static_cast<std::size_t>(i)];
      QStringList after;
      for (int p : n.prerequisites)
        after << numberOf(m_nodes[static_cast<std::size_t>(p)].id);
      QToolTip::showText(help->globalPos(),
                         tr("%1 · %2%3%4")
                             .arg(numberOf(n.id), n.title,
                                  after.isEmpty() ? QString() : tr("\nAfter lesson(s) %1").arg(after.join(QStringLiteral(", "))),
                                  n.passed ? tr("\nDone") : QString()),
                         this);
      return true;
    }
  }
  return QWidget::event(event);
}

} // namespace streamscope::ui
