// The Kinesis pane's far level: a stream with too many shards for a lane each is drawn as its
// 2^128 hash key space folded into bands, each open shard a span as wide as its key range.
#include "canvas_geometry.h"
#include "model/view/cluster_load.h"
#include "text_cache.h"

#include <QFontMetricsF>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace streamscope::ui {
namespace {

using namespace model; // the view's rows

/// Narrowest span a shard gets: the bands multiply until each shard has about this much.
constexpr double kMinSpan = 4;
/// A comfortable band height: the bands multiply to fill the stream's box at about this.
constexpr double kBandPitch = 34;
/// A shard's provisioned write limit in records per second.
constexpr double kShardRecordsPerSecond = 1000;

double keyShare(Uint128 key) { return static_cast<double>(key) / std::ldexp(1.0, 128); }

QString percent(double share) { return QString::number(share * 100, 'f', share * 100 == std::floor(share * 100) ? 0 : 1) + QLatin1Char('%'); }

} // namespace

Detail kinesisDetailFor(const WorldView &w, const QRectF &pane, const CanvasTheme &t) {
  // As layoutStream will find it: each stream's box shares the pane; its lanes share the box.
  const KinesisView &k = w.kinesis();
  const double title = QFontMetricsF(t.font).height();
  const double perStream = (pane.height() - 2 * title - t.px(20)) / std::max<std::size_t>(1, k.streams.size());
  for (const StreamView &stream : k.streams)
    if ((perStream - 2 * title - t.px(24)) / std::max(1, stream.openShards) < t.px(kMinLanePitch))
      return Detail::Summary;
  return Detail::Strips;
}

void layoutKeySpace(const WorldView &w, int s, const QRectF &area, const CanvasTheme &t, CanvasGeometry &g) {
  const KinesisView &k = w.kinesis();
  const StreamView &stream = k.streams[static_cast<std::size_t>(s)];
  const QFontMetricsF small(t.small);
  KeySpaceGeometry space;
  space.stream = s;
  std::vector<int> open;
  for (int slot : stream.shards)
    if (k.shardAt(slot).open)
      open.push_back(slot);
  std::sort(open.begin(), open.end(), [&](int a, int b) { return k.shardAt(a).rangeStart < k.shardAt(b).rangeStart; });
  // A caption under the bands: the sums the picture is made of.
  std::int64_t recent = 0;
  int throttled = 0;
  std::vector<std::int64_t> writes;
  for (int slot : open) {
    writes.push_back(recentRecords(k.shardAt(slot), w.now(), kSecond));
    recent += writes.back();
    throttled += k.shardAt(slot).throttledWrites > 0 ? 1 : 0;
  }
  const QLocale locale;
  const QRectF caption(area.left(), area.bottom() - small.height(), area.width(), small.height());
  g.addFirstFitting(caption,
                    {QObject::tr("hash key space: %1 open shards · %2 records/s written · %3 throttled · zoom in for lanes")
                         .arg(locale.toString(static_cast<qlonglong>(open.size())), locale.toString(static_cast<qlonglong>(recent)))
                         .arg(throttled),
                     QObject::tr("%1 shards · %2 rec/s · %3 throttled")
                         .arg(locale.toString(static_cast<qlonglong>(open.size())), locale.toString(static_cast<qlonglong>(recent)))
                         .arg(throttled)},
                    false, t, Qt::AlignLeft | Qt::AlignVCenter, true);
  const double labelW = textWidth(t.small, QStringLiteral("00.0%–00.0%")) + t.px(8);
  const QRectF room(area.left(), area.top(), area.width(), caption.top() - t.px(4) - area.top());
  const double spanRoom = room.width() - labelW;
  // Enough bands for a readable span per shard, and as many more as the height holds at a
  // comfortable band height, so the shards get wider.
  const int needed = static_cast<int>(std::ceil(static_cast<double>(open.size()) * t.px(kMinSpan) / std::max(1.0, spanRoom)));
  const int fit = static_cast<int>(room.height() / t.px(kBandPitch));
  const int bands = std::clamp(std::max(needed, std::min(fit, static_cast<int>(open.size()))), 1, 64);
  const double pitch = std::min(t.px(2 * kBandPitch), room.height() / bands);
  const double gap = pitch >= t.px(8) ? t.px(2) : 0;
  for (int b = 0; b < bands; ++b) {
    const QRectF band(room.left() + labelW, room.top() + b * pitch, spanRoom, pitch - gap);
    space.bands.push_back(band);
    if (band.height() + 0.5 >= small.height())
      g.addLabel(QRectF(room.left(), band.top(), labelW - t.px(4), band.height()),
                 percent(static_cast<double>(b) / bands) + QStringLiteral("–") + percent(static_cast<double>(b + 1) / bands), false, t,
                 Qt::AlignRight | Qt::AlignVCenter, true);
  }
  // Each shard's key range, cut where it crosses from one band into the next.
  for (std::size_t i = 0; i < open.size(); ++i) {
    const ShardView &shard = k.shardAt(open[i]);
    const double from = keyShare(shard.rangeStart) * bands, to = (keyShare(shard.rangeEnd) + std::ldexp(1.0, -128)) * bands;
    for (int b = std::max(0, static_cast<int>(from)); b < bands && b < to; ++b) {
      const QRectF &band = space.bands[static_cast<std::size_t>(b)];
      const double x0 = band.left() + band.width() * (std::max(from, static_cast<double>(b)) - b);
      const double x1 = band.left() + band.width() * (std::min(to, static_cast<double>(b + 1)) - b);
      space.spans.push_back({open[i], QRectF(x0, band.top(), x1 - x0, band.height()), static_cast<double>(writes[i]) / kShardRecordsPerSecond,
                             shard.throttledWrites > 0, shard.throttledReads > 0});
    }
  }
  space.spanOfSlot.assign(k.shards.size(), -1);
  for (std::size_t i = space.spans.size(); i-- > 0;)
    space.spanOfSlot[static_cast<std::size_t>(space.spans[i].slot)] = static_cast<int>(i);
  g.keySpaces.push_back(std::move(space));
}

const KeySpaceGeometry::Span *KeySpaceGeometry::spanAt(QPointF p) const {
  for (const QRectF &band : bands)
    if (band.contains(p)) {
      // Spans are in key order, so in one band they are in x order.
      const auto it = std::partition_point(
          spans.begin(), spans.end(), [&](const Span &s) { return s.rect.bottom() < p.y() || (s.rect.top() <= p.y() && s.rect.right() < p.x()); });
      return it != spans.end() && it->rect.contains(p) ? &*it : nullptr;
    }
  return nullptr;
}

const KeySpaceGeometry::Span *KeySpaceGeometry::spanOf(int slot) const {
  if (slot < 0 || static_cast<std::size_t>(slot) >= spanOfSlot.size() || spanOfSlot[static_cast<std::size_t>(slot)] < 0)
    return nullptr;
  return &spans[static_cast<std::size_t>(spanOfSlot[static_cast<std::size_t>(slot)])];
}

} // namespace streamscope::ui
