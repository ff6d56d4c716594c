#include "live_cluster_view.h"

#include "ui/canvas/canvas_painter.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace streamscope::ui {
namespace {

bool contains(const std::vector<int> &v, int x) { return std::ranges::find(v, x) != v.end(); }

} // namespace

LiveClusterView::LiveClusterView(QWidget *parent) : QWidget(parent) {
  setMinimumSize(480, 320);
  m_theme = CanvasTheme::from(palette(), font(), false);
  setToolTip(tr("Each broker holds a strip per partition replica: a bar from the low to the high watermark. "
                "★ leader; hatched: out of the ISR. Click a strip to inspect its partition."));
}

void LiveClusterView::changeEvent(QEvent *e) {
  if (e->type() == QEvent::PaletteChange || e->type() == QEvent::FontChange)
    m_theme = CanvasTheme::from(palette(), font(), false);
  QWidget::changeEvent(e);
}

void LiveClusterView::setSnapshot(const live::ClusterSnapshot &s, const QString &title) {
  m_snapshot = s;
  m_title = title;
  if (m_selected >= static_cast<int>(m_snapshot.partitions.size()))
    m_selected = -1;
  update();
}

void LiveClusterView::mousePressEvent(QMouseEvent *e) {
  layOut();
  for (const Strip &s : m_strips)
    if (s.rect.adjusted(0, -2, 0, 2).contains(e->position())) {
      m_selected = s.partition;
      emit partitionSelected(m_selected);
      update();
      return;
    }
}

QRectF LiveClusterView::brokerBox(int index) const {
  const CanvasTheme &t = m_theme;
  const auto brokers = static_cast<int>(m_snapshot.brokers.size());
  const QRectF area = QRectF(rect()).adjusted(t.px(8), t.px(30), -width() * 0.28, -t.px(26)); // the key below
  const double gap = t.px(10);
  const double boxH = (area.height() - gap * (brokers - 1)) / brokers;
  return {area.left(), area.top() + index * (boxH + gap), area.width(), boxH};
}

double LiveClusterView::labelWidth() const {
  const QFontMetricsF small(m_theme.small);
  double widest = 0;
  for (const live::LivePartition &p : m_snapshot.partitions)
    widest = std::max(widest, small.horizontalAdvance(QStringLiteral("%1-%2 ★").arg(p.topic).arg(p.partition)));
  return std::min(widest, brokerBox(0).width() * 0.35);
}

void LiveClusterView::layOut() {
  m_strips.clear();
  const CanvasTheme &t = m_theme;
  for (int b = 0; b < static_cast<int>(m_snapshot.brokers.size()); ++b) {
    const QRectF box = brokerBox(b);
    int row = 0;
    const int id = m_snapshot.brokers[static_cast<std::size_t>(b)].id;
    int rows = 0;
    for (const live::LivePartition &p : m_snapshot.partitions)
      rows += contains(p.replicas, id) ? 1 : 0;
    const double stripH = std::min(t.px(18), (box.height() - t.px(24)) / std::max(1, rows));
    const double labelW = labelWidth();
    for (std::size_t i = 0; i < m_snapshot.partitions.size(); ++i)
      if (contains(m_snapshot.partitions[i].replicas, id))
        m_strips.push_back(
            {QRectF(box.left() + labelW + t.px(12), box.top() + t.px(22) + row++ * stripH, box.width() - labelW - t.px(20), stripH * 0.8),
             static_cast<int>(i), id});
  }
}

void LiveClusterView::paintEvent(QPaintEvent *) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const CanvasTheme &t = m_theme;
  p.fillRect(rect(), t.background);
  p.setFont(t.font);
  p.setPen(t.text);
  p.drawText(QRectF(t.px(8), t.px(4), width() - t.px(16), t.px(22)), Qt::AlignLeft | Qt::AlignVCenter, m_title);
  layOut();
  if (m_snapshot.brokers.empty()) {
    p.setPen(t.mutedText);
    p.drawText(rect(), Qt::AlignCenter, tr("Connecting…"));
    return;
  }
  std::int64_t top = 1; // one offset scale for every strip, so bars compare
  for (const live::LivePartition &lp : m_snapshot.partitions)
    top = std::max(top, lp.highWatermark);
  // Broker boxes: the strips of one broker share its box.
  for (int b = 0; b < static_cast<int>(m_snapshot.brokers.size()); ++b) {
    const live::LiveBroker &broker = m_snapshot.brokers[static_cast<std::size_t>(b)];
    const QRectF box = brokerBox(b);
    const bool leadsOrFollows = std::ranges::any_of(
        m_snapshot.partitions, [&](const live::LivePartition &lp) { return lp.leader == broker.id || contains(lp.isr, broker.id); });
    const bool hasReplicas =
        std::ranges::any_of(m_snapshot.partitions, [&](const live::LivePartition &lp) { return contains(lp.replicas, broker.id); });
    paintBox(p, box, t, hasReplicas && !leadsOrFollows ? t.failure : t.panelBorder, t.px(hasReplicas && !leadsOrFollows ? 2.5 : 1.2));
    const int leads = static_cast<int>(std::ranges::count(m_snapshot.partitions, broker.id, &live::LivePartition::leader));
    p.setFont(t.font);
    p.setPen(t.text);
    p.drawText(box.adjusted(t.px(8), t.px(2), -t.px(8), 0), Qt::AlignLeft | Qt::AlignTop,
               tr("broker %1 · %2:%3 · leads %4").arg(broker.id).arg(broker.host).arg(broker.port).arg(leads) +
                   (broker.id == m_snapshot.controller ? tr(" · controller") : QString()));
  }
  p.setFont(t.small);
  for (const Strip &s : m_strips) {
    const live::LivePartition &lp = m_snapshot.partitions[static_cast<std::size_t>(s.partition)];
    const bool leader = lp.leader == s.broker;
    const bool inSync = contains(lp.isr, s.broker);
    p.setPen(t.text);
    const double labelW = labelWidth();
    const QString label = QStringLiteral("%1-%2%3").arg(lp.topic).arg(lp.partition).arg(leader ? QStringLiteral(" ★") : QString());
    p.drawText(QRectF(s.rect.left() - labelW - t.px(6), s.rect.top(), labelW, s.rect.height()), Qt::AlignRight | Qt::AlignVCenter,
               QFontMetricsF(t.small).elidedText(label, Qt::ElideMiddle, labelW));
    p.fillRect(s.rect, t.track);
    if (lp.highWatermark > 0) {
      const double x0 = s.rect.left() + s.rect.width() * static_cast<double>(std::max<std::int64_t>(0, lp.lowWatermark)) / top;
      const double x1 = s.rect.left() + s.rect.width() * static_cast<double>(lp.highWatermark) / top;
      const QRectF bar(x0, s.rect.top(), std::max(1.0, x1 - x0), s.rect.height());
      p.fillRect(bar, leader ? t.leader : t.onDisk);
      if (!inSync)
        p.fillRect(bar, QBrush(t.outOfIsr, Qt::BDiagPattern));
      p.setPen(QPen(t.highWatermark, t.px(2)));
      p.drawLine(QPointF(x1, s.rect.top() - t.px(2)), QPointF(x1, s.rect.bottom() + t.px(2)));
    }
    if (!inSync) {
      p.setPen(t.outOfIsr);
      p.drawText(s.rect.adjusted(t.px(4), 0, -t.px(4), 0), Qt::AlignRight | Qt::AlignVCenter, tr("out of ISR"));
    }
    if (s.partition == m_selected) {
      p.setPen(QPen(t.text, t.px(1.5), Qt::DashLine));
      p.setBrush(Qt::NoBrush);
      p.drawRect(s.rect.adjusted(-t.px(2), -t.px(2), t.px(2), t.px(2)));
    }
  }
  // The key, under the brokers.
  p.setFont(t.small);
  p.setPen(t.mutedText);
  p.drawText(QRectF(t.px(8), height() - t.px(22), width() * 0.72 - t.px(16), t.px(20)), Qt::AlignLeft | Qt::AlignVCenter,
             tr("★ leader (amber) · follower in sync (blue) · hatched: out of the ISR · | high watermark"));
  // Groups, right of the brokers.
  const QRectF groups(width() * 0.74, t.px(30), width() * 0.26 - t.px(8), height() - t.px(38));
  double y = groups.top();
  p.setFont(t.font);
  for (const live::LiveGroup &g : m_snapshot.groups) {
    const QRectF box(groups.left(), y, groups.width(), t.px(44));
    paintBox(p, box, t, t.consume, t.px(1.5));
    p.setPen(t.text);
    p.drawText(box.adjusted(t.px(6), t.px(2), -t.px(6), 0), Qt::AlignLeft | Qt::AlignTop,
               QFontMetricsF(t.font).elidedText(g.group, Qt::ElideMiddle, box.width() - t.px(12)));
    p.setFont(t.small);
    p.setPen(t.mutedText);
    p.drawText(box.adjusted(t.px(6), 0, -t.px(6), -t.px(4)), Qt::AlignLeft | Qt::AlignBottom,
               tr("%1 · %n member(s) · lag %2", nullptr, g.members).arg(g.state).arg(g.lag));
    p.setFont(t.font);
    y += box.height() + t.px(8);
  }
  if (!m_snapshot.groupsNote.isEmpty()) {
    p.setFont(t.small);
    p.setPen(t.mutedText);
    p.drawText(QRectF(groups.left(), y, groups.width(), groups.bottom() - y), Qt::TextWordWrap | Qt::AlignTop, m_snapshot.groupsNote);
  }
}

QString explainLivePartition(const live::ClusterSnapshot &s, int index) {
  if (index < 0 || index >= static_cast<int>(s.partitions.size()))
    return QObject::tr("Click a strip to inspect its partition.");
  const live::LivePartition &p = s.partitions[static_cast<std::size_t>(index)];
  QStringList replicas, isr, outOfSync;
  for (int r : p.replicas) {
    replicas << QString::number(r);
    if (!contains(p.isr, r))
      outOfSync << QString::number(r);
  }
  for (int r : p.isr)
    isr << QString::number(r);
  QString text = QObject::tr("<h3>%1-%2</h3><p>Leader: broker %3. Replicas: %4. In sync: %5.</p>")
                     .arg(p.topic)
                     .arg(p.partition)
                     .arg(p.leader)
                     .arg(replicas.join(QStringLiteral(", ")), isr.join(QStringLiteral(", ")));
  text += outOfSync.isEmpty()
      ? QObject::tr("<p>Every replica is in sync: with acks=all, a write is acknowledged once all %1 have it.</p>").arg(p.isr.size())
      : QObject::tr("<p>Out of sync: broker %1. They have fallen behind the leader (or are down); acks=all now waits "
                    "only for the %2 in-sync replicas, and if fewer than min.insync.replicas remain, the leader "
                    "refuses acks=all writes.</p>")
            .arg(outOfSync.join(QStringLiteral(", ")))
            .arg(p.isr.size());
  text += QObject::tr("<p>Offsets %1 to %2: the low watermark is the oldest offset still kept; the high watermark is the first "
                      "offset not yet on every in-sync replica, the end of what consumers may read.</p>")
              .arg(p.lowWatermark)
              .arg(p.highWatermark);
  for (const live::LiveGroup &g : s.groups)
    for (const auto &[partition, offset] : g.committed)
      if (partition == index)
        text += QObject::tr("<p>Group %1 committed offset %2: lag %3.</p>")
                    .arg(g.group)
                    .arg(offset)
                    .arg(std::max<std::int64_t>(0, p.highWatermark - offset));
  if (!p.error.isEmpty())
    text += QObject::tr("<p>Error: %1</p>").arg(p.error.toHtmlEscaped());
  return text;
}

} // namespace streamscope::ui
