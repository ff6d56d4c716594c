#include "wait_words.h"

#include "engine/world/world.h"

#include <algorithm>

namespace streamscope::model {
namespace {

QString str(const std::string &s) { return QString::fromStdString(s); }

/// When the wait ends, in words: what happens then.
QString endVerb(WaitReason r) {
  switch (r) {
  case WaitReason::ProduceBackoff:
  case WaitReason::PutBackoff: return QObject::tr("retries in");
  case WaitReason::FetchNoLeader: return QObject::tr("looks again in");
  case WaitReason::GetRecordsResponse: return QObject::tr("calls again in");
  case WaitReason::SessionExpiry: return QObject::tr("reassigned in");
  case WaitReason::LeaseExpiry: return QObject::tr("taken over in");
  default: return QObject::tr("gives up in");
  }
}

QString brokerCondition(const engine::World &w, int id) {
  if (id < 0 || static_cast<std::size_t>(id) >= w.kafka.brokers.size())
    return {};
  const auto &b = w.kafka.brokers[static_cast<std::size_t>(id)];
  if (b.state == engine::kafka::BrokerState::PoweredOff)
    return QObject::tr("Broker %1 lost power: it will never answer, so the client waits the full timeout.").arg(id);
  if (b.state == engine::kafka::BrokerState::Crashed)
    return QObject::tr("Broker %1 crashed: it will never answer this request, so the client waits the full timeout.").arg(id);
  if (w.net.isIsolated(b.node))
    return QObject::tr("Broker %1 is cut off from the network: neither the request nor an answer gets through.").arg(id);
  return QObject::tr("Broker %1 is running but has not answered yet.").arg(id);
}

QString why(const engine::World &w, const WaitView &v) {
  const QString setting = str(v.setting);
  const QString value = waitDurationText(v.settingValue);
  const QString subject = str(v.subject);
  switch (v.reason) {
  case WaitReason::ProduceResponse:
    return QObject::tr("The producer waits %1 (%2) for broker %3 to answer; when it does not, it retries on whichever broker leads %4 by then. %5")
        .arg(setting, value)
        .arg(v.broker)
        .arg(subject, brokerCondition(w, v.broker));
  case WaitReason::ProduceBackoff:
    return QObject::tr("The last attempt failed, so the producer waits %1 (%2, doubling on each retry up to retry.backoff.max.ms) before "
                       "resending, giving the cluster time to elect a new leader for %3.")
        .arg(setting, value, subject);
  case WaitReason::ProduceNoLeader:
    return QObject::tr("No broker leads %1, so the producer has nowhere to send. It checks the metadata every retry.backoff.ms and fails the "
                       "records once %2 (%3) has passed since they were created.")
        .arg(subject, setting, value);
  case WaitReason::FetchResponse:
    if (v.answerLost)
      return QObject::tr("Broker %1 answered, but the answer was lost on the wire (drop_response). The consumer cannot tell a lost answer "
                         "from a slow one: it waits until %2 (%3) has passed after fetch.max.wait.ms, then fetches again from the same "
                         "position in %4. Nothing is skipped and nothing is delivered twice; the records only come later.")
          .arg(v.broker)
          .arg(setting, value, subject);
    return QObject::tr("A broker holds a fetch up to fetch.max.wait.ms when it has nothing new; past that the consumer waits until %1 (%2) "
                       "more has passed, then fetches again from the current leader of %3. %4")
        .arg(setting, value, subject, brokerCondition(w, v.broker));
  case WaitReason::GetRecordsResponse:
    return QObject::tr("The GetRecords answer for %1 was lost on the wire (drop_response). The KCL waits until %2 (%3) has passed since the "
                       "call, then calls GetRecords again with the same shard iterator: nothing is skipped and nothing is processed twice; "
                       "the records only come later.")
        .arg(subject, setting, value);
  case WaitReason::FetchNoLeader:
    return QObject::tr("No broker leads %1, so there is nothing to fetch from; the consumer asks for metadata again every %2 (%3) until a "
                       "leader is elected.")
        .arg(subject, setting, value);
  case WaitReason::SessionExpiry:
    return QObject::tr("Member %1 died without leaving the group. The coordinator notices only when %2 (%3) passes without a heartbeat; until "
                       "then no one reads its partitions.")
        .arg(str(v.other), setting, value);
  case WaitReason::PutResponse:
    return QObject::tr("The PutRecords call has not been answered. The producer waits %1 (%2), then sends the records again; Kinesis has no "
                       "idempotent producer, so a put that did arrive is stored twice.")
        .arg(setting, value);
  case WaitReason::PutBackoff:
    return QObject::tr("The stream refused records with ProvisionedThroughputExceeded (a shard takes 1,000 records or 1 MiB per second). The "
                       "producer backs off (%1 = %2, doubling on each refusal) before putting again.")
        .arg(setting, value);
  case WaitReason::LeaseExpiry:
    return QObject::tr("Worker %1 died holding the lease of %2. A lease is taken over only after %3 (%4) without renewal; the next "
                       "lease-taker run then gives it to a live worker, which resumes after the last checkpoint.")
        .arg(str(v.other), subject, setting, value);
  }
  return {};
}

QString atText(SimTime t) { return QObject::tr("t = %1 s").arg(toMs(t) / 1000, 0, 'f', 3); }

} // namespace

QString waitDurationText(SimTime t) {
  if (t < kSecond)
    return QObject::tr("%1 ms").arg(toMs(std::max<SimTime>(0, t)), 0, 'f', 0);
  return QObject::tr("%1 s").arg(toMs(t) / 1000, 0, 'f', t % kSecond == 0 ? 0 : 1);
}

QString waitSettingText(const WaitView &wait) {
  return QStringLiteral("%1 = %2 (%3)").arg(str(wait.setting)).arg(toMs(wait.settingValue), 0, 'f', 0).arg(waitDurationText(wait.settingValue));
}

QString waitTargetText(const WaitView &wait) { return QObject::tr("waits for %1").arg(str(wait.target)); }

QString waitEndText(const WaitView &wait, SimTime now) {
  const SimTime left = wait.until - now;
  return left > 0 ? QStringLiteral("%1 %2").arg(endVerb(wait.reason), waitDurationText(left)) : QObject::tr("due now");
}

QString waitCaption(const WaitView &wait, SimTime now) { return QStringLiteral("%1 · %2").arg(waitTargetText(wait), waitEndText(wait, now)); }

QString longestStallText(const WorldView &view) {
  if (view.waits().empty())
    return {};
  const WaitView &w = view.waits().front();
  return QObject::tr("Longest stall: %1 waiting %2 for %3 (%4 %5)")
      .arg(str(w.clientName), waitDurationText(w.waited(view.now())), str(w.target), str(w.setting), waitDurationText(w.settingValue));
}

void addWaitExplanation(Explanation &e, const engine::World &world, const WorldItem &item) {
  std::vector<WaitView> waits;
  collectWaitViews(world, waits);
  const auto found = std::find_if(waits.begin(), waits.end(), [&](const WaitView &w) { return w.client == item; });
  if (found == waits.end())
    return;
  const WaitView &w = *found;
  QList<QPair<QString, QString>> facts = {
      {QObject::tr("Waiting for"), str(w.what)},
      {QObject::tr("Since"), QObject::tr("%1 (%2 ago)").arg(atText(w.since), waitDurationText(world.now - w.since))},
      {QObject::tr("Until"), QObject::tr("%1 (%2)").arg(atText(w.until), waitEndText(w, world.now))},
      {QObject::tr("Decided by"), waitSettingText(w)}};
  if (w.stuckSince() < w.since)
    facts.insert(
        2,
        {QObject::tr("Stuck since"),
         QObject::tr("%1 (%2 ago; earlier attempts timed out or failed)").arg(atText(w.stuckSince()), waitDurationText(w.waited(world.now)))});
  if (w.finalDeadline >= 0)
    facts.push_back({QObject::tr("Retries end"), QObject::tr("%1 (delivery.timeout.ms)").arg(atText(w.finalDeadline))});
  if (w.more > 0)
    facts.push_back({QObject::tr("Other stalled requests"), QString::number(w.more)});
  e.facts = facts + e.facts;
  const QString sentence = why(world, w);
  e.why = e.why.isEmpty() ? sentence : sentence + QStringLiteral(" ") + e.why;
}

} // namespace streamscope::model
