// Kafka pane: producers on the left, brokers in the middle (each holding one log strip per
// replica it hosts), consumer groups on the right.
#include "canvas_geometry.h"
#include "model/settings/config_checks.h"

#include <QFontMetricsF>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;
using namespace model; // the view's rows

void layoutProducers(const KafkaView &k, const QRectF &column, const CanvasTheme &t, CanvasGeometry &g) {
  std::vector<ProducerBox> boxes;
  for (std::size_t i = 0; i < k.producers.size(); ++i) {
    const KafkaProducerView &p = k.producers[i];
    boxes.push_back({{Kind::KafkaProducer, static_cast<int>(i)},
                     QString::fromStdString(p.name),
                     QObject::tr("%1 · %2 rec/s").arg(QString::fromStdString(acksSetting(p.acks))).arg(p.rate, 0, 'f', 0),
                     p.node});
  }
  layoutProducerColumn(g, column, boxes, t, g.kafkaAnchors);
}

/// Replicas hosted by `broker`, in partition order.
std::vector<int> partitionsOn(const KafkaView &k, int broker) {
  std::vector<int> result;
  for (std::size_t p = 0; p < k.partitions.size(); ++p)
    if (k.partitions[p].replicaOn(broker))
      result.push_back(static_cast<int>(p));
  return result;
}

/// The grid of broker boxes that gives strips the most usable area.
int chooseColumns(int brokers, int maxStrips, const QRectF &area, const CanvasTheme &t) {
  int best = 1;
  double bestScore = -1;
  for (int cols = 1; cols <= std::min(brokers, 4); ++cols) {
    const int rows = (brokers + cols - 1) / cols;
    const double boxW = (area.width() - t.px(10) * (cols - 1)) / cols;
    const double boxH = (area.height() - t.px(10) * (rows - 1)) / rows;
    const double stripH = (boxH - t.px(30)) / std::max(1, maxStrips);
    const double score = std::min(stripH, t.px(24)) * std::min(boxW, t.px(900));
    if (score > bestScore) {
      bestScore = score;
      best = cols;
    }
  }
  return best;
}

QString brokerStateText(const BrokerView &b) {
  if (b.state == BrokerState::PoweredOff)
    return QObject::tr("POWER OFF");
  if (b.state == BrokerState::Crashed)
    return QObject::tr("CRASHED");
  if (b.isolated)
    return QObject::tr("ISOLATED");
  if (b.fenced)
    return QObject::tr("fenced");
  if (b.extraDelay > 0)
    return QObject::tr("slow +%1 ms").arg(toMs(b.extraDelay), 0, 'f', 0);
  return QObject::tr("running");
}

/// The offsets every replica of `p` shows: the newest ones that fit at a readable width.
struct Window {
  Offset first = 0, end = 0, logStart = 0;
  double cellWidth = 0, x0 = 0;
};

Window windowFor(const PartitionView &part, const QRectF &cells, double stripHeight, const CanvasTheme &t) {
  Window win;
  Offset end = 0, start = INT64_MAX;
  for (const ReplicaView &replica : part.replicas) {
    end = std::max(end, replica.log->leo());
    start = std::min(start, replica.log->logStart());
  }
  start = std::min(start, end);
  win.logStart = start;
  win.end = end;
  // A steady cell width (about 48 per strip) so the picture slides rather than rescales.
  const double cellWidth = std::clamp(cells.width() / 48, t.px(7), t.px(26));
  const auto capacity = static_cast<Offset>(cells.width() / cellWidth);
  win.x0 = cells.left();
  if (stripHeight < t.px(5) || capacity < 6) { // too small for cells: one proportional bar
    win.first = start;
    return win;
  }
  win.cellWidth = cellWidth;
  if (end - start <= capacity) {
    win.first = start;
    return win;
  }
  // More records than fit: the oldest retained ones are summed up in a block on the left.
  const Offset summary = 3;
  win.first = end - (capacity - summary);
  win.x0 = cells.left() + static_cast<double>(summary) * cellWidth;
  return win;
}

/// The numbers behind a strip's marks: role, HW, LEO and, on the leader, each group's offset.
QString stripCaption(const WorldView &w, int p, int broker, const RecentChanges *recent) {
  const KafkaView &k = w.kafka();
  const PartitionView &part = k.partitions[static_cast<std::size_t>(p)];
  const ReplicaLog &log = part.logOf(broker);
  const QLocale locale;
  const auto n = [&](Offset o) { return locale.toString(static_cast<qlonglong>(o)); };
  if (!k.brokers[static_cast<std::size_t>(broker)].running())
    return QObject::tr("stopped · LEO %1").arg(n(log.leo()));
  if (part.leader == broker) {
    const bool fresh = recent && recent->leaderChanged(p, w.now());
    QString text = (fresh ? QObject::tr("NEW LEADER, epoch %1 · HW %2 · LEO %3") : QObject::tr("leader, epoch %1 · HW %2 · LEO %3"))
                       .arg(part.epoch)
                       .arg(n(log.highWatermark()), n(log.leo()));
    for (const GroupView &g : k.groups)
      if (const GroupPartitionView *gp = g.partition(part); gp && gp->committed >= 0)
        text += QObject::tr(" · %1 committed %2").arg(QString::fromStdString(g.name), n(gp->committed));
    return text;
  }
  if (part.leader < 0)
    return QObject::tr("no leader · LEO %1").arg(n(log.leo()));
  if (!part.inIsr(broker))
    return QObject::tr("OUT OF ISR · LEO %1, leader at %2").arg(n(log.leo()), n(part.logOf(part.leader).leo()));
  return QObject::tr("in sync · HW %1 · LEO %2").arg(n(log.highWatermark()), n(log.leo()));
}

/// "broker 3 · leads 7/21": the counts stay readable when strips are too small for names.
QString brokerTitle(const KafkaView &k, int broker) {
  int hosted = 0, leads = 0;
  for (const PartitionView &p : k.partitions)
    if (p.replicaOn(broker)) {
      ++hosted;
      leads += p.leader == broker ? 1 : 0;
    }
  return QObject::tr("broker %1 · leads %2/%3").arg(broker).arg(leads).arg(hosted);
}

void layoutBroker(const WorldView &w, const BrokerView &b, const QRectF &box, const CanvasTheme &t, CanvasGeometry &g) {
  const KafkaView &k = w.kafka();
  const QFontMetricsF title(t.font), small(t.small);
  g.addShape({Kind::Broker, b.id}, box);
  const double titleH = title.height() + t.px(6);
  const QRectF head(box.left() + t.px(8), box.top() + t.px(3), box.width() - t.px(16), title.height());
  const QString state = brokerStateText(b);
  const double stateW = std::min(head.width() * 0.55, title.horizontalAdvance(state) + t.px(4));
  g.addLabel(QRectF(head.left(), head.top(), head.width() - stateW - t.px(6), head.height()), brokerTitle(k, b.id), true, t);
  g.addLabel(QRectF(head.right() - stateW, head.top(), stateW, head.height()), state, true, t, Qt::AlignRight | Qt::AlignVCenter);
  g.kafkaAnchors[b.node] = QPointF(box.left(), box.center().y());

  const std::vector<int> parts = partitionsOn(k, b.id);
  if (parts.empty())
    return;
  const QRectF content = box.adjusted(t.px(8), titleH, -t.px(8), -t.px(6));
  // With room to spare, each strip gets a caption row under it with its offsets in numbers.
  const double captionH = small.height();
  const double pitch = std::min(t.px(26) + captionH, content.height() / static_cast<double>(parts.size()));
  const double gap = pitch >= t.px(10) ? std::max(1.0, std::min(t.px(4), pitch * 0.16)) : 0;
  const bool captions = pitch - gap - captionH >= t.px(13);
  const double stripH = pitch - gap - (captions ? captionH : 0);
  double labelW = 0;
  if (stripH + 0.5 >= small.height()) {
    for (int p : parts)
      labelW =
          std::max(labelW, small.horizontalAdvance(QString::fromStdString(k.partitions[static_cast<std::size_t>(p)].name) + QStringLiteral(" ★")));
    labelW = std::min(labelW + t.px(6), content.width() * 0.4);
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const int p = parts[i];
    const PartitionView &part = k.partitions[static_cast<std::size_t>(p)];
    StripGeometry s;
    s.partition = p;
    s.broker = b.id;
    s.rect = QRectF(content.left(), content.top() + static_cast<double>(i) * pitch, content.width(), stripH);
    s.cells = s.rect.adjusted(labelW, 0, 0, 0);
    const Window win = windowFor(part, s.cells, stripH, t);
    s.first = win.first;
    s.end = win.end;
    s.logStart = win.logStart;
    s.cellWidth = win.cellWidth;
    s.x0 = win.x0;
    if (labelW > 0) {
      const QString name = QString::fromStdString(part.name) + (part.leader == b.id ? QStringLiteral(" ★") : QString());
      g.addLabel(QRectF(s.rect.left(), s.rect.top(), labelW - t.px(4), stripH), name, false, t);
    }
    if (captions)
      g.addLabel(QRectF(s.cells.left(), s.rect.bottom() + gap / 2, s.cells.width(), captionH), stripCaption(w, p, b.id, g.recent), false, t,
                 Qt::AlignLeft | Qt::AlignVCenter, true);
    g.addShape({Kind::Replica, p, b.id}, s.rect);
    g.strips.push_back(s);
  }
}

void layoutGroups(const KafkaView &k, const QRectF &column, const CanvasTheme &t, CanvasGeometry &g) {
  std::vector<ClientBox> boxes;
  for (std::size_t gi = 0; gi < k.groups.size(); ++gi) {
    const GroupView &group = k.groups[gi];
    ClientBox box{{Kind::Group, static_cast<int>(gi)}, QString::fromStdString(group.name), {}};
    for (std::size_t m = 0; m < group.members.size(); ++m) {
      const MemberView &member = group.members[m];
      // Member ids share the group's long prefix ("billing-member-0"): rows show the short
      // name, the inspector the full id.
      const QString name = QObject::tr("member %1").arg(memberNumber(member.id, static_cast<int>(m)));
      const QString state = !member.alive ? QObject::tr("dead")
          : !member.inGroup               ? QObject::tr("left")
          : member.owned == 1             ? QObject::tr("1 partition")
                                          : QObject::tr("%1 partitions").arg(member.owned);
      const QString compactState = !member.alive || !member.inGroup ? state : QObject::tr("%1p").arg(member.owned);
      box.rows.push_back({{Kind::Member, static_cast<int>(gi), static_cast<int>(m)},
                          QStringLiteral("%1 · %2").arg(name, state),
                          QStringLiteral("%1 · %2").arg(name, compactState),
                          !member.alive || !member.inGroup,
                          member.node});
    }
    boxes.push_back(std::move(box));
  }
  layoutClientColumn(g, column, boxes, t, g.kafkaAnchors);
}

} // namespace

void layoutKafka(const WorldView &w, const QRectF &pane, const CanvasTheme &t, CanvasGeometry &g) {
  const KafkaView &k = w.kafka();
  const QFontMetricsF title(t.font);
  const std::vector<int> &active = k.activeBrokers; // removed brokers are not drawn
  QString heading = QObject::tr("Apache Kafka · %n broker(s)", nullptr, static_cast<int>(active.size()));
  for (const TopicView &topic : k.topics)
    if (!topic.deleted)
      heading += QObject::tr(" · topic %1: %2 partitions, RF %3, min ISR %4")
                     .arg(QString::fromStdString(topic.name))
                     .arg(topic.partitions)
                     .arg(topic.replicationFactor)
                     .arg(topic.minInsyncReplicas);
  // The live caption: how long acknowledgements take right now (side by side, the contrast).
  const QRectF body = layoutPaneHeading(g, pane, heading, k.ackLatencyMs, t);
  const PaneColumns columns = paneColumns(body, !k.groups.empty(), t);
  const QRectF &middle = columns.middle;
  layoutProducers(k, columns.producers, t, g);
  const int brokers = static_cast<int>(active.size());
  int maxStrips = 1;
  for (const BrokerView &b : k.brokers)
    maxStrips = std::max(maxStrips, static_cast<int>(partitionsOn(k, b.id).size()));
  const int cols = chooseColumns(brokers, maxStrips, middle, t);
  const int rows = (brokers + cols - 1) / cols;
  const double boxW = (middle.width() - t.px(10) * (cols - 1)) / cols;
  const double naturalH = title.height() + t.px(14) + (t.px(30) + QFontMetricsF(t.small).height()) * maxStrips;
  const double boxH = std::min(naturalH, (middle.height() - t.px(10) * (rows - 1)) / rows);
  for (int i = 0; i < brokers; ++i) {
    const QRectF box(middle.left() + (i % cols) * (boxW + t.px(10)), middle.top() + (i / cols) * (boxH + t.px(10)), boxW, boxH);
    layoutBroker(w, k.brokers[static_cast<std::size_t>(active[static_cast<std::size_t>(i)])], box, t, g);
  }
  if (!columns.clients.isEmpty())
    layoutGroups(k, columns.clients, t, g);
}

} // namespace streamscope::ui
