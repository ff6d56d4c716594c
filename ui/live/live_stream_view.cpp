#include "live_stream_view.h"

#include "ui/canvas/canvas_painter.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace streamscope::ui {
namespace {

using live::kinesis::ShardSnapshot;

/// "shardId-000000000007" -> "shard 7": the number is what tells lanes apart.
QString shortShardName(const QString &id) {
  const qsizetype dash = id.lastIndexOf(QLatin1Char('-'));
  bool ok = false;
  const qulonglong n = id.mid(dash + 1).toULongLong(&ok);
  return ok ? QObject::tr("shard %1").arg(n) : id;
}

/// The last digits of a sequence number: enough to see it move.
QString sequenceTail(const QString &sequence) { return sequence.size() > 12 ? QStringLiteral("…") + sequence.right(10) : sequence; }

int indexOf(const live::kinesis::StreamSnapshot &s, const QString &id) {
  for (int i = 0; i < static_cast<int>(s.shards.size()); ++i)
    if (s.shards[i].shard.shardId == id)
      return i;
  return -1;
}

double rateOf(const std::map<QString, double> &rates, const QString &id) {
  const auto it = rates.find(id);
  return it == rates.end() ? 0 : it->second;
}

} // namespace

LiveStreamView::LiveStreamView(QWidget *parent) : QWidget(parent) {
  setMinimumSize(480, 320);
  m_theme = CanvasTheme::from(palette(), font(), false);
  setToolTip(tr("A lane per shard: the bar is the part of the hash key space the shard owns. Closed parents are hatched, with "
                "brackets to their children. Click a lane to inspect its shard."));
}

void LiveStreamView::changeEvent(QEvent *e) {
  if (e->type() == QEvent::PaletteChange || e->type() == QEvent::FontChange)
    m_theme = CanvasTheme::from(palette(), font(), false);
  QWidget::changeEvent(e);
}

void LiveStreamView::setSnapshot(const live::kinesis::StreamSnapshot &s, const std::map<QString, double> &rates,
                                 const std::map<QString, qint64> &seen, const QString &title) {
  m_snapshot = s;
  m_rates = rates;
  m_seen = seen;
  m_title = title;
  if (m_selected >= static_cast<int>(m_snapshot.shards.size()))
    m_selected = -1;
  update();
}

QRectF LiveStreamView::laneRect(int index) const {
  return index >= 0 && index < static_cast<int>(m_lanes.size()) ? m_lanes[static_cast<std::size_t>(index)] : QRectF();
}

void LiveStreamView::mousePressEvent(QMouseEvent *e) {
  layOut();
  for (int i = 0; i < static_cast<int>(m_lanes.size()); ++i)
    if (m_lanes[static_cast<std::size_t>(i)].adjusted(0, -2, 0, 2).contains(e->position())) {
      m_selected = i;
      emit shardSelected(i);
      update();
      return;
    }
}

void LiveStreamView::layOut() {
  m_lanes.clear();
  const CanvasTheme &t = m_theme;
  // Left margin for lineage brackets and names; the key below; the summary on the right.
  const QRectF area = QRectF(rect()).adjusted(t.px(150), t.px(34), -width() * 0.28, -t.px(28));
  const auto shards = static_cast<int>(m_snapshot.shards.size());
  const double pitch = std::min(t.px(48), area.height() / std::max(1, shards));
  for (int i = 0; i < shards; ++i)
    m_lanes.emplace_back(area.left(), area.top() + i * pitch, area.width(), std::max(1.0, pitch * 0.78));
}

void LiveStreamView::paintEvent(QPaintEvent *) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const CanvasTheme &t = m_theme;
  p.fillRect(rect(), t.background);
  p.setFont(t.font);
  p.setPen(t.text);
  p.drawText(QRectF(t.px(8), t.px(4), width() - t.px(16), t.px(22)), Qt::AlignLeft | Qt::AlignVCenter, m_title);
  layOut();
  if (m_snapshot.shards.isEmpty()) {
    p.setPen(t.mutedText);
    p.drawText(rect(), Qt::AlignCenter, tr("Connecting…"));
    return;
  }
  paintLineage(p);
  for (int i = 0; i < static_cast<int>(m_lanes.size()); ++i)
    paintLane(p, i);
  paintSummary(p);
  p.setFont(t.small);
  p.setPen(t.mutedText);
  p.drawText(QRectF(t.px(8), height() - t.px(24), width() * 0.72 - t.px(16), t.px(22)), Qt::AlignLeft | Qt::AlignVCenter,
             tr("bar: the shard's hash keys, 0 to 2¹²⁸−1 · hatched: closed parent (readable, takes no writes) · "
                "glow: records arrived in the last second"));
}

void LiveStreamView::paintLane(QPainter &p, int index) const {
  const CanvasTheme &t = m_theme;
  const ShardSnapshot &s = m_snapshot.shards[index];
  const QRectF lane = m_lanes[static_cast<std::size_t>(index)];
  const double rate = rateOf(m_rates, s.shard.shardId);
  p.fillRect(lane, t.track);
  const double x0 = lane.left() + lane.width() * live::kinesis::hashKeyPosition(s.shard.startingHashKey);
  const double x1 = lane.left() + lane.width() * live::kinesis::hashKeyPosition(s.shard.endingHashKey);
  const QRectF owned(x0, lane.top(), std::max(t.px(2), x1 - x0), lane.height());
  p.fillRect(owned, s.shard.open() ? t.zone : t.pending);
  if (!s.shard.open()) {
    QColor veil = t.background;
    veil.setAlpha(140);
    p.fillRect(lane, veil);
    p.fillRect(owned, QBrush(t.pending, Qt::FDiagPattern));
  }
  if (rate > 0) { // records arrived since the last refresh
    p.setPen(QPen(t.produce, std::min(t.px(2.5), lane.height() / 4)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(owned);
  }
  if (index == m_selected) {
    p.setPen(QPen(t.text, t.px(1.5), Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(lane.adjusted(-t.px(2), -t.px(2), t.px(2), t.px(2)));
  }
  const QFontMetricsF metrics(t.small);
  if (lane.height() < metrics.height() * 0.8)
    return; // too many shards for words on each lane: the inspector has them
  p.setFont(t.small);
  p.setPen(s.shard.open() ? t.text : t.mutedText);
  const QRectF name(t.px(34), lane.top(), lane.left() - t.px(40), lane.height());
  const QString label = shortShardName(s.shard.shardId) + (s.shard.open() ? QString() : tr(" (closed)"));
  p.drawText(name, Qt::AlignRight | Qt::AlignVCenter, metrics.elidedText(label, Qt::ElideMiddle, name.width()));
  const auto seen = m_seen.find(s.shard.shardId);
  QString words = s.latestSequenceNumber.isEmpty() ? tr("no records seen") : tr("latest %1").arg(sequenceTail(s.latestSequenceNumber));
  if (seen != m_seen.end() && seen->second > 0)
    words = tr("%1 arrived · ").arg(QLocale().toString(seen->second)) + words;
  if (s.shard.open())
    words += tr(" · %1 rec/s").arg(QLocale().toString(rate, 'f', rate < 10 ? 1 : 0));
  p.setPen(t.text);
  p.drawText(lane.adjusted(t.px(6), 0, -t.px(6), 0), (x0 - lane.left() > lane.right() - x1 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter,
             words);
}

void LiveStreamView::paintLineage(QPainter &p) const {
  const CanvasTheme &t = m_theme;
  p.setPen(QPen(t.mutedText, t.px(1.5)));
  p.setBrush(Qt::NoBrush);
  for (int c = 0; c < static_cast<int>(m_lanes.size()); ++c) {
    const live::kinesis::ShardInfo &child = m_snapshot.shards[c].shard;
    for (const QString &parentId : {child.parentShardId, child.adjacentParentShardId}) {
      const int parent = parentId.isEmpty() ? -1 : indexOf(m_snapshot, parentId);
      if (parent < 0)
        continue; // a parent past retention is no longer listed
      const QRectF &from = m_lanes[static_cast<std::size_t>(parent)];
      const QRectF &to = m_lanes[static_cast<std::size_t>(c)];
      const QPointF a(t.px(24), from.center().y());
      const QPointF b(t.px(30), to.center().y());
      const double reach = t.px(18);
      QPainterPath path(a);
      path.cubicTo(a - QPointF(reach, 0), b - QPointF(reach + t.px(6), 0), b);
      p.drawPath(path);
      p.drawLine(b, b - QPointF(t.px(4), t.px(3)));
      p.drawLine(b, b - QPointF(t.px(4), -t.px(3)));
    }
  }
}

void LiveStreamView::paintSummary(QPainter &p) const {
  const CanvasTheme &t = m_theme;
  const live::kinesis::StreamSummary &s = m_snapshot.summary;
  const QRectF area(width() * 0.74, t.px(34), width() * 0.26 - t.px(8), height() - t.px(42));
  int open = 0;
  for (const ShardSnapshot &shard : m_snapshot.shards)
    open += shard.shard.open() ? 1 : 0;
  double total = 0;
  for (const auto &[id, rate] : m_rates)
    total += rate;
  QStringList lines{
      tr("status %1").arg(s.status.isEmpty() ? tr("unknown") : s.status),
      s.mode.isEmpty() ? tr("capacity mode not reported") : tr("capacity %1").arg(s.mode.toLower().replace(QLatin1Char('_'), QLatin1Char('-'))),
      tr("%1 open, %2 closed shards").arg(open).arg(m_snapshot.shards.size() - open), tr("%1 records/s read").arg(QLocale().toString(total, 'f', 0))};
  if (s.retentionHours >= 0)
    lines << tr("retention %n hour(s)", nullptr, s.retentionHours);
  const QRectF box(area.left(), area.top(), area.width(), t.px(26) + lines.size() * QFontMetricsF(t.small).height());
  paintBox(p, box, t, t.zone, t.px(1.5));
  p.setFont(t.font);
  p.setPen(t.text);
  p.drawText(box.adjusted(t.px(6), t.px(2), -t.px(6), 0), Qt::AlignLeft | Qt::AlignTop,
             QFontMetricsF(t.font).elidedText(s.name, Qt::ElideMiddle, box.width() - t.px(12)));
  p.setFont(t.small);
  p.setPen(t.mutedText);
  p.drawText(box.adjusted(t.px(6), t.px(22), -t.px(6), 0), Qt::AlignLeft | Qt::AlignTop, lines.join(QLatin1Char('\n')));
  double y = box.bottom() + t.px(10);
  if (!m_snapshot.consumersKnown) {
    p.drawText(QRectF(area.left(), y, area.width(), area.bottom() - y), Qt::TextWordWrap | Qt::AlignTop,
               tr("This endpoint does not list enhanced fan-out consumers."));
    return;
  }
  if (m_snapshot.consumers.isEmpty())
    p.drawText(QRectF(area.left(), y, area.width(), t.px(40)), Qt::TextWordWrap | Qt::AlignTop,
               tr("No enhanced fan-out consumers: readers poll with GetRecords, sharing each shard's 5 calls and 2 MiB a second."));
  for (const live::kinesis::ConsumerInfo &c : m_snapshot.consumers) {
    const QRectF cbox(area.left(), y, area.width(), t.px(40));
    paintBox(p, cbox, t, t.consume, t.px(1.5));
    p.setFont(t.font);
    p.setPen(t.text);
    p.drawText(cbox.adjusted(t.px(6), t.px(2), -t.px(6), 0), Qt::AlignLeft | Qt::AlignTop,
               QFontMetricsF(t.font).elidedText(c.name, Qt::ElideMiddle, cbox.width() - t.px(12)));
    p.setFont(t.small);
    p.setPen(t.mutedText);
    p.drawText(cbox.adjusted(t.px(6), 0, -t.px(6), -t.px(3)), Qt::AlignLeft | Qt::AlignBottom, tr("enhanced fan-out · %1").arg(c.status));
    y += cbox.height() + t.px(8);
  }
}

QString explainLiveShard(const live::kinesis::StreamSnapshot &s, const std::map<QString, double> &rates, int index) {
  if (index < 0 || index >= static_cast<int>(s.shards.size()))
    return QObject::tr("Click a lane to inspect its shard.");
  const ShardSnapshot &shard = s.shards[index];
  const live::kinesis::ShardInfo &info = shard.shard;
  const double share = live::kinesis::hashKeyPosition(info.endingHashKey) - live::kinesis::hashKeyPosition(info.startingHashKey);
  QString text = QObject::tr("<h3>%1</h3><p>Hash keys %2 to %3: %4% of the key space. A record goes to the shard whose range holds "
                             "the MD5 of its partition key, read as a 128-bit number.</p>")
                     .arg(info.shardId.toHtmlEscaped(), info.startingHashKey, info.endingHashKey)
                     .arg(QLocale().toString(share * 100, 'f', share < 0.01 ? 3 : 1));
  QStringList parents, children;
  for (const QString &p : {info.parentShardId, info.adjacentParentShardId})
    if (!p.isEmpty())
      parents << p.toHtmlEscaped();
  for (const ShardSnapshot &other : s.shards)
    if (other.shard.parentShardId == info.shardId || other.shard.adjacentParentShardId == info.shardId)
      children << other.shard.shardId.toHtmlEscaped();
  if (!parents.isEmpty())
    text += QObject::tr("<p>Made by %1 of %2. A reader finishes the parents before it reads this shard, so each key's records stay in "
                        "order.</p>")
                .arg(parents.size() > 1 ? QObject::tr("merging") : QObject::tr("splitting"), parents.join(QObject::tr(" and ")));
  if (info.open())
    text += QObject::tr("<p>Open: it takes writes (1 MiB or 1,000 records a second when provisioned). The live reader saw %1 records "
                        "a second arrive.</p>")
                .arg(QLocale().toString(rateOf(rates, info.shardId), 'f', 1));
  else
    text += QObject::tr("<p>Closed at sequence number %1%2: it takes no more writes, and its records stay readable until retention "
                        "ends.</p>")
                .arg(info.endingSequenceNumber,
                     children.isEmpty() ? QString() : QObject::tr(" when its keys passed to %1").arg(children.join(QObject::tr(" and "))));
  text += QObject::tr("<p>Sequence numbers start at %1. ").arg(info.startingSequenceNumber);
  text += shard.latestSequenceNumber.isEmpty() ? QObject::tr("No record has been seen in it.</p>")
                                               : QObject::tr("The newest record seen is %1.</p>").arg(shard.latestSequenceNumber);
  return text;
}

} // namespace streamscope::ui
