#include "explain_kinesis_reads.h"

#include "engine/kinesis/fan_out.h"
#include "engine/world/kinesis/throughput_limit.h"

#include <algorithm>

namespace streamscope::model {
namespace {

using namespace engine::kinesis;

QString nameOf(const Application &app) { return QString::fromStdString(app.config.application); }

/// The applications reading shard `slot` (they have a lease on it), polling or by fan-out.
QStringList readersOf(const engine::World &w, int slot, bool fanOut) {
  QStringList names;
  for (const Application &app : w.kinesis.apps)
    if (app.config.enhancedFanOut == fanOut && app.registrationError.empty() &&
        std::any_of(app.leases.begin(), app.leases.end(), [&](const Lease &l) { return l.shard == slot; }))
      names << nameOf(app);
  return names;
}

QString listOrNone(const QStringList &names) { return names.isEmpty() ? QObject::tr("none") : names.join(QStringLiteral(", ")); }

} // namespace

QString addShardReadFacts(const engine::World &w, int slot, Explanation &e) {
  const QStringList polling = readersOf(w, slot, false), fanOut = readersOf(w, slot, true);
  e.facts.append({QObject::tr("Polling readers (share 5 calls/s, 2 MiB/s)"), listOrNone(polling)});
  e.facts.append({QObject::tr("Fan-out consumers (2 MiB/s each)"), listOrNone(fanOut)});
  const Shard &s = w.kinesis.shardAt(slot);
  if (s.throttledReads == 0)
    return QString();
  return QObject::tr("Reads throttled: GetRecords calls refused with ProvisionedThroughputExceededException because the shard's read budget "
                     "(%1 calls and 2 MiB per second) was spent. That budget is shared by every polling application: here %2. A call may "
                     "take up to 10 MiB, and the debt refuses everyone's calls until it is repaid. These are reads, counted apart from "
                     "refused writes. Enhanced fan-out consumers (%3) have a pipe of their own and take nothing from it.")
      .arg(kReadCallsPerSecond, 0, 'f', 0)
      .arg(listOrNone(polling), listOrNone(fanOut));
}

QString addApplicationReadFacts(const engine::World &w, int a, Explanation &e) {
  const Application &app = w.kinesis.apps.at(static_cast<std::size_t>(a));
  std::int64_t behind = 0;
  for (const Lease &l : app.leases)
    behind = std::max(behind, l.millisBehindLatest);
  e.facts.append({QObject::tr("MillisBehindLatest (largest)"), QObject::tr("%1 ms").arg(behind)});
  if (!app.registrationError.empty()) {
    e.facts.append({QObject::tr("RegisterStreamConsumer"), QString::fromStdString(app.registrationError)});
    return QObject::tr("Refused: the stream already has %1 registered enhanced fan-out consumers, the most it takes. Without a consumer the KCL "
                       "cannot subscribe to any shard, so no worker starts and this application reads nothing.")
        .arg(kMaxStreamConsumers);
  }
  if (app.config.enhancedFanOut) {
    e.facts.append({QObject::tr("SubscribeToShard calls"), QString::number(app.subscribeCalls)});
    e.facts.append({QObject::tr("Subscriptions renewed after 5 min"), QString::number(app.subscriptionsEnded)});
    e.facts.append({QObject::tr("SubscribeToShard refused"), QString::number(app.subscribeRefused)});
    return QObject::tr("A registered enhanced fan-out consumer: Kinesis pushes each shard's records to it over SubscribeToShard, up to 2 MiB/s per "
                       "shard of its own, whatever other readers do. A subscription lasts 5 minutes; then the worker subscribes again from the "
                       "last record it received (at most one call a second per shard).");
  }
  QStringList sharing;
  for (const Application &other : w.kinesis.apps)
    if (&other != &app && other.stream == app.stream && !other.config.enhancedFanOut)
      sharing << nameOf(other);
  e.facts.append({QObject::tr("Reads throttled"), QString::number(app.throttled)});
  e.facts.append({QObject::tr("Shares the read budget with"), listOrNone(sharing)});
  if (app.throttled == 0)
    return QString();
  return QObject::tr("Its GetRecords calls were refused %1 times: every polling application of the stream (%2 too) takes from each shard's 5 "
                     "calls and 2 MiB per second. On a refusal the AWS SDK retries after a back-off, then the KCL calls again once its idle "
                     "time has passed since its last successful call; meanwhile the records wait and MillisBehindLatest grows.")
      .arg(app.throttled)
      .arg(listOrNone(sharing));
}

} // namespace streamscope::model
