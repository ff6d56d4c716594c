// Kinesis pane: producers on the left, each stream as a stack of shard lanes (three
// availability-zone rows each) with the zones' status above, KCL applications on the right.
#include "canvas_geometry.h"
#include "text_cache.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;
using namespace model; // the view's rows

/// A hash key as a share of the 2^128 key space, for lane labels ("25%–50%").
QString keySpaceShare(Uint128 key, bool end) {
  const double share = (static_cast<double>(key) + (end ? 1.0 : 0.0)) / std::ldexp(1.0, 128) * 100.0;
  return QString::number(share, 'f', share == std::floor(share) ? 0 : 1) + QLatin1Char('%');
}

void layoutProducers(const WorldView &w, const QRectF &column, const CanvasTheme &t, CanvasGeometry &g) {
  std::vector<ProducerBox> boxes;
  for (std::size_t i = 0; i < w.kinesis().producers.size(); ++i) {
    const KinesisProducerView &p = w.kinesis().producers[i];
    const QString backoff = QString::number(toMs(p.backoffUntil - w.now()), 'f', 0);
    const QString rate = QString::number(p.rate, 'f', 0);
    const QStringList detail = p.backoffUntil > w.now()
        ? QStringList{QObject::tr("backing off %1 ms").arg(backoff), QObject::tr("backoff %1 ms").arg(backoff)}
        : p.tooLarge > 0 ? QStringList{QObject::tr("%1 rec/s · %2 too large").arg(rate).arg(p.tooLarge), QObject::tr("%1 too large").arg(p.tooLarge)}
                         : QStringList{QObject::tr("PutRecords · %1 rec/s").arg(rate), QObject::tr("%1 rec/s").arg(rate)};
    boxes.push_back({{Kind::KinesisProducer, static_cast<int>(i)}, QString::fromStdString(p.name), detail, p.node});
  }
  layoutProducerColumn(g, column, boxes, t, g.kinesisAnchors);
}

/// A shard's lease owner, as "w0" (first application) for the lane label.
QString ownerText(const ShardView &shard) { return shard.leaseOwner >= 0 ? QObject::tr("lease: w%1").arg(shard.leaseOwner) : QString(); }

/// Lanes are roomier when Kinesis has the canvas to itself.
double laneMaxPitch(const WorldView &w, const CanvasTheme &t) { return t.px(w.hasKafka() ? 46 : 96); }

void layoutLane(const WorldView &w, int slot, const QRectF &rect, double labelW, const CanvasTheme &t, CanvasGeometry &g) {
  const ShardView &shard = w.kinesis().shardAt(slot);
  const std::deque<StoredRecord> &records = *shard.records;
  const QFontMetricsF small(t.small);
  LaneGeometry lane;
  lane.slot = slot;
  lane.rect = rect;
  lane.cells = rect.adjusted(labelW, 0, 0, 0);
  const double rowH = lane.cells.height() / kZones;
  for (int z = 0; z < kZones; ++z)
    lane.zoneRows[z] = QRectF(lane.cells.left(), lane.cells.top() + z * rowH, lane.cells.width(), rowH);

  const double cellWidth = std::clamp(lane.cells.width() / 48, t.px(7), t.px(40));
  // A lane squeezed below its label (a tiny window) has no room for cells, not a negative count.
  const auto capacity = static_cast<std::size_t>(std::max(0.0, lane.cells.width() / cellWidth));
  if (rowH >= t.px(2) && capacity >= 6) {
    lane.cellWidth = cellWidth;
    lane.end = records.size();
    lane.first = lane.end > capacity ? lane.end - capacity : 0;
    for (std::size_t i = lane.first; i < lane.end; ++i)
      lane.counters.push_back(records[i].counter);
  }

  // Label: the shard id and its hash key range; on two lines when the lane is tall enough.
  const QString name = QObject::tr("shard %1").arg(shard.index);
  const QString range = keySpaceShare(shard.rangeStart, false) + QStringLiteral("–") + keySpaceShare(shard.rangeEnd, true);
  const QString status = shard.open ? ownerText(shard) : QObject::tr("CLOSED");
  const QRectF labelRect(rect.left() + t.px(4), rect.top(), labelW - t.px(8), rect.height());
  if (labelW > 0) {
    if (rect.height() >= small.height() * 3) {
      const double top = rect.center().y() - small.height() * 1.5;
      g.addLabel(QRectF(labelRect.left(), top, labelRect.width(), small.height()), name, false, t);
      g.addLabel(QRectF(labelRect.left(), top + small.height(), labelRect.width(), small.height()), range, false, t, Qt::AlignLeft | Qt::AlignVCenter,
                 true);
      if (!status.isEmpty())
        g.addLabel(QRectF(labelRect.left(), top + 2 * small.height(), labelRect.width(), small.height()), status, false, t,
                   Qt::AlignLeft | Qt::AlignVCenter, shard.open);
    } else if (rect.height() + 0.5 >= small.height()) {
      g.addFirstFitting(labelRect, {name + QStringLiteral(" · ") + range, name}, false, t);
    }
  }
  // Sequence numbers on records: the tail of the 56-digit number, where a cell is wide enough.
  const double digitsW = textWidth(t.small, QStringLiteral("…0000")) + t.px(3);
  if (lane.cellWidth >= digitsW && rowH + 0.5 >= small.height()) {
    for (std::size_t i = lane.first; i < lane.end; ++i) {
      const std::string seq = shard.sequenceText(records[i]);
      const QRectF cell(lane.xOfIndex(i), lane.zoneRows[0].top(), lane.cellWidth, rowH);
      g.addLabel(cell.adjusted(1, 0, -1, 0), QStringLiteral("…") + QString::fromStdString(seq.substr(seq.size() - 4)), false, t,
                 Qt::AlignHCenter | Qt::AlignVCenter);
    }
  }
  g.addShape({Kind::Shard, slot}, rect);
  g.lanes.push_back(std::move(lane));
}

/// The stream's heading, longest first: name, mode, open shards and, while UPDATING, the time left.
QStringList streamTitles(const StreamView &stream, SimTime now) {
  const QString name = QString::fromStdString(stream.name);
  const QString shards = QObject::tr("%n open shard(s)", nullptr, stream.openShards);
  const QString mode = stream.onDemand ? QObject::tr(" (on-demand)") : QString();
  if (!stream.updating)
    return {QObject::tr("stream %1%2 · %3").arg(name, mode, shards), QObject::tr("stream %1 · %2").arg(name, shards)};
  const QString left = QObject::tr("%1 s").arg(toMs(std::max<SimTime>(0, stream.updatingUntil - now)) / 1000.0, 0, 'f', 1);
  return {QObject::tr("stream %1%2 · %3 · UPDATING %4 left").arg(name, mode, shards, left),
          QObject::tr("stream %1 · %2 · UPDATING %3").arg(name, shards, left), QObject::tr("stream %1 · UPDATING").arg(name)};
}

void layoutStream(const WorldView &w, int s, const QRectF &box, const CanvasTheme &t, CanvasGeometry &g) {
  const KinesisView &k = w.kinesis();
  const StreamView &stream = k.streams[static_cast<std::size_t>(s)];
  const QFontMetricsF title(t.font), small(t.small);
  g.addShape({Kind::Stream, s}, box);
  const QRectF head(box.left() + t.px(8), box.top() + t.px(3), box.width() - t.px(16), title.height());
  g.addFirstFitting(head, streamTitles(stream, w.now()), true, t);
  // A row of its own for the endpoint and the three zones: puts arrive at the endpoint on the
  // left and fan out to the zone badges, so their flights cross nothing but this row.
  const QRectF zoneRow(head.left(), head.bottom() + t.px(4), head.width(), title.height());
  const QString endpoint = QObject::tr("endpoint");
  const double endpointW = textWidth(t.small, endpoint) + t.px(6);
  g.addLabel(QRectF(zoneRow.left(), zoneRow.top(), endpointW, zoneRow.height()), endpoint, false, t, Qt::AlignLeft | Qt::AlignVCenter, true);
  g.kinesisAnchors[stream.endpoint] = QPointF(zoneRow.left() + endpointW, zoneRow.center().y());
  // Badges right of the endpoint's label, narrower when the stream's box is.
  const double badgeRoom = (zoneRow.width() - endpointW - t.px(4) * kZones) / kZones;
  const double badgeW = std::min(textWidth(t.font, QObject::tr("AZ %1 down").arg(QChar(u'c'))) + t.px(10), badgeRoom);
  double earliest = zoneRow.left() + endpointW + t.px(4); // right of the endpoint and of the badge before
  for (int z = 0; z < kZones; ++z) {
    const double centre = zoneRow.left() + zoneRow.width() * (0.45 + 0.2 * z);
    const double latest = zoneRow.right() - badgeW * (kZones - z) - t.px(4) * (kZones - 1 - z); // room for the rest
    const QRectF badge(std::min(latest, std::max(earliest, centre - badgeW / 2)), zoneRow.top(), badgeW, zoneRow.height());
    earliest = badge.right() + t.px(4);
    g.addShape({Kind::Zone, z}, badge);
    const QChar zone('a' + z);
    g.addFirstFitting(badge.adjusted(t.px(2), 0, -t.px(2), 0),
                      k.zones[static_cast<std::size_t>(z)].up
                          ? QStringList{QObject::tr("AZ %1").arg(zone), QString(zone)}
                          : QStringList{QObject::tr("AZ %1 down").arg(zone), QObject::tr("%1 down").arg(zone), QString(zone)},
                      true, t, Qt::AlignHCenter | Qt::AlignVCenter);
    g.kinesisAnchors[k.zones[static_cast<std::size_t>(z)].node] = QPointF(badge.left(), badge.center().y());
  }

  const bool lineage = stream.lineage;
  const QRectF content(box.left() + t.px(8) + (lineage ? t.px(18) : 0), zoneRow.bottom() + t.px(6), box.width() - t.px(16) - (lineage ? t.px(18) : 0),
                       box.bottom() - t.px(6) - zoneRow.bottom() - t.px(6));
  const auto pitchFor = [&](const QRectF &area, std::size_t rows) {
    return std::min(laneMaxPitch(w, t), area.height() / std::max(1.0, static_cast<double>(rows)));
  };
  const auto gapFor = [&](double pitch) { return pitch >= t.px(12) ? std::max(1.0, pitch * 0.14) : 0.0; };
  const auto labelled = [&](double pitch) { return pitch - gapFor(pitch) + 0.5 >= small.height(); };
  // Too many shards for a readable row each: closed parents (no writes, read until their
  // children take over) fold into one line, so the open shards keep the room.
  std::vector<int> shown(stream.shards.begin(), stream.shards.end());
  QRectF lanes = content;
  if (static_cast<int>(shown.size()) > stream.openShards && !labelled(pitchFor(content, shown.size()))) {
    const auto highlighted = [&](int slot) { // a lesson pointing at a parent keeps it in view
      return g.highlights && std::ranges::any_of(*g.highlights, [&](const model::WorldItem &item) {
               return (item.kind == Kind::Shard || item.kind == Kind::ShardRecord) && item.a == slot;
             });
    };
    std::erase_if(shown, [&](int slot) { return !k.shardAt(slot).open && !highlighted(slot); });
    if (const auto closed = static_cast<int>(stream.shards.size() - shown.size()); closed > 0) {
      const QRectF note(content.left(), content.top(), content.width(), small.height());
      g.addFirstFitting(note,
                        {QObject::tr("%n closed parent shard(s) folded away: zoom in to see them", nullptr, closed),
                         QObject::tr("%n closed shard(s) folded", nullptr, closed), QObject::tr("+%1 closed").arg(closed)},
                        false, t, Qt::AlignLeft | Qt::AlignVCenter);
      lanes.setTop(note.bottom() + t.px(2));
    }
  }
  const double pitch = pitchFor(lanes, shown.size());
  if (pitch < t.px(kMinLanePitch)) { // too thin for lanes: the key space, a span per shard
    layoutKeySpace(w, s, lanes, t, g);
    return;
  }
  const double gap = gapFor(pitch);
  double labelW = 0;
  if (labelled(pitch))
    labelW = std::min(lanes.width() * 0.3, textWidth(t.small, QStringLiteral("shard 00 · 100.0%–100.0%")) + t.px(10));
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const QRectF lane(lanes.left(), lanes.top() + static_cast<double>(i) * pitch, lanes.width(), pitch - gap);
    if (g.onScreen(lane)) // a big stream's lanes off screen are left out
      layoutLane(w, shown[i], lane, labelW, t, g);
  }
}

/// An application's box titled with how it reads: fan-out consumers have a pipe of their own;
/// polling ones show how often the shared read budget refused them.
ClientBox applicationBox(const ApplicationView &app, int a) {
  const QString name = QString::fromStdString(app.name);
  QString how;
  QStringList shorter;
  if (app.refused) {
    how = QObject::tr(" · fan-out refused (20 per stream)");
    shorter << name + QObject::tr(" · refused");
  } else if (app.fanOut) {
    how = QObject::tr(" (fan-out: own 2 MiB/s per shard)");
    shorter << name + QObject::tr(" (fan-out)");
  } else if (app.readThrottled > 0) {
    how = QObject::tr(" · %n read(s) throttled (shared budget)", nullptr, static_cast<int>(std::min<std::int64_t>(app.readThrottled, 1 << 30)));
    shorter << name + QObject::tr(" · %n throttled", nullptr, static_cast<int>(std::min<std::int64_t>(app.readThrottled, 1 << 30)));
  }
  return ClientBox{{Kind::Application, a}, name + how, {}, shorter};
}

void layoutApplications(const KinesisView &k, const QRectF &column, const CanvasTheme &t, CanvasGeometry &g) {
  std::vector<ClientBox> boxes;
  for (std::size_t a = 0; a < k.apps.size(); ++a) {
    const ApplicationView &app = k.apps[a];
    ClientBox box = applicationBox(app, static_cast<int>(a));
    for (std::size_t wi = 0; wi < app.workers.size(); ++wi) {
      const WorkerView &worker = app.workers[wi];
      const QString state = !worker.alive ? QObject::tr("dead")
          : worker.startsAt               ? QObject::tr("starts at %1 s").arg(static_cast<double>(*worker.startsAt) / model::kSecond, 0, 'f', 0)
          : !worker.inApp                 ? QObject::tr("shut down")
                                          : QObject::tr("%n lease(s)", nullptr, worker.leases);
      box.rows.push_back({{Kind::Worker, static_cast<int>(a), static_cast<int>(wi)},
                          QObject::tr("w%1%2 · %3").arg(wi).arg(worker.leader ? QStringLiteral(" ★") : QString(), state),
                          QString(),
                          !worker.alive || !worker.inApp || worker.startsAt.has_value(),
                          worker.node});
    }
    boxes.push_back(std::move(box));
  }
  layoutClientColumn(g, column, boxes, t, g.kinesisAnchors);
}

} // namespace

void layoutKinesis(const WorldView &w, const QRectF &pane, const CanvasTheme &t, CanvasGeometry &g) {
  const KinesisView &k = w.kinesis();
  const QFontMetricsF title(t.font);
  const QRectF body =
      layoutPaneHeading(g, pane,
                        {QObject::tr("Amazon Kinesis Data Streams · each put is written to 3 availability zones before it is acknowledged"),
                         QObject::tr("Amazon Kinesis Data Streams · 3 zones hold each put before its ack"),
                         QObject::tr("Amazon Kinesis Data Streams"), QObject::tr("Kinesis")},
                        k.ackLatencyMs, t);
  const PaneColumns columns = paneColumns(body, !k.apps.empty(), t);
  layoutProducers(w, columns.producers, t, g);
  const auto streams = static_cast<int>(k.streams.size());
  double wanted = 0;
  for (const StreamView &st : k.streams)
    wanted = std::max(wanted, 2 * title.height() + t.px(24) + laneMaxPitch(w, t) * static_cast<double>(st.shards.size()));
  const auto boxes = stackBoxes(columns.middle, streams, wanted, t.px(10));
  for (int s = 0; s < streams; ++s)
    layoutStream(w, s, boxes[static_cast<std::size_t>(s)], t, g);
  if (!columns.clients.isEmpty())
    layoutApplications(k, columns.clients, t, g);
}

} // namespace streamscope::ui
