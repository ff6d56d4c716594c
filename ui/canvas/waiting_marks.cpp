#include "waiting_marks.h"

#include "model/explain/wait_words.h"

#include <QFontMetricsF>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;

bool inKinesis(const model::WorldItem &client) {
  return client.kind == Kind::KinesisProducer || client.kind == Kind::Application || client.kind == Kind::Worker;
}

/// The box a client sits in: its own for producers, groups and applications; a member's
/// or worker's row sits in its group's or application's box.
model::WorldItem containerOf(const model::WorldItem &client) {
  if (client.kind == Kind::Member)
    return {Kind::Group, client.a};
  if (client.kind == Kind::Worker)
    return {Kind::Application, client.a};
  return client;
}

bool isProducer(const model::WorldItem &client) { return client.kind == Kind::KafkaProducer || client.kind == Kind::KinesisProducer; }

/// Nothing drawn there yet: no label and no shape touches `r`.
bool unused(const CanvasGeometry &g, const QRectF &r) {
  for (const CanvasLabel &l : g.labels)
    if (l.rect.intersects(r))
      return false;
  for (const CanvasShape &s : g.shapes)
    if (s.rect.intersects(r))
      return false;
  return true;
}

/// The caption's lines: which row it is about when the box holds rows (a member, a worker),
/// what it waits for, and when that ends. The row's name gets a line of its own when the
/// first line would not fit `width`.
QStringList captionLines(const model::WorldView &view, const model::WaitView &wait, const QFontMetricsF &fm, double width) {
  QString row;
  if (wait.client.kind == Kind::Member) {
    const auto &member = view.kafka().groups[static_cast<std::size_t>(wait.client.a)].members[static_cast<std::size_t>(wait.client.b)];
    row = QObject::tr("member %1").arg(memberNumber(member.id, wait.client.b));
  } else if (wait.client.kind == Kind::Worker) {
    row = QObject::tr("w%1").arg(wait.client.b);
  }
  const QString target = model::waitTargetText(wait), end = model::waitEndText(wait, view.now());
  if (row.isEmpty())
    return {target, end};
  const QString lead = QStringLiteral("%1 %2").arg(row, target);
  return fm.horizontalAdvance(lead) <= width ? QStringList{lead, end} : QStringList{row, target, end};
}

} // namespace

void layoutWaitingMarks(const model::WorldView &view, const CanvasTheme &t, CanvasGeometry &g) {
  const QFontMetricsF small(t.small), title(t.font);
  const double h = small.height();
  const QSizeF icon(h * 0.75, h);
  std::vector<std::pair<model::WorldItem, double>> below; // per box: where its next caption goes
  for (const model::WaitView &wait : view.waits()) {
    const bool kinesis = inKinesis(wait.client);
    const QRectF pane = kinesis ? g.kinesisPane : g.kafkaPane;
    const model::WorldItem container = containerOf(wait.client);
    const QRectF box = g.rectOf(container);
    const QRectF row = g.rectOf(wait.client);
    if (box.isEmpty() || row.isEmpty())
      continue;
    // Producers sit on the left, clients on the right: the hourglass goes into the gap
    // between a box and the middle column, where only messages in flight pass.
    QRectF mark(QPointF(), icon);
    const double centreY = container == wait.client && !isProducer(wait.client) ? box.top() + t.px(3) + title.height() / 2 : row.center().y();
    if (isProducer(wait.client))
      mark.moveCenter(QPointF(box.right() + t.px(5) + icon.width() / 2, centreY));
    else
      mark.moveCenter(QPointF(box.left() - t.px(5) - icon.width() / 2, centreY));
    if (!pane.contains(mark))
      continue;
    WaitMark m{wait.client, mark, kinesis, {}};
    auto at = std::find_if(below.begin(), below.end(), [&](const auto &b) { return b.first == container; });
    if (at == below.end())
      at = below.insert(below.end(), {container, box.bottom() + t.px(3)});
    const double width = box.width() + (isProducer(wait.client) ? t.px(30) : 0);
    const QStringList lines = captionLines(view, wait, small, width);
    const QRectF caption(box.left(), at->second, width, h * static_cast<double>(lines.size()));
    if (pane.contains(caption) && unused(g, caption)) {
      for (qsizetype i = 0; i < lines.size(); ++i) {
        const QRectF line(caption.left(), caption.top() + h * static_cast<double>(i), width, h);
        const bool last = i + 1 == lines.size(); // the countdown, quieter than what it waits for
        if (g.addLabel(line, lines[i], false, t, Qt::AlignLeft | Qt::AlignVCenter, last))
          m.captionLabels.push_back(g.labels.size() - 1);
      }
      at->second = caption.bottom() + t.px(2);
    }
    g.waitMarks.push_back(std::move(m));
  }
}

void paintWaitingMarks(QPainter &p, const CanvasFrame &f, bool kinesis) {
  const CanvasTheme &t = f.theme;
  for (const WaitMark &m : f.geometry.waitMarks) {
    if (m.kinesis != kinesis)
      continue;
    // An hourglass: two triangles meeting at the waist, between a top and a bottom bar.
    const QRectF r = m.icon;
    const double bar = std::max(1.0, t.px(1.5));
    const QPointF waist = r.center();
    QPolygonF glass;
    glass << QPointF(r.left() + bar, r.top() + bar) << QPointF(r.right() - bar, r.top() + bar) << waist << QPointF(r.right() - bar, r.bottom() - bar)
          << QPointF(r.left() + bar, r.bottom() - bar) << waist;
    QColor fill = t.warning;
    fill.setAlpha(70);
    p.setPen(QPen(t.warning, std::max(1.0, t.px(1.2)), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(fill);
    p.drawPolygon(glass);
    p.fillRect(QRectF(r.left(), r.top(), r.width(), bar), t.warning);
    p.fillRect(QRectF(r.left(), r.bottom() - bar, r.width(), bar), t.warning);
    // The sand left in the lower bulb.
    QPolygonF sand;
    sand << QPointF(waist.x(), r.center().y() + r.height() * 0.15) << QPointF(r.right() - bar * 2, r.bottom() - bar)
         << QPointF(r.left() + bar * 2, r.bottom() - bar);
    p.setPen(Qt::NoPen);
    p.setBrush(t.warning);
    p.drawPolygon(sand);
  }
}

} // namespace streamscope::ui
