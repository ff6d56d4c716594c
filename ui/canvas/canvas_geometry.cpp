#include "canvas_geometry.h"
#include "text_cache.h"

#include "waiting_marks.h"

#include "model/view/cluster_load.h"

#include <QFontMetricsF>

#include <algorithm>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;

/// Replicas and shards above which strips and lanes off screen are not laid out.
constexpr std::size_t kCullAbove = 500;

struct LegendEntry {
  LegendSwatch::Kind kind;
  QString text;
};

/// Which panes are shown, and which replica outlines are drawn now.
struct LegendUse {
  bool kafka = false;
  bool kinesis = false;
  bool outOfIsr = false; ///< a follower is out of the ISR (dashed outline)
  bool eligible = false; ///< an eligible leader replica (KIP-966) is drawn (solid outline)
  bool consumerProtocol = false; ///< a KIP-848 group's partition chips are drawn
  bool transactions = false; ///< a producer is transactional: markers, hatching and the LSO are drawn
  bool shareGroups = false; ///< share group record states are drawn on the strips
  Detail kafkaDetail = Detail::Strips, kinesisDetail = Detail::Strips;
  bool brokerController = false; ///< a broker is the active controller (its tile is marked)
};

LegendUse legendUse(const model::WorldView &world) {
  LegendUse use{world.hasKafka(), world.hasKinesis(), false, false, false, false};
  if (!use.kafka)
    return use;
  use.transactions = world.kafka().transactions;
  const auto &groups = world.kafka().groups;
  use.consumerProtocol = std::any_of(groups.begin(), groups.end(), [](const model::GroupView &gv) { return gv.consumerProtocol; });
  use.shareGroups = !world.kafka().shareGroups.empty();
  for (const model::PartitionView &p : world.kafka().partitions) {
    use.eligible = use.eligible || !p.elr.empty();
    for (const model::ReplicaView &r : p.replicas)
      use.outOfIsr = use.outOfIsr || (p.leader >= 0 && r.broker != p.leader && !p.inIsr(r.broker) && !p.inElr(r.broker));
  }
  return use;
}

/// One swatch and one phrase per colour or mark used in the panes shown (the replica
/// outlines only while some replica has one, so a calm cluster keeps its room).
std::vector<LegendEntry> legendEntries(const LegendUse &use) {
  std::vector<LegendEntry> entries;
  const bool strips = use.kafka && use.kafkaDetail == Detail::Strips;
  if (strips) {
    entries.push_back({LegendSwatch::OnDisk, QObject::tr("flushed to disk")});
    entries.push_back({LegendSwatch::InCache, QObject::tr("page cache only")});
    entries.push_back({LegendSwatch::AboveHighWatermark, QObject::tr("above high watermark (not readable)")});
    entries.push_back({LegendSwatch::HighWatermark, QObject::tr("high watermark")});
    entries.push_back({LegendSwatch::Committed, QObject::tr("committed offset")});
    if (use.outOfIsr)
      entries.push_back({LegendSwatch::OutOfIsr, QObject::tr("out of ISR")});
    if (use.eligible)
      entries.push_back({LegendSwatch::EligibleLeader, QObject::tr("eligible leader replica (ELR)")});
  }
  if (use.transactions && strips) {
    entries.push_back({LegendSwatch::LastStable, QObject::tr("last stable offset (LSO)")});
    entries.push_back({LegendSwatch::OpenTxn, QObject::tr("in an open transaction")});
    entries.push_back({LegendSwatch::CommitMarker, QObject::tr("commit marker")});
    entries.push_back({LegendSwatch::AbortMarker, QObject::tr("abort marker")});
    entries.push_back({LegendSwatch::AbortedRecord, QObject::tr("aborted (skipped by read_committed)")});
  }
  if (use.consumerProtocol) {
    entries.push_back({LegendSwatch::ChipReading, QObject::tr("partition a member reads")});
    entries.push_back({LegendSwatch::ChipRevoking, QObject::tr("revoked, not yet acknowledged")});
    entries.push_back({LegendSwatch::ChipPending, QObject::tr("target, not yet handed over")});
  }
  if (use.shareGroups && strips) {
    entries.push_back({LegendSwatch::ShareAvailable, QObject::tr("share: available")});
    entries.push_back({LegendSwatch::ShareAcquired, QObject::tr("acquired (member, locked)")});
    entries.push_back({LegendSwatch::ShareAcknowledged, QObject::tr("acknowledged")});
    entries.push_back({LegendSwatch::ShareArchived, QObject::tr("archived")});
  }
  for (const auto &[kind, text] :
       overviewLegend(use.kafka ? use.kafkaDetail : Detail::Strips, use.kinesis ? use.kinesisDetail : Detail::Strips, use.brokerController))
    entries.push_back({kind, text});
  if (use.kinesis && use.kinesisDetail == Detail::Strips) {
    entries.push_back({LegendSwatch::ZoneCopy, QObject::tr("copy in an availability zone")});
    entries.push_back({LegendSwatch::Awaiting, QObject::tr("not yet acknowledged")});
    entries.push_back({LegendSwatch::Throttled, QObject::tr("throttled (dashed: reads)")});
  }
  entries.push_back({LegendSwatch::InFlight, QObject::tr("message in flight")});
  return entries;
}

/// The legend: every entry, wrapped onto as many rows as the width needs (never dropped or
/// cut, so a narrow or large-type canvas still says what each colour means). With `g`
/// null, only measures; returns the height.
double layoutLegend(CanvasGeometry *g, const QRectF &area, const LegendUse &use, const CanvasTheme &theme) {
  const std::vector<LegendEntry> entries = legendEntries(use);
  const QFontMetricsF fm(theme.small);
  const double h = fm.height();
  std::vector<double> widths;
  for (const LegendEntry &e : entries)
    widths.push_back(h * 0.7 + theme.px(4) + textWidth(theme.small, e.text) + theme.px(4));
  std::vector<std::pair<int, double>> places;
  const int rows = flowRows(widths, area.width() - theme.px(16), theme.px(14), places);
  const double rowH = h * 1.3;
  const double height = rows * rowH + h * 0.5;
  if (!g)
    return height;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const double y = area.top() + h * 0.25 + places[i].first * rowH + (rowH - h) / 2;
    double x = area.left() + theme.px(8) + places[i].second;
    g->swatches.push_back({QRectF(x, y + h * 0.15, h * 0.7, h * 0.7), entries[i].kind});
    x += h * 0.7 + theme.px(4);
    g->addLabel(QRectF(x, y, widths[i] - h * 0.7 - theme.px(4), h), entries[i].text, false, theme, Qt::AlignLeft | Qt::AlignVCenter, true);
  }
  return height;
}

double kinesisWantedHeight(const model::WorldView &w, const CanvasTheme &t) {
  const double title = QFontMetricsF(t.font).height();
  double h = title * 2 + t.px(40);
  for (const auto &stream : w.kinesis().streams)
    h += 2 * title + t.px(28) + t.px(46) * static_cast<double>(stream.shards.size());
  return h;
}

} // namespace

CanvasGeometry CanvasGeometry::build(const model::WorldView &world, const QRectF &scene, const CanvasTheme &theme, const RecentChanges *recent,
                                     const CanvasReadout *readout, const std::vector<model::WorldItem> *highlights, const QRectF *visible) {
  CanvasGeometry g;
  g.scene = scene;
  // Only a big world is culled to what is on screen: a small one is laid out whole, as always.
  std::size_t things = world.hasKinesis() ? world.kinesis().shards.size() : 0;
  if (world.hasKafka())
    for (const model::PartitionView &p : world.kafka().partitions)
      things += p.replicas.size();
  g.visible = visible && things > kCullAbove ? visible->intersected(scene) : scene;
  g.recent = recent;
  g.highlights = highlights;
  const bool kafka = world.hasKafka();
  const bool kinesis = world.hasKinesis();
  LegendUse use = legendUse(world);
  const double headerHeight = readout ? layoutReadout(nullptr, scene, *readout, theme) : 0;
  g.header = QRectF(scene.left(), scene.top(), scene.width(), headerHeight);
  if (readout)
    layoutReadout(&g, g.header, *readout, theme);
  const auto placePanes = [&] {
    const double legendHeight = layoutLegend(nullptr, scene, use, theme);
    g.legend = QRectF(scene.left(), scene.bottom() - legendHeight, scene.width(), legendHeight);
    const QRectF panes(scene.left(), g.header.bottom(), scene.width(), g.legend.top() - g.header.bottom());
    if (kafka && kinesis) {
      // One clock, two panes: Kafka above, Kinesis below, so records in both run left to right.
      // Kinesis gets what its lanes need (within 35-60%); Kafka's strips take the rest.
      const double wanted = use.kinesisDetail == Detail::Strips ? kinesisWantedHeight(world, theme) : 0;
      const double split = panes.bottom() - std::clamp(wanted, panes.height() * 0.35, panes.height() * 0.6);
      g.kafkaPane = QRectF(panes.left(), panes.top(), panes.width(), split - panes.top());
      g.kinesisPane = QRectF(panes.left(), split, panes.width(), panes.bottom() - split);
    } else if (kafka) {
      g.kafkaPane = panes;
    } else {
      g.kinesisPane = panes;
    }
  };
  placePanes();
  // The level of detail follows the room each replica or shard gets; the far levels have a
  // legend of their own, so the panes are placed again with it (the levels stay as chosen).
  use.kafkaDetail = g.kafkaDetail = kafka ? kafkaDetailFor(world, g.kafkaPane, theme) : Detail::Strips;
  use.kinesisDetail = g.kinesisDetail = kinesis ? kinesisDetailFor(world, g.kinesisPane, theme) : Detail::Strips;
  use.brokerController = kafka && model::controllerBroker(world.kafka()) >= 0;
  if (use.kafkaDetail != Detail::Strips || use.kinesisDetail != Detail::Strips)
    placePanes();
  if (kafka)
    layoutKafka(world, g.kafkaPane, theme, g);
  if (kinesis)
    layoutKinesis(world, g.kinesisPane, theme, g);
  layoutLegend(&g, g.legend, use, theme);
  layoutWaitingMarks(world, theme, g); // last: captions take only room nothing else uses
  g.recent = nullptr;
  g.highlights = nullptr;
  return g;
}

bool CanvasGeometry::addLabel(const QRectF &rect, const QString &text, bool title, const CanvasTheme &theme, Qt::Alignment align, bool muted) {
  const QFontMetricsF fm(title ? theme.font : theme.small);
  if (rect.height() + 0.5 < fm.height() || rect.width() < fm.averageCharWidth() * 3)
    return false;
  const QFont &font = title ? theme.font : theme.small;
  const QString shown = elidedText(font, text, rect.width());
  if (shown.isEmpty() || shown == QStringLiteral("…"))
    return false;
  // Keep the label's rectangle as tight as its text, so neighbours may sit close to it.
  const double w = std::min(rect.width(), textWidth(font, shown) + 1);
  QRectF r(rect.left(), rect.center().y() - fm.height() / 2, w, fm.height());
  if (align & Qt::AlignRight)
    r.moveRight(rect.right());
  else if (align & Qt::AlignHCenter)
    r.moveLeft(rect.center().x() - w / 2);
  labels.push_back({r, shown, title, align, muted, false, shown != text, {}});
  return true;
}

QString memberNumber(const std::string &id, int index) {
  const QString text = QString::fromStdString(id);
  qsizetype start = text.size();
  while (start > 0 && text[start - 1].isDigit())
    --start;
  return start < text.size() ? text.mid(start) : QString::number(index);
}

bool CanvasGeometry::addFirstFitting(const QRectF &rect, const QStringList &forms, bool title, const CanvasTheme &theme, Qt::Alignment align,
                                     bool muted) {
  const QFont &font = title ? theme.font : theme.small;
  for (const QString &form : forms)
    if (textWidth(font, form) + 1 <= rect.width())
      return addLabel(rect, form, title, theme, align, muted);
  return !forms.isEmpty() && addLabel(rect, forms.back(), title, theme, align, muted);
}

bool captionOf(const model::WorldItem &owner, const model::WorldItem &item) {
  if (!owner)
    return false;
  if (owner == item)
    return true;
  // A strip's caption also tells about its cells, and about the broker that holds it.
  return owner.kind == Kind::Replica &&
      ((item.kind == Kind::LogCell && item.a == owner.a && item.b == owner.b) || (item.kind == Kind::Broker && item.a == owner.b));
}

bool CanvasGeometry::wantsCaption(const model::WorldItem &owner) const {
  if (!highlights)
    return false;
  for (const model::WorldItem &item : *highlights) // a whole broker is not asked to caption every strip
    if (item.kind != Kind::Broker && captionOf(owner, item))
      return true;
  return false;
}

int flowRows(const std::vector<double> &widths, double width, double gap, std::vector<std::pair<int, double>> &places) {
  places.clear();
  int row = 0;
  double x = 0;
  for (const double w : widths) {
    if (x > 0 && x + w > width) { // the next row; an item wider than a row has one to itself
      ++row;
      x = 0;
    }
    places.emplace_back(row, x);
    x += w + gap;
  }
  return widths.empty() ? 0 : row + 1;
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
    g.addFirstFitting(QRectF(inner.left(), inner.top(), inner.width(), title.height()), QStringList{box.title} + box.shorterTitles, true, t);
    const double rowsTop = inner.top() + title.height() + t.px(2);
    const double rowH = std::min(small.height() * 1.25, (inner.bottom() - rowsTop) / std::max<double>(1, static_cast<double>(box.rows.size())));
    for (std::size_t r = 0; r < box.rows.size() && rowH >= t.px(3); ++r) {
      const ClientRow &row = box.rows[r];
      const QRectF rect(inner.left(), rowsTop + static_cast<double>(r) * rowH, inner.width(), rowH);
      g.addShape(row.item, rect);
      // Chips from the right: the partition numbers a consumer-protocol member holds or awaits.
      const double chipW = textWidth(t.small, QStringLiteral("00")) + t.px(4), chipGap = t.px(2);
      double right = rect.right();
      for (auto chip = row.chips.rbegin(); chip != row.chips.rend() && right - chipW > rect.left() + rect.width() / 2; ++chip) {
        const QRectF box(right - chipW, rect.top() + rowH * 0.08, chipW, rowH * 0.84);
        g.chips.push_back({box, chip->second});
        g.addLabel(box, QString::number(chip->first), false, t, Qt::AlignCenter, chip->second == PartitionChip::Pending);
        right -= chipW + chipGap;
      }
      const QRectF text = QRectF(rect.left() + t.px(12), rect.top(), right - rect.left() - t.px(12), rect.height());
      const bool fits = row.compact.isEmpty() || textWidth(t.small, row.text) <= text.width();
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
    g.addFirstFitting(QRectF(inner.left(), inner.top(), inner.width(), title.height()), QStringList{boxes[i].title} + boxes[i].shorterTitles, true,
                      t);
    g.addFirstFitting(QRectF(inner.left(), inner.top() + title.height(), inner.width(), small.height()), boxes[i].details, false, t,
                      Qt::AlignLeft | Qt::AlignVCenter, true);
    anchors[boxes[i].node] = QPointF(box.right(), box.center().y());
  }
}

QRectF layoutPaneHeading(CanvasGeometry &g, const QRectF &pane, const QStringList &headings, std::optional<double> ackMs, const CanvasTheme &t) {
  const QFontMetricsF title(t.font);
  const double pad = t.px(8);
  const QRectF head(pane.left() + pad, pane.top() + pad / 2, pane.width() - 2 * pad, title.height());
  // The caption takes what the shortest heading leaves, in its longest form that fits.
  double captionW = 0;
  QStringList captions;
  if (ackMs) {
    const QString ms = QString::number(*ackMs, 'f', 1);
    captions = {QObject::tr("acks arrive %1 ms after send").arg(ms), QObject::tr("acks in %1 ms").arg(ms)};
    const double room = head.width() - textWidth(t.font, headings.back()) - t.px(16);
    for (const QString &c : captions)
      if (textWidth(t.small, c) + t.px(4) <= room) {
        captionW = textWidth(t.small, c) + t.px(4);
        captions = QStringList{c};
        break;
      }
    if (captionW == 0) {
      captionW = std::max(0.0, room);
      captions = QStringList{captions.back()};
    }
  }
  g.addFirstFitting(head.adjusted(0, 0, -captionW - t.px(8), 0), headings, true, t);
  if (!captions.isEmpty())
    g.addLabel(QRectF(head.right() - captionW, head.top(), captionW, head.height()), captions.front(), false, t, Qt::AlignRight | Qt::AlignVCenter);
  return pane.adjusted(pad, pad / 2 + title.height() + pad, -pad, -pad / 2);
}

PaneColumns paneColumns(const QRectF &body, bool hasClients, const CanvasTheme &t) {
  const double leftW = std::clamp(body.width() * 0.13, t.px(100), t.px(220));
  const double rightW = hasClients ? std::clamp(body.width() * 0.16, t.px(120), t.px(260)) : 0;
  const double gap = std::min(t.px(40), body.width() * 0.04); // room for messages to be seen between the columns
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
  return overviewRectOf(target);
}

model::WorldItem CanvasGeometry::hit(QPointF p) const {
  // The far levels' pixels name a replica (a topic's pixel: the partition's leader, else its
  // first replica) or a shard; everything else as below.
  for (const PixelMatrix &m : matrices)
    if (const int i = m.indexAt(p); i >= 0)
      return replicaOfCell(m, i);
  for (const KeySpaceGeometry &k : keySpaces)
    if (const KeySpaceGeometry::Span *span = k.spanAt(p))
      return {Kind::Shard, span->slot};
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
