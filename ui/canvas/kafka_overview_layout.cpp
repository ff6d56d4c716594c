// The Kafka pane's far levels of detail: a tile per broker (its load, its partitions in
// trouble, the active controller) and, at the Summary level, a pixel per partition in a
// matrix per topic; at the Replicas level each tile holds a pixel per replica it hosts.
#include "canvas_geometry.h"
#include "model/view/cluster_load.h"
#include "text_cache.h"

#include <QFontMetricsF>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;
using namespace model; // the view's rows

/// Smallest replica pixel that still reads as one; below it a tile shows the broker's sums.
constexpr double kMinReplicaCell = 9;
/// Smallest strip pitch the detailed level is drawn at (the strips of every small world).
constexpr double kMinStripPitch = 3;

struct CellFit {
  int columns = 1;
  double cell = 0; ///< 0: does not fit at one pixel a cell
};

/// The largest cell pitch that lays `count` cells out in rows within `area`.
CellFit fitCells(std::size_t count, QSizeF area) {
  if (count == 0 || area.width() < 1 || area.height() < 1)
    return {};
  for (double cell = std::sqrt(area.width() * area.height() / static_cast<double>(count)); cell >= 1; cell -= std::max(0.25, cell * 0.04)) {
    const int columns = static_cast<int>(area.width() / cell);
    const auto rows = (count + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(std::max(1, columns));
    if (columns >= 1 && static_cast<double>(rows) * cell <= area.height())
      return {columns, cell};
  }
  return {};
}

/// A grid of `n` tiles in `area`: the column count that makes tiles of shape `aspect` (width
/// over height) largest, each at most `maxSize`.
std::vector<QRectF> tileGrid(int n, const QRectF &area, double aspect, QSizeF maxSize, double gap) {
  int best = 1;
  double bestScale = -1;
  for (int cols = 1; cols <= n; ++cols) {
    const int rows = (n + cols - 1) / cols;
    const double w = std::min(maxSize.width(), (area.width() - gap * (cols - 1)) / cols);
    const double h = std::min(maxSize.height(), (area.height() - gap * (rows - 1)) / rows);
    if (const double scale = std::min(w / aspect, h); scale > bestScale) {
      bestScale = scale;
      best = cols;
    }
  }
  const int rows = (n + best - 1) / best;
  const double w = std::min(maxSize.width(), (area.width() - gap * (best - 1)) / best);
  const double h = std::min(maxSize.height(), (area.height() - gap * (rows - 1)) / rows);
  std::vector<QRectF> tiles;
  for (int i = 0; i < n; ++i)
    tiles.emplace_back(area.left() + (i % best) * (w + gap), area.top() + (i / best) * (h + gap), w, h);
  return tiles;
}

/// The tile's inner area below its title row (the Replicas level's pixels go there).
QRectF tileContent(const QRectF &tile, const CanvasTheme &t) {
  return tile.adjusted(t.px(5), QFontMetricsF(t.font).height() + t.px(5), -t.px(5), -t.px(4));
}

QString rateText(std::int64_t bytesPerSecond) {
  const QLocale locale;
  if (bytesPerSecond >= 1000000)
    return QObject::tr("%1 MB/s").arg(locale.toString(static_cast<double>(bytesPerSecond) / 1e6, 'f', 1));
  return QObject::tr("%1 kB/s").arg(locale.toString(static_cast<double>(bytesPerSecond) / 1e3, 'f', 0));
}

/// A pill at the right end of `row` with `count` in it, left of `right`; returns its left edge.
double addBadge(CanvasGeometry &g, const QRectF &row, double right, int count, QRectF &badge, const CanvasTheme &t) {
  if (count <= 0)
    return right;
  const QFontMetricsF small(t.small);
  const QString text = QString::number(count);
  // At least the room addLabel asks of any label (three average characters).
  const double w = std::max(textWidth(t.small, text), small.averageCharWidth() * 3) + t.px(8);
  if (right - w < row.left() + row.width() * 0.35) // no room: the tile's border still tells
    return right;
  badge = QRectF(right - w, row.center().y() - small.height() / 2, w, small.height());
  g.addLabel(badge.adjusted(t.px(3), 0, -t.px(3), 0), text, false, t, Qt::AlignHCenter | Qt::AlignVCenter);
  return badge.left() - t.px(3);
}

void layoutTile(const BrokerView &b, const BrokerLoad &load, const QRectF &rect, double maxBytes, int maxLeaders, int controller, Detail detail,
                const CanvasTheme &t, CanvasGeometry &g) {
  const QFontMetricsF title(t.font), small(t.small);
  g.addShape({Kind::Broker, b.id}, rect);
  g.kafkaAnchors[b.node] = rect.center();
  BrokerTile tile;
  tile.broker = b.id;
  tile.rect = rect;
  tile.heat = maxBytes > 0 ? static_cast<double>(load.bytesIn) / maxBytes : 0;
  tile.leaderShare = maxLeaders > 0 ? static_cast<double>(load.leaders) / maxLeaders : 0;
  tile.controller = b.id == controller;
  const QRectF inner = rect.adjusted(t.px(5), t.px(3), -t.px(5), -t.px(3));
  const QRectF head(inner.left(), inner.top(), inner.width() - (tile.controller ? t.px(10) : 0), title.height());
  const QString rate = rateText(load.bytesIn);
  const QString state = b.state == BrokerState::PoweredOff ? QObject::tr("OFF")
      : b.state == BrokerState::Crashed                    ? QObject::tr("CRASHED")
      : b.isolated                                         ? QObject::tr("ISOLATED")
                                                           : QString();
  QStringList titles = {QObject::tr("broker %1").arg(b.id), QObject::tr("b%1").arg(b.id)};
  if (!state.isEmpty())
    titles = QStringList{QObject::tr("broker %1 %2").arg(b.id).arg(state), QObject::tr("b%1 %2").arg(b.id).arg(state)} + titles;
  else if (detail == Detail::Replicas)
    titles.prepend(QObject::tr("broker %1 · leads %2/%3 · %4").arg(b.id).arg(load.leaders).arg(load.replicas).arg(rate));
  if (detail == Detail::Replicas) { // the badges share the title row
    const double left = addBadge(g, head, head.right(), load.offline, tile.offlineBadge, t);
    const double right = addBadge(g, head, left, load.underReplicated, tile.underReplicatedBadge, t);
    g.addFirstFitting(QRectF(head.left(), head.top(), right - head.left() - t.px(2), head.height()), titles, true, t);
  } else {
    g.addFirstFitting(head, titles, true, t);
    const QRectF detailRow(inner.left(), head.bottom(), inner.width(), small.height());
    const double left = addBadge(g, detailRow, detailRow.right(), load.offline, tile.offlineBadge, t);
    const double right = addBadge(g, detailRow, left, load.underReplicated, tile.underReplicatedBadge, t);
    // The numbers only where a form fits whole: a hundred cut labels say nothing (the bar
    // and a click on the tile do).
    const QRectF numbers(detailRow.left(), detailRow.top(), right - detailRow.left() - t.px(2), detailRow.height());
    for (const QString &form : {QObject::tr("%1 leaders · %2").arg(load.leaders).arg(rate), QObject::tr("%1 ldr · %2").arg(load.leaders).arg(rate)})
      if (detailRow.bottom() <= inner.bottom() - t.px(3) && textWidth(t.small, form) + 1 <= numbers.width()) {
        g.addLabel(numbers, form, false, t, Qt::AlignLeft | Qt::AlignVCenter, true);
        break;
      }
    tile.leaderBar = QRectF(inner.left(), inner.bottom() - t.px(3), inner.width(), t.px(3));
  }
  g.tiles.push_back(tile);
}

/// The Replicas level's pixels in each tile: one per hosted replica, in partition order.
void addReplicaMatrix(const std::vector<int> &parts, int broker, const CanvasTheme &t, CanvasGeometry &g) {
  BrokerTile &tile = g.tiles.back();
  const QRectF content = tileContent(tile.rect, t);
  const CellFit fit = fitCells(parts.size(), content.size());
  if (fit.cell <= 0)
    return;
  PixelMatrix m;
  m.rect = content;
  m.columns = fit.columns;
  m.cell = fit.cell;
  m.broker = broker;
  m.partitions = parts;
  m.brokers.assign(parts.size(), broker);
  tile.matrix = static_cast<int>(g.matrices.size());
  g.matrices.push_back(std::move(m));
}

/// The topics' matrices in `area`: a title each ("t0 · 1,000 partitions · 3 offline") over a
/// pixel per partition, side by side in the column count that gives the largest pixels.
void layoutTopicMatrices(const KafkaView &k, const QRectF &area, const CanvasTheme &t, CanvasGeometry &g) {
  std::vector<int> topics;
  for (std::size_t i = 0; i < k.topics.size(); ++i)
    if (!k.topics[i].deleted && !k.topics[i].internal)
      topics.push_back(static_cast<int>(i));
  if (topics.empty())
    return;
  std::vector<std::vector<int>> parts(k.topics.size());
  for (const PartitionView &p : k.partitions)
    parts[static_cast<std::size_t>(p.topic)].push_back(p.id);
  const QFontMetricsF small(t.small);
  const double titleH = small.height() + t.px(2), gap = t.px(12);
  const auto n = static_cast<int>(topics.size());
  int bestCols = 1;
  double bestCell = -1;
  for (int cols = 1; cols <= n; ++cols) {
    const int rows = (n + cols - 1) / cols;
    const QSizeF box((area.width() - gap * (cols - 1)) / cols, (area.height() - gap * (rows - 1)) / rows - titleH);
    double cell = 1e9;
    for (int topic : topics)
      cell = std::min(cell, fitCells(parts[static_cast<std::size_t>(topic)].size(), box).cell);
    if (cell > bestCell) {
      bestCell = cell;
      bestCols = cols;
    }
  }
  const int rows = (n + bestCols - 1) / bestCols;
  const double boxW = (area.width() - gap * (bestCols - 1)) / bestCols;
  const double boxH = (area.height() - gap * (rows - 1)) / rows;
  const QLocale locale;
  for (int i = 0; i < n; ++i) {
    const TopicView &topic = k.topics[static_cast<std::size_t>(topics[static_cast<std::size_t>(i)])];
    const std::vector<int> &ids = parts[static_cast<std::size_t>(topics[static_cast<std::size_t>(i)])];
    const QRectF box(area.left() + (i % bestCols) * (boxW + gap), area.top() + (i / bestCols) * (boxH + gap), boxW, boxH);
    int troubled[4] = {};
    for (int p : ids)
      ++troubled[static_cast<int>(healthOf(k, k.partitions[static_cast<std::size_t>(p)]))];
    const QString name = QString::fromStdString(topic.name);
    QString trouble, shortTrouble; // only what is wrong, in words and then in Kafka's metric names
    const char *words[] = {"", " · %1 under-replicated", " · %1 below min ISR", " · %1 offline"};
    const char *metrics[] = {"", " · %1 URP", " · %1 <min ISR", " · %1 offline"};
    for (int h = 1; h < 4; ++h)
      if (troubled[h] > 0) {
        trouble += QObject::tr(words[h]).arg(troubled[h]);
        shortTrouble += QObject::tr(metrics[h]).arg(troubled[h]);
      }
    const QString count = QObject::tr("%1 partitions").arg(locale.toString(static_cast<qlonglong>(ids.size())));
    g.addFirstFitting(QRectF(box.left(), box.top(), box.width(), small.height()),
                      {QObject::tr("topic %1 · %2%3").arg(name, count, trouble), QStringLiteral("%1 · %2%3").arg(name, count, shortTrouble),
                       name + shortTrouble, name},
                      false, t);
    const QRectF cells(box.left(), box.top() + titleH, box.width(), box.height() - titleH);
    const CellFit fit = fitCells(ids.size(), cells.size());
    if (fit.cell <= 0)
      continue;
    PixelMatrix m;
    m.rect = cells;
    m.columns = fit.columns;
    m.cell = fit.cell;
    m.topic = topics[static_cast<std::size_t>(i)];
    m.partitions = ids;
    for (int p : ids) {
      const PartitionView &part = k.partitions[static_cast<std::size_t>(p)];
      m.brokers.push_back(part.leader >= 0 ? part.leader : part.replicas.empty() ? -1 : part.replicas.front().broker);
    }
    g.matrices.push_back(std::move(m));
  }
}

/// Whether a tile per broker in `middle` gives each hosted replica a readable pixel.
bool replicasFit(const KafkaView &k, const QRectF &middle, const CanvasTheme &t) {
  std::vector<std::size_t> hosted(k.brokers.size());
  for (const PartitionView &p : k.partitions)
    for (const ReplicaView &r : p.replicas)
      ++hosted[static_cast<std::size_t>(r.broker)];
  const std::size_t most = hosted.empty() ? 0 : *std::max_element(hosted.begin(), hosted.end());
  const auto tiles = tileGrid(static_cast<int>(k.activeBrokers.size()), middle, 1.4, middle.size(), t.px(6));
  return !tiles.empty() && fitCells(most, tileContent(tiles.front(), t).size()).cell >= t.px(kMinReplicaCell);
}

} // namespace

QRectF PixelMatrix::cellRect(std::size_t i) const {
  const auto row = static_cast<double>(i / static_cast<std::size_t>(columns));
  const auto col = static_cast<double>(i % static_cast<std::size_t>(columns));
  return QRectF(rect.left() + col * cell, rect.top() + row * cell, cell, cell);
}

int PixelMatrix::indexAt(QPointF p) const {
  if (cell <= 0 || !rect.contains(p))
    return -1;
  const auto col = static_cast<int>((p.x() - rect.left()) / cell);
  const auto row = static_cast<int>((p.y() - rect.top()) / cell);
  const std::size_t i = static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(col);
  return col < columns && i < partitions.size() ? static_cast<int>(i) : -1;
}

Detail kafkaDetailFor(const WorldView &w, const QRectF &pane, const CanvasTheme &t) {
  const KafkaView &k = w.kafka();
  if (k.activeBrokers.empty())
    return Detail::Strips;
  // The brokers' column as layoutKafka finds it (below the heading, between the clients).
  const double pad = t.px(8);
  const QRectF body = pane.adjusted(pad, pad / 2 + QFontMetricsF(t.font).height() + pad, -pad, -pad / 2);
  const QRectF middle = paneColumns(body, !k.groups.empty() || !k.shareGroups.empty(), t).middle;
  if (detailedStripPitch(k, middle, t) >= t.px(kMinStripPitch))
    return Detail::Strips;
  return replicasFit(k, middle, t) ? Detail::Replicas : Detail::Summary;
}

void layoutKafkaOverview(const WorldView &w, const QRectF &middle, const CanvasTheme &t, CanvasGeometry &g) {
  const KafkaView &k = w.kafka();
  const std::vector<BrokerLoad> loads = brokerLoads(w);
  std::vector<std::vector<int>> hosted(k.brokers.size());
  for (const PartitionView &p : k.partitions)
    for (const ReplicaView &r : p.replicas)
      hosted[static_cast<std::size_t>(r.broker)].push_back(p.id);
  double maxBytes = 0;
  int maxLeaders = 0;
  for (const BrokerLoad &load : loads) {
    maxBytes = std::max(maxBytes, static_cast<double>(load.bytesIn));
    maxLeaders = std::max(maxLeaders, load.leaders);
  }
  const int controller = controllerBroker(k);
  const auto brokers = static_cast<int>(k.activeBrokers.size());
  const double gap = t.px(6);
  const QFontMetricsF title(t.font), small(t.small);
  if (g.kafkaDetail == Detail::Replicas) {
    const auto tiles = tileGrid(brokers, middle, 1.4, middle.size(), gap);
    for (int i = 0; i < brokers; ++i) {
      const auto id = static_cast<std::size_t>(k.activeBrokers[static_cast<std::size_t>(i)]);
      layoutTile(k.brokers[id], loads[id], tiles[static_cast<std::size_t>(i)], maxBytes, maxLeaders, controller, Detail::Replicas, t, g);
      if (g.onScreen(tiles[static_cast<std::size_t>(i)]))
        addReplicaMatrix(hosted[id], static_cast<int>(id), t, g);
    }
    return;
  }
  // Summary: the tiles on top, as big as a title and a line of numbers need, then the topics.
  const QSizeF tileMax(t.px(220), title.height() + small.height() + t.px(16));
  auto tiles = tileGrid(brokers, middle, 1.8, tileMax, gap);
  const double tilesBottom = tiles.empty() ? middle.top() : tiles.back().bottom();
  if (tilesBottom > middle.top() + middle.height() * 0.6) // leave the topics room
    tiles = tileGrid(brokers, QRectF(middle.left(), middle.top(), middle.width(), middle.height() * 0.6), 1.8, tileMax, gap);
  double bottom = middle.top();
  for (int i = 0; i < brokers; ++i) {
    const auto id = static_cast<std::size_t>(k.activeBrokers[static_cast<std::size_t>(i)]);
    layoutTile(k.brokers[id], loads[id], tiles[static_cast<std::size_t>(i)], maxBytes, maxLeaders, controller, Detail::Summary, t, g);
    bottom = std::max(bottom, tiles[static_cast<std::size_t>(i)].bottom());
  }
  layoutTopicMatrices(k, QRectF(middle.left(), bottom + t.px(14), middle.width(), middle.bottom() - bottom - t.px(14)), t, g);
}

model::WorldItem CanvasGeometry::replicaOfCell(const PixelMatrix &m, int cell) {
  const auto i = static_cast<std::size_t>(cell);
  return {Kind::Replica, m.partitions[i], m.brokers[i]};
}

QRectF CanvasGeometry::overviewRectOf(const model::WorldItem &item) const {
  if (item.kind == Kind::Replica || item.kind == Kind::LogCell) {
    const PixelMatrix *topicMatrix = nullptr;
    std::size_t topicCell = 0;
    for (const PixelMatrix &m : matrices)
      for (std::size_t i = 0; i < m.partitions.size(); ++i)
        if (m.partitions[i] == item.a) {
          if (m.broker == item.b)
            return m.cellRect(i);
          if (m.broker < 0 && !topicMatrix) {
            topicMatrix = &m;
            topicCell = i;
          }
        }
    return topicMatrix ? topicMatrix->cellRect(topicCell) : QRectF();
  }
  if (item.kind == Kind::Shard)
    for (const KeySpaceGeometry &k : keySpaces)
      if (const KeySpaceGeometry::Span *span = k.spanOf(item.a))
        return span->rect;
  return {};
}

std::vector<std::pair<LegendSwatch::Kind, QString>> overviewLegend(Detail kafka, Detail kinesis, bool brokerController) {
  std::vector<std::pair<LegendSwatch::Kind, QString>> entries;
  if (kafka != Detail::Strips) {
    entries.emplace_back(LegendSwatch::BrokerHeat, QObject::tr("broker: bytes in over the last second (pale idle, deep busiest)"));
    if (brokerController)
      entries.emplace_back(LegendSwatch::Controller, QObject::tr("active controller"));
    entries.emplace_back(LegendSwatch::UnderReplicated, QObject::tr("under-replicated (badge: partitions it leads)"));
    entries.emplace_back(LegendSwatch::Offline, QObject::tr("offline, no leader (badge: partitions it hosts)"));
  }
  if (kafka == Detail::Summary) {
    entries.emplace_back(LegendSwatch::LeaderBar, QObject::tr("partitions it leads"));
    entries.emplace_back(LegendSwatch::PartitionLag, QObject::tr("partition in sync (brighter: more consumer lag)"));
    entries.emplace_back(LegendSwatch::UnderMinIsr, QObject::tr("below min ISR"));
  }
  if (kafka == Detail::Replicas) {
    entries.emplace_back(LegendSwatch::LeaderReplica, QObject::tr("leader replica"));
    entries.emplace_back(LegendSwatch::FollowerInSync, QObject::tr("follower in sync"));
    entries.emplace_back(LegendSwatch::FollowerOutOfIsr, QObject::tr("follower out of ISR"));
  }
  if (kinesis != Detail::Strips) {
    entries.emplace_back(LegendSwatch::ShardLoad, QObject::tr("shard: writes over the last second, of its 1,000 records/s"));
    entries.emplace_back(LegendSwatch::ShardThrottled, QObject::tr("throttled writes (orange: reads only)"));
  }
  if (kafka != Detail::Strips || kinesis != Detail::Strips)
    entries.emplace_back(LegendSwatch::Flow, QObject::tr("traffic between two ends (darker, doubled: more records)"));
  return entries;
}

} // namespace streamscope::ui
