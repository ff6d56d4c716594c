#include "canvas_geometry.h"

#include <QFontMetricsF>

#include <algorithm>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;

/// The legend row: one swatch and one phrase per colour or mark used in the panes shown.
void layoutLegend(CanvasGeometry &g, bool kafka, bool kinesis, const CanvasTheme &theme) {
  struct Entry {
    LegendSwatch::Kind kind;
    QString text;
  };
  std::vector<Entry> entries;
  if (kafka) {
    entries.push_back({LegendSwatch::OnDisk, QObject::tr("flushed to disk")});
    entries.push_back({LegendSwatch::InCache, QObject::tr("page cache only")});
    entries.push_back({LegendSwatch::AboveHighWatermark, QObject::tr("above high watermark (not readable)")});
    entries.push_back({LegendSwatch::HighWatermark, QObject::tr("high watermark")});
    entries.push_back({LegendSwatch::Committed, QObject::tr("committed offset")});
  }
  if (kinesis) {
    entries.push_back({LegendSwatch::ZoneCopy, QObject::tr("copy in an availability zone")});
    entries.push_back({LegendSwatch::Awaiting, QObject::tr("not yet acknowledged")});
    entries.push_back({LegendSwatch::Throttled, QObject::tr("throttled")});
  }
  entries.push_back({LegendSwatch::InFlight, QObject::tr("message in flight")});

  const QFontMetricsF fm(theme.small);
  const double h = fm.height();
  double x = g.legend.left() + theme.px(8);
  const double y = g.legend.center().y() - h / 2;
  for (const Entry &e : entries) {
    const double textWidth = fm.horizontalAdvance(e.text) + theme.px(4);
    if (x + h + theme.px(4) + textWidth > g.legend.right())
      break; // the rest would not fit: better fewer entries than clipped ones
    g.swatches.push_back({QRectF(x, y + h * 0.15, h * 0.7, h * 0.7), e.kind});
    x += h * 0.7 + theme.px(4);
    g.addLabel(QRectF(x, y, textWidth, h), e.text, false, theme, Qt::AlignLeft | Qt::AlignVCenter, true);
    x += textWidth + theme.px(14);
  }
}

double kinesisWantedHeight(const model::WorldView &w, const CanvasTheme &t) {
  const double title = QFontMetricsF(t.font).height();
  double h = title * 2 + t.px(40);
  for (const auto &stream : w.kinesis().streams)
    h += 2 * title + t.px(28) + t.px(46) * static_cast<double>(stream.shards.size());
  return h;
}

} // namespace

CanvasGeometry CanvasGeometry::build(const model::WorldView &world, const QRectF &scene, const CanvasTheme &theme, const RecentChanges *recent) {
  CanvasGeometry g;
  g.scene = scene;
  g.recent = recent;
  const bool kafka = world.hasKafka();
  const bool kinesis = world.hasKinesis();
  const double legendHeight = QFontMetricsF(theme.small).height() * 1.8;
  g.legend = QRectF(scene.left(), scene.bottom() - legendHeight, scene.width(), legendHeight);
  const QRectF panes(scene.left(), scene.top(), scene.width(), scene.height() - legendHeight);
  if (kafka && kinesis) {
    // One clock, two panes: Kafka above, Kinesis below, so records in both run left to right.
    // Kinesis gets what its lanes need (within 35-60%); Kafka's strips take the rest.
    const double split = panes.bottom() - std::clamp(kinesisWantedHeight(world, theme), panes.height() * 0.35, panes.height() * 0.6);
    g.kafkaPane = QRectF(panes.left(), panes.top(), panes.width(), split - panes.top());
    g.kinesisPane = QRectF(panes.left(), split, panes.width(), panes.bottom() - split);
  } else if (kafka) {
    g.kafkaPane = panes;
  } else {
    g.kinesisPane = panes;
  }
  if (kafka)
    layoutKafka(world, g.kafkaPane, theme, g);
  if (kinesis)
    layoutKinesis(world, g.kinesisPane, theme, g);
  layoutLegend(g, kafka, kinesis, theme);
  g.recent = nullptr;
  return g;
}

bool CanvasGeometry::addLabel(const QRectF &rect, const QString &text, bool title, const CanvasTheme &theme, Qt::Alignment align, bool muted) {
  const QFontMetricsF fm(title ? theme.font : theme.small);
  if (rect.height() + 0.5 < fm.height() || rect.width() < fm.averageCharWidth() * 3)
    return false;
  const QString shown = fm.elidedText(text, Qt::ElideRight, rect.width());
  if (shown.isEmpty() || shown == QStringLiteral("…"))
    return false;
  // Keep the label's rectangle as tight as its text, so neighbours may sit close to it.
  const double w = std::min(rect.width(), fm.horizontalAdvance(shown) + 1);
  QRectF r(rect.left(), rect.center().y() - fm.height() / 2, w, fm.height());
  if (align & Qt::AlignRight)
    r.moveRight(rect.right());
  else if (align & Qt::AlignHCenter)
    r.moveLeft(rect.center().x() - w / 2);
  labels.push_back({r, shown, title, align, muted});
  return true;
}

void layoutClientColumn(CanvasGeometry &g, const QRectF &column, const std::vector<ClientBox> &boxes, const CanvasTheme &t,
                        std::unordered_map<NodeId, QPointF> &anchors) {
  const QFontMetricsF title(t.font), small(t.small);
  double wanted = 0;
  for (const ClientBox &box : boxes)
    wanted = std::max(wanted, title.height() + t.px(10) + small.height() * static_cast<double>(box.rows.size()) * 1.25);
  const auto rects = stackBoxes(column, static_cast<int>(boxes.size()), wanted, t.px(8));
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const ClientBox &box = boxes[i];
    g.addShape(box.item, rects[i]);
    const QRectF inner = rects[i].adjusted(t.px(6), t.px(3), -t.px(6), -t.px(3));
    g.addLabel(QRectF(inner.left(), inner.top(), inner.width(), title.height()), box.title, true, t);
    const double rowsTop = inner.top() + title.height() + t.px(2);
    const double rowH = std::min(small.height() * 1.25, (inner.bottom() - rowsTop) / std::max<double>(1, static_cast<double>(box.rows.size())));
    for (std::size_t r = 0; r < box.rows.size() && rowH >= t.px(3); ++r) {
      const ClientRow &row = box.rows[r];
      const QRectF rect(inner.left(), rowsTop + static_cast<double>(r) * rowH, inner.width(), rowH);
      g.addShape(row.item, rect);
      const QRectF text = rect.adjusted(t.px(12), 0, 0, 0);
      const bool fits = row.compact.isEmpty() || small.horizontalAdvance(row.text) <= text.width();
      g.addLabel(text, fits ? row.text : row.compact, false, t, Qt::AlignLeft | Qt::AlignVCenter, row.down);
      anchors[row.node] = QPointF(rect.left(), rect.center().y());
    }
  }
}

void layoutProducerColumn(CanvasGeometry &g, const QRectF &column, const std::vector<ProducerBox> &boxes, const CanvasTheme &t,
                          std::unordered_map<NodeId, QPointF> &anchors) {
  const QFontMetricsF title(t.font), small(t.small);
  const auto rects = stackBoxes(column, static_cast<int>(boxes.size()), title.height() + small.height() + t.px(14), t.px(8));
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const QRectF &box = rects[i];
    g.addShape(boxes[i].item, box);
    const QRectF inner = box.adjusted(t.px(6), t.px(4), -t.px(6), -t.px(4));
    g.addLabel(QRectF(inner.left(), inner.top(), inner.width(), title.height()), boxes[i].title, true, t);
    g.addLabel(QRectF(inner.left(), inner.top() + title.height(), inner.width(), small.height()), boxes[i].detail, false, t,
               Qt::AlignLeft | Qt::AlignVCenter, true);
    anchors[boxes[i].node] = QPointF(box.right(), box.center().y());
  }
}

QRectF layoutPaneHeading(CanvasGeometry &g, const QRectF &pane, const QString &heading, std::optional<double> ackMs, const CanvasTheme &t) {
  const QFontMetricsF title(t.font), small(t.small);
  const double pad = t.px(8);
  const QString caption = ackMs ? QObject::tr("acks arrive %1 ms after send").arg(*ackMs, 0, 'f', 1) : QString();
  const double captionW = caption.isEmpty() ? 0 : std::min(pane.width() * 0.35, small.horizontalAdvance(caption) + t.px(8));
  const QRectF head(pane.left() + pad, pane.top() + pad / 2, pane.width() - 2 * pad, title.height());
  g.addLabel(head.adjusted(0, 0, -captionW - t.px(8), 0), heading, true, t);
  if (!caption.isEmpty())
    g.addLabel(QRectF(head.right() - captionW, head.top(), captionW, head.height()), caption, false, t, Qt::AlignRight | Qt::AlignVCenter);
  return pane.adjusted(pad, pad / 2 + title.height() + pad, -pad, -pad / 2);
}

PaneColumns paneColumns(const QRectF &body, bool hasClients, const CanvasTheme &t) {
  const double leftW = std::clamp(body.width() * 0.13, t.px(100), t.px(220));
  const double rightW = hasClients ? std::clamp(body.width() * 0.16, t.px(120), t.px(260)) : 0;
  const double gap = t.px(40); // room for messages to be seen between the columns
  PaneColumns c;
  c.producers = QRectF(body.left(), body.top(), leftW, body.height());
  c.middle = QRectF(body.left() + leftW + gap, body.top(), body.width() - leftW - rightW - gap * (hasClients ? 2 : 1), body.height());
  if (hasClients)
    c.clients = QRectF(body.right() - rightW, body.top(), rightW, body.height());
  return c;
}

std::vector<QRectF> stackBoxes(const QRectF &column, int n, double maxHeight, double gap) {
  std::vector<QRectF> boxes;
  if (n <= 0)
    return boxes;
  const double h = std::min(maxHeight, (column.height() - gap * (n - 1)) / n);
  for (int i = 0; i < n; ++i)
    boxes.emplace_back(column.left(), column.top() + i * (h + gap), column.width(), h);
  return boxes;
}

const StripGeometry *CanvasGeometry::strip(int partition, int broker) const {
  for (const StripGeometry &s : strips)
    if (s.partition == partition && s.broker == broker)
      return &s;
  return nullptr;
}

const LaneGeometry *CanvasGeometry::lane(int slot) const {
  for (const LaneGeometry &l : lanes)
    if (l.slot == slot)
      return &l;
  return nullptr;
}

QRectF CanvasGeometry::rectOf(const model::WorldItem &item) const {
  if (item.kind == Kind::LogCell) {
    const StripGeometry *s = strip(item.a, item.b);
    if (!s || s->cellWidth <= 0 || item.c < s->first || item.c >= s->end)
      return s ? s->rect : QRectF();
    return QRectF(s->xOf(item.c), s->cells.top(), s->cellWidth, s->cells.height());
  }
  if (item.kind == Kind::ShardRecord) // its cell when drawn, else (below) its whole lane
    if (const LaneGeometry *l = lane(item.a); l && l->cellWidth > 0)
      for (std::size_t i = 0; i < l->counters.size(); ++i)
        if (static_cast<std::int64_t>(l->counters[i]) == item.c)
          return QRectF(l->xOfIndex(l->first + i), l->cells.top(), l->cellWidth, l->cells.height());
  const model::WorldItem target = item.kind == Kind::ShardRecord ? model::WorldItem{Kind::Shard, item.a} : item;
  for (const CanvasShape &shape : shapes)
    if (shape.item == target)
      return shape.rect;
  return {};
}

model::WorldItem CanvasGeometry::hit(QPointF p) const {
  for (auto it = shapes.rbegin(); it != shapes.rend(); ++it) {
    if (!it->rect.contains(p))
      continue;
    const model::WorldItem &item = it->item;
    if (item.kind == Kind::Replica) {
      const StripGeometry *s = strip(item.a, item.b);
      if (s && s->cellWidth > 0 && s->cells.contains(p) && p.x() >= s->x0) {
        const Offset o = s->first + static_cast<Offset>((p.x() - s->x0) / s->cellWidth);
        if (o < s->end)
          return {Kind::LogCell, item.a, item.b, o};
      }
    }
    if (item.kind == Kind::Shard) {
      const LaneGeometry *l = lane(item.a);
      if (l && l->cellWidth > 0 && l->cells.contains(p)) {
        const auto i = l->first + static_cast<std::size_t>((p.x() - l->cells.left()) / l->cellWidth);
        if (i < l->end)
          return {Kind::ShardRecord, item.a, -1, static_cast<std::int64_t>(l->counters[i - l->first])};
      }
    }
    return item;
  }
  return {};
}

} // namespace streamscope::ui
