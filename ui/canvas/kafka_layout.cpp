// Kafka pane: producers on the left, brokers in the middle (each holding one log strip per
// replica it hosts), consumer groups on the right.
#include "canvas_geometry.h"
#include "model/settings/config_checks.h"
#include "text_cache.h"

#include <QFontMetricsF>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace streamscope::ui {
namespace {

using Kind = model::WorldItem::Kind;
using namespace model; // the view's rows

/// Where a transactional producer is in its loop, in a word or two.
QString txnPhaseText(const KafkaProducerView &p) {
  switch (p.phase) {
  case TxnPhase::Initialising: return QObject::tr("initialising");
  case TxnPhase::Ready: return QObject::tr("ready");
  case TxnPhase::Open: return QObject::tr("txn open");
  case TxnPhase::Ending:
    return p.transactionState == TxnState::PrepareAbort || p.transactionState == TxnState::CompleteAbort ? QObject::tr("aborting")
                                                                                                         : QObject::tr("committing");
  case TxnPhase::Fenced: return QObject::tr("FENCED");
  }
  return {};
}

/// A producer's line of detail, longest form first: down, or its transaction, or acks and rate.
QStringList producerDetails(const KafkaProducerView &p) {
  const QString acks = QString::fromStdString(acksSetting(p.acks));
  const QString rate = QString::number(p.rate, 'f', 0);
  if (p.crashed)
    return {QObject::tr("CRASHED · instance %1").arg(p.instance), QObject::tr("CRASHED")};
  if (p.transactional()) {
    const QString phase = txnPhaseText(p);
    // A restarted instance keeps its number here too, for a title too narrow to give it.
    const QString instance = p.instance > 0 ? QObject::tr(" · #%1").arg(p.instance) : QString();
    return {QObject::tr("%1 · epoch %2 · %3 rec/s").arg(phase).arg(p.epoch).arg(rate) + instance,
            QObject::tr("%1 · e%2").arg(phase).arg(p.epoch) + instance, phase + instance, phase};
  }
  if (p.tooLarge > 0)
    return {QObject::tr("%1 · %2 rec/s · %3 too large").arg(acks, rate).arg(p.tooLarge), QObject::tr("%1 too large").arg(p.tooLarge), acks};
  return {QObject::tr("%1 · %2 rec/s").arg(acks, rate), QObject::tr("%1 · %2/s").arg(acks, rate), acks};
}

void layoutProducers(const KafkaView &k, const QRectF &column, const CanvasTheme &t, CanvasGeometry &g) {
  std::vector<ProducerBox> boxes;
  for (std::size_t i = 0; i < k.producers.size(); ++i) {
    const KafkaProducerView &p = k.producers[i];
    // A restarted process is a new instance: its number tells it from the one that crashed.
    const QString name = QString::fromStdString(p.name);
    if (p.instance > 0)
      boxes.push_back({{Kind::KafkaProducer, static_cast<int>(i)},
                       QObject::tr("%1 · instance %2").arg(name).arg(p.instance),
                       producerDetails(p),
                       p.node,
                       {QObject::tr("%1 #%2").arg(name).arg(p.instance)}});
    else
      boxes.push_back({{Kind::KafkaProducer, static_cast<int>(i)}, name, producerDetails(p), p.node});
  }
  layoutProducerColumn(g, column, boxes, t, g.kafkaAnchors);
}

/// The partitions each broker hosts a replica of, by broker id, in partition order.
std::vector<std::vector<int>> replicasByBroker(const KafkaView &k) {
  std::vector<std::vector<int>> hosted(k.brokers.size());
  for (std::size_t p = 0; p < k.partitions.size(); ++p)
    for (const ReplicaView &r : k.partitions[p].replicas)
      hosted[static_cast<std::size_t>(r.broker)].push_back(static_cast<int>(p));
  return hosted;
}

/// The grid of broker boxes that gives strips the most usable area.
int chooseColumns(int brokers, int maxStrips, const QRectF &area, const CanvasTheme &t) {
  int best = 1;
  double bestScore = -1;
  // Up to four columns, as a small cluster has always had; a big one may use more.
  for (int cols = 1; cols <= std::min(brokers, brokers > 16 ? 16 : 4); ++cols) {
    const int rows = (brokers + cols - 1) / cols;
    const double boxW = (area.width() - t.px(10) * (cols - 1)) / cols;
    const double boxH = (area.height() - t.px(10) * (rows - 1)) / rows;
    const double stripH = (boxH - t.px(30)) / std::max(1, maxStrips);
    // While presenting, height for a caption row under each strip counts too: the numbers
    // are what the room reads, so a grid that keeps them wins over wider cells.
    const double useful = t.presenting ? t.px(26) + QFontMetricsF(t.small).height() : t.px(24);
    const double score = std::min(stripH, useful) * std::min(boxW, t.px(900));
    if (score > bestScore) {
      bestScore = score;
      best = cols;
    }
  }
  return best;
}

/// The broker's state, longest form first: a narrow box keeps the word that matters.
QStringList brokerStateTexts(const BrokerView &b) {
  if (b.state == BrokerState::PoweredOff)
    return {QObject::tr("POWER OFF"), QObject::tr("OFF")};
  if (b.state == BrokerState::Crashed)
    return {QObject::tr("CRASHED")};
  if (b.isolated)
    return {QObject::tr("ISOLATED")};
  if (b.fenced)
    return {QObject::tr("fenced")};
  if (b.extraDelay > 0) {
    const QString ms = QString::number(toMs(b.extraDelay), 'f', 0);
    return {QObject::tr("slow +%1 ms").arg(ms), QObject::tr("+%1 ms").arg(ms)};
  }
  return {QObject::tr("running"), QString()}; // the usual state may go unsaid
}

/// The offsets every replica of `p` shows: the newest ones that fit at a readable width.
struct Window {
  Offset first = 0, end = 0, logStart = 0;
  double cellWidth = 0, x0 = 0;
};

Window windowFor(const KafkaView &k, const PartitionView &part, const QRectF &cells, double stripHeight, const CanvasTheme &t) {
  Window win;
  Offset end = 0, start = INT64_MAX;
  for (const ReplicaView &replica : part.replicas) {
    end = std::max(end, replica.log->leo());
    start = std::min(start, replica.log->logStart());
  }
  start = std::min(start, end);
  // The shortest log of a running replica: a follower that lags must still show its newest
  // records (and what of them is above its high watermark), not an empty strip.
  Offset lagging = end;
  for (const ReplicaView &replica : part.replicas)
    if (k.brokers[static_cast<std::size_t>(replica.broker)].running())
      lagging = std::min(lagging, replica.log->leo());
  win.logStart = start;
  win.end = end;
  // A steady cell width (about 48 per strip) so the picture slides rather than rescales;
  // narrower while a follower lags further behind than that.
  const Offset summary = 3;
  const Offset wanted = end - std::max(start, lagging - std::max<Offset>(8, (end - lagging) / 4)) + summary;
  double cellWidth = std::clamp(cells.width() / 48, t.px(7), t.px(26));
  if (static_cast<double>(wanted) * cellWidth > cells.width()) // thin cells still show where each log ends
    cellWidth = std::max(1.5, cells.width() / static_cast<double>(wanted));
  const auto capacity = static_cast<Offset>(cells.width() / cellWidth);
  win.x0 = cells.left();
  // Too small for cells, or a replica so far behind that its newest records would fall off
  // the left even at the thinnest cells: one proportional bar per replica shows every log end.
  if (stripHeight < t.px(5) || capacity < 6 || end - lagging + summary > capacity) {
    win.first = start;
    return win;
  }
  win.cellWidth = cellWidth;
  if (end - start <= capacity) {
    win.first = start;
    return win;
  }
  // More records than fit: the oldest retained ones are summed up in a block on the left.
  win.first = end - (capacity - summary);
  win.x0 = cells.left() + static_cast<double>(summary) * cellWidth;
  return win;
}

/// The numbers behind a strip's marks: role, HW, LEO and, on the leader, each group's offset.
/// Longest form first, then shorter ones that keep the numbers (a caption is never cut).
QStringList stripCaptions(const WorldView &w, int p, int broker, const RecentChanges *recent) {
  const KafkaView &k = w.kafka();
  const PartitionView &part = k.partitions[static_cast<std::size_t>(p)];
  const ReplicaLog &log = part.logOf(broker);
  const QLocale locale;
  const auto n = [&](Offset o) { return locale.toString(static_cast<qlonglong>(o)); };
  const QString leo = QObject::tr("LEO %1").arg(n(log.leo()));
  QString hwLeo = QObject::tr("HW %1 · LEO %2").arg(n(log.highWatermark()), n(log.leo()));
  if (!k.brokers[static_cast<std::size_t>(broker)].running())
    return {QObject::tr("stopped · %1").arg(leo), leo};
  if (part.leader == broker) {
    // The leader's last stable offset sits between its HW and LEO in the caption, as on the strip.
    if (part.transactional || part.lastStable != part.highWatermark)
      hwLeo = QObject::tr("HW %1 · LSO %2 · LEO %3").arg(n(log.highWatermark()), n(part.lastStable), n(log.leo()));
    const bool fresh = recent && recent->leaderChanged(p, w.now());
    const QString role = (fresh ? QObject::tr("NEW LEADER, epoch %1") : QObject::tr("leader, epoch %1")).arg(part.epoch);
    QString groups;
    for (const GroupView &g : k.groups)
      if (const GroupPartitionView *gp = g.partition(part); gp && gp->committed >= 0)
        groups += QObject::tr(" · %1 committed %2").arg(QString::fromStdString(g.name), n(gp->committed));
    if (k.topics[static_cast<std::size_t>(part.topic)].internal) // the coordinator's log, not the application's data
      return {QObject::tr("internal %1 · %2 · %3").arg(QString::fromStdString(part.name), role, hwLeo), QObject::tr("internal · %1").arg(hwLeo),
              hwLeo, leo};
    for (const ShareGroupView &g : k.shareGroups)
      if (g.topic == part.topic && static_cast<std::size_t>(part.index) < g.parts.size() && g.parts[static_cast<std::size_t>(part.index)].spso >= 0) {
        const SharePartitionView &sp = g.parts[static_cast<std::size_t>(part.index)];
        groups += QObject::tr(" · %1 SPSO %2 SPEO %3").arg(QString::fromStdString(g.name), n(sp.spso), n(sp.speo));
      }
    QStringList forms = {role + QStringLiteral(" · ") + hwLeo + groups};
    if (!groups.isEmpty())
      forms << role + QStringLiteral(" · ") + hwLeo;
    forms << (fresh ? QObject::tr("NEW LEADER · %1") : QObject::tr("leader · %1")).arg(hwLeo) << hwLeo << leo;
    return forms;
  }
  if (part.leader < 0 && part.inElr(broker))
    return {QObject::tr("no leader · eligible leader (ELR) · %1").arg(leo), QObject::tr("ELR · %1").arg(leo), leo};
  if (part.leader < 0 && part.isLastKnownLeader(broker))
    return {QObject::tr("no leader · last known leader · %1").arg(leo), QObject::tr("last known leader · %1").arg(leo), leo};
  if (part.leader < 0)
    return {QObject::tr("no leader · %1").arg(leo), leo};
  if (part.inElr(broker)) {
    const QString behind = QObject::tr("%1, leader's LEO %2").arg(leo, n(part.logOf(part.leader).leo()));
    return {QObject::tr("ELIGIBLE LEADER (ELR) · %1").arg(behind), QObject::tr("ELR · %1").arg(leo), leo};
  }
  if (!part.inIsr(broker)) {
    const QString behind = QObject::tr("%1, leader's LEO %2").arg(leo, n(part.logOf(part.leader).leo())); // not "leader at 0": 0 may be a broker
    return {QObject::tr("OUT OF ISR · %1").arg(behind), QObject::tr("OUT OF ISR · %1").arg(leo), leo};
  }
  return {QObject::tr("in sync · %1").arg(hwLeo), hwLeo, leo};
}

/// A strip's name: the partition's, except for the broker's own __transaction_state, whose
/// long name would narrow every strip (the caption and the inspector give it in full).
QString stripName(const KafkaView &k, const PartitionView &part) {
  if (k.topics[static_cast<std::size_t>(part.topic)].internal)
    return QObject::tr("txn log %1").arg(part.index);
  return QString::fromStdString(part.name);
}

/// "broker 3 · leads 7/21": the counts stay readable when strips are too small for names;
/// then "broker 3" when the box is narrow. `parts`: the partitions it hosts.
QStringList brokerTitles(const KafkaView &k, int broker, const std::vector<int> &parts) {
  int leads = 0;
  for (int p : parts)
    leads += k.partitions[static_cast<std::size_t>(p)].leader == broker ? 1 : 0;
  return {QObject::tr("broker %1 · leads %2/%3").arg(broker).arg(leads).arg(parts.size()), QObject::tr("broker %1").arg(broker),
          QObject::tr("b%1").arg(broker)};
}

/// A broker's box; its strips only when the box is on screen (`parts`: the partitions it hosts).
void layoutBroker(const WorldView &w, const BrokerView &b, const std::vector<int> &parts, const QRectF &box, const CanvasTheme &t,
                  CanvasGeometry &g) {
  const KafkaView &k = w.kafka();
  const QFontMetricsF title(t.font), small(t.small);
  g.addShape({Kind::Broker, b.id}, box);
  const double titleH = title.height() + t.px(6);
  const QRectF head(box.left() + t.px(8), box.top() + t.px(3), box.width() - t.px(16), title.height());
  const QStringList titles = brokerTitles(k, b.id, parts);
  QString state; // the longest form that leaves room for the shortest title
  for (const QString &form : brokerStateTexts(b)) {
    state = form;
    if (textWidth(t.font, form) + textWidth(t.font, titles.back()) + t.px(12) <= head.width())
      break;
  }
  const double stateW = state.isEmpty() ? 0 : std::min(head.width() * 0.55, textWidth(t.font, state) + t.px(4));
  g.addFirstFitting(QRectF(head.left(), head.top(), head.width() - stateW - t.px(6), head.height()), titles, true, t);
  if (!state.isEmpty())
    g.addLabel(QRectF(head.right() - stateW, head.top(), stateW, head.height()), state, true, t, Qt::AlignRight | Qt::AlignVCenter);
  g.kafkaAnchors[b.node] = QPointF(box.left(), box.center().y());

  if (parts.empty() || !g.onScreen(box))
    return;
  const QRectF content = box.adjusted(t.px(8), titleH, -t.px(8), -t.px(6));
  // With room to spare, each strip gets a caption row under it with its offsets in numbers.
  const double captionH = small.height();
  const double pitch = std::min(t.px(26) + captionH, content.height() / static_cast<double>(parts.size()));
  double gap = pitch >= t.px(10) ? std::max(1.0, std::min(t.px(4), pitch * 0.16)) : 0;
  const bool captions = pitch - gap - captionH >= t.px(13);
  double stripH = pitch - gap - (captions ? captionH : 0);
  // Too tight for every caption: the strips a lesson points at keep theirs (the numbers its
  // text refers to), the others give up a little height for them.
  std::vector<bool> captioned(parts.size(), captions);
  if (!captions) {
    int wanted = 0;
    for (std::size_t i = 0; i < parts.size(); ++i)
      wanted += (captioned[i] = g.wantsCaption({Kind::Replica, parts[i], b.id})) ? 1 : 0;
    const double thinGap = std::min(gap, 1.5);
    const double squeezed = (content.height() - wanted * captionH) / static_cast<double>(parts.size()) - thinGap;
    if (wanted > 0 && squeezed >= t.px(3)) { // thin strips (bars when too thin for cells), but with their numbers
      gap = thinGap;
      stripH = squeezed;
    } else {
      captioned.assign(parts.size(), false);
    }
  }
  double labelW = 0;
  if (stripH + 0.5 >= small.height()) {
    for (int p : parts)
      labelW = std::max(labelW, textWidth(t.small, stripName(k, k.partitions[static_cast<std::size_t>(p)]) + QStringLiteral(" ★")));
    labelW = std::min(labelW + t.px(6), content.width() * 0.4);
  }
  double top = content.top();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const int p = parts[i];
    const PartitionView &part = k.partitions[static_cast<std::size_t>(p)];
    StripGeometry s;
    s.partition = p;
    s.broker = b.id;
    s.rect = QRectF(content.left(), top, content.width(), stripH);
    top += stripH + gap + (captioned[i] ? captionH : 0);
    s.cells = s.rect.adjusted(labelW, 0, 0, 0);
    const Window win = windowFor(k, part, s.cells, stripH, t);
    s.first = win.first;
    s.end = win.end;
    s.logStart = win.logStart;
    s.cellWidth = win.cellWidth;
    s.x0 = win.x0;
    if (labelW > 0) {
      const QString star = part.leader == b.id ? QStringLiteral(" ★") : QString();
      g.addFirstFitting(QRectF(s.rect.left(), s.rect.top(), labelW - t.px(4), stripH),
                        {stripName(k, part) + star, QStringLiteral("#%1").arg(part.index) + star}, false, t);
    }
    if (captioned[i]) {
      // Under the cells; under the whole strip when even the shortest form is wider than them.
      const QStringList forms = stripCaptions(w, p, b.id, g.recent);
      const QRectF under(s.cells.left(), s.rect.bottom() + gap / 2, s.cells.width(), captionH);
      const QRectF wide(s.rect.left(), under.top(), s.rect.width(), captionH);
      if (g.addFirstFitting(textWidth(t.small, forms.back()) + 1 <= under.width() ? under : wide, forms, false, t, Qt::AlignLeft | Qt::AlignVCenter,
                            true))
        g.labels.back().owner = {Kind::Replica, p, b.id};
    }
    g.addShape({Kind::Replica, p, b.id}, s.rect);
    g.strips.push_back(s);
  }
}

/// Share groups (KIP-932) in the consumer column: "share group NAME", a row per member with
/// the records it holds now and those it has processed.
void appendShareGroupBoxes(const KafkaView &k, std::vector<ClientBox> &boxes) {
  for (std::size_t gi = 0; gi < k.shareGroups.size(); ++gi) {
    const ShareGroupView &group = k.shareGroups[gi];
    ClientBox box{{Kind::ShareGroup, static_cast<int>(gi)}, QObject::tr("share group %1").arg(QString::fromStdString(group.name)), {}};
    for (std::size_t m = 0; m < group.members.size(); ++m) {
      const ShareMemberView &member = group.members[m];
      const QString number = memberNumber(member.id, static_cast<int>(m));
      const QString name = QObject::tr("member %1").arg(number);
      const QString state = member.alive ? QObject::tr("holds %1 · %2 done").arg(member.held).arg(member.processed) : QObject::tr("dead");
      const QString compact = member.alive ? QObject::tr("%1 · %2 held").arg(number).arg(member.held) : QObject::tr("%1 · dead").arg(number);
      box.rows.push_back(ClientRow{{Kind::ShareMember, static_cast<int>(gi), static_cast<int>(m)},
                                   QStringLiteral("%1 · %2").arg(name, state),
                                   compact,
                                   !member.alive,
                                   member.node});
    }
    boxes.push_back(std::move(box));
  }
}

void layoutGroups(const KafkaView &k, const QRectF &column, const CanvasTheme &t, CanvasGeometry &g) {
  std::vector<ClientBox> boxes;
  for (std::size_t gi = 0; gi < k.groups.size(); ++gi) {
    const GroupView &group = k.groups[gi];
    // With transactions in the cluster, what a group may read depends on its isolation.level.
    const QString groupName = QString::fromStdString(group.name);
    const QString title = !k.transactions ? groupName
        : group.readCommitted             ? QObject::tr("%1 · read_committed").arg(groupName)
                                          : QObject::tr("%1 · read_uncommitted").arg(groupName);
    ClientBox box{{Kind::Group, static_cast<int>(gi)}, title, {}};
    if (k.transactions) // narrow: the level's initials (the inspector spells it out)
      box.shorterTitles = {QStringLiteral("%1 · %2").arg(groupName, group.readCommitted ? QStringLiteral("RC") : QStringLiteral("RU")), groupName};
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
      ClientRow row{{Kind::Member, static_cast<int>(gi), static_cast<int>(m)},
                    QStringLiteral("%1 · %2").arg(name, state),
                    QStringLiteral("%1 · %2").arg(name, compactState),
                    !member.alive || !member.inGroup,
                    member.node};
      if (group.consumerProtocol && member.inGroup) {
        // The chips show the partitions; the words say where its reconciliation stands.
        const QString phase = !member.revoking.empty() ? QObject::tr("revoking")
            : !member.pending.empty()                  ? QObject::tr("awaiting")
                                                       : QObject::tr("stable");
        row.text = QObject::tr("%1 · e%2 · %3").arg(name).arg(member.epoch).arg(member.alive ? phase : state);
        row.compact = QObject::tr("%1 · e%2").arg(memberNumber(member.id, static_cast<int>(m))).arg(member.epoch); // chips leave little room
        std::vector<std::pair<int, PartitionChip::Kind>> chips;
        for (int p : member.reading)
          chips.push_back({p, PartitionChip::Reading});
        for (int p : member.revoking)
          chips.push_back({p, PartitionChip::Revoking});
        for (int p : member.pending)
          chips.push_back({p, PartitionChip::Pending});
        std::sort(chips.begin(), chips.end());
        row.chips = std::move(chips);
      }
      box.rows.push_back(std::move(row));
    }
    boxes.push_back(std::move(box));
  }
  appendShareGroupBoxes(k, boxes);
  layoutClientColumn(g, column, boxes, t, g.kafkaAnchors);
}

} // namespace

void layoutKafka(const WorldView &w, const QRectF &pane, const CanvasTheme &t, CanvasGeometry &g) {
  const KafkaView &k = w.kafka();
  const QFontMetricsF title(t.font);
  const std::vector<int> &active = k.activeBrokers; // removed brokers are not drawn
  const QString cluster =
      QObject::tr("Apache Kafka %1 · %n broker(s)", nullptr, static_cast<int>(active.size())).arg(QString::fromStdString(k.version));
  QString topics, shortTopics;
  for (const TopicView &topic : k.topics)
    if (!topic.deleted && !topic.internal) {
      topics += QObject::tr(" · topic %1: %n partition(s), RF %2, min ISR %3", nullptr, topic.partitions)
                    .arg(QString::fromStdString(topic.name))
                    .arg(topic.replicationFactor)
                    .arg(topic.minInsyncReplicas);
      shortTopics += QObject::tr(" · %1: %2p, RF %3, min ISR %4")
                         .arg(QString::fromStdString(topic.name))
                         .arg(topic.partitions)
                         .arg(topic.replicationFactor)
                         .arg(topic.minInsyncReplicas);
    }
  const QStringList heading = {cluster + topics, cluster + shortTopics, cluster,
                               QObject::tr("Apache Kafka %1").arg(QString::fromStdString(k.version)), QObject::tr("Apache Kafka")};
  // The live caption: how long acknowledgements take right now (side by side, the contrast).
  const QRectF body = layoutPaneHeading(g, pane, heading, k.ackLatencyMs, t);
  const PaneColumns columns = paneColumns(body, !k.groups.empty() || !k.shareGroups.empty(), t);
  QRectF middle = columns.middle;
  layoutProducers(k, columns.producers, t, g);
  if (g.kafkaDetail != Detail::Strips) {
    layoutKafkaOverview(w, middle, t, g);
    if (!columns.clients.isEmpty())
      layoutGroups(k, columns.clients, t, g);
    return;
  }
  const int brokers = static_cast<int>(active.size());
  const std::vector<std::vector<int>> hosted = replicasByBroker(k);
  int maxStrips = 1;
  for (const std::vector<int> &parts : hosted)
    maxStrips = std::max(maxStrips, static_cast<int>(parts.size()));
  const double small = QFontMetricsF(t.small).height();
  const double naturalH = title.height() + t.px(14) + (t.px(30) + small) * maxStrips;
  // The boxes' height in `area`, and whether every strip there keeps its caption row.
  const auto boxHeight = [&](const QRectF &area) {
    const int cols = chooseColumns(brokers, maxStrips, area, t);
    const int rows = (brokers + cols - 1) / cols;
    return std::min(naturalH, (area.height() - t.px(10) * (rows - 1)) / rows);
  };
  const double captionedH = title.height() + t.px(14) + (t.px(18) + small) * maxStrips;
  // The control plane takes a band above the brokers only where the strips keep their numbers
  // (zooming in makes room): the records and their offsets come first.
  if (const double band = controlPlaneHeight(k, t); band > 0) {
    const QRectF below = middle.adjusted(0, band + t.px(6), 0, 0);
    if (boxHeight(below) >= std::min(naturalH, captionedH)) {
      layoutControlPlane(w, QRectF(middle.left(), middle.top(), middle.width(), band), t, g);
      middle = below;
    }
  }
  const int cols = chooseColumns(brokers, maxStrips, middle, t);
  const double boxW = (middle.width() - t.px(10) * (cols - 1)) / cols;
  const double boxH = boxHeight(middle);
  for (int i = 0; i < brokers; ++i) {
    const QRectF box(middle.left() + (i % cols) * (boxW + t.px(10)), middle.top() + (i / cols) * (boxH + t.px(10)), boxW, boxH);
    const auto id = static_cast<std::size_t>(active[static_cast<std::size_t>(i)]);
    layoutBroker(w, k.brokers[id], hosted[id], box, t, g);
  }
  if (!columns.clients.isEmpty())
    layoutGroups(k, columns.clients, t, g);
}

double detailedStripPitch(const KafkaView &k, const QRectF &middle, const CanvasTheme &t) {
  const int brokers = static_cast<int>(k.activeBrokers.size());
  std::size_t maxStrips = 1;
  for (const std::vector<int> &parts : replicasByBroker(k))
    maxStrips = std::max(maxStrips, parts.size());
  const int cols = chooseColumns(brokers, static_cast<int>(maxStrips), middle, t);
  const int rows = (brokers + cols - 1) / cols;
  const double boxH = (middle.height() - t.px(10) * (rows - 1)) / rows;
  const double content = boxH - QFontMetricsF(t.font).height() - t.px(12);
  return content / static_cast<double>(maxStrips);
}

} // namespace streamscope::ui
