#include "explain_stream.h"

#include "engine/kinesis/on_demand_capacity.h"
#include "engine/kinesis/reshard_plan.h"

namespace streamscope::model {
namespace {

using namespace engine::kinesis;

QString seconds(engine::SimTime t) { return QObject::tr("%1 s").arg(engine::toMs(t) / 1000.0, 0, 'f', 1); }

QString operationWords(const StreamUpdate &u) {
  switch (u.kind) {
  case StreamUpdateKind::SplitShard: return QObject::tr("SplitShard of shard %1").arg(u.shard);
  case StreamUpdateKind::MergeShards: return QObject::tr("MergeShards of shards %1 and %2").arg(u.shard).arg(u.adjacentShard);
  case StreamUpdateKind::UpdateShardCount: return QObject::tr("UpdateShardCount to %1 open shards").arg(u.targetShards);
  case StreamUpdateKind::UpdateStreamMode:
    return u.mode == engine::CapacityMode::OnDemand ? QObject::tr("UpdateStreamMode to on-demand") : QObject::tr("UpdateStreamMode to provisioned");
  case StreamUpdateKind::OnDemandScaleUp: return QObject::tr("on-demand scale-up to %1 open shards").arg(u.targetShards);
  case StreamUpdateKind::None: break;
  }
  return QString();
}

} // namespace

Explanation explainStream(const engine::World &w, int index) {
  const Stream &st = w.kinesis.streams[static_cast<std::size_t>(index)];
  const StreamCapacity &c = st.capacity;
  const bool onDemand = c.mode == engine::CapacityMode::OnDemand;
  const bool updating = c.status == StreamStatus::Updating;
  const int open = openShardCount(w, index);
  Explanation e{QObject::tr("Stream %1").arg(QString::fromStdString(st.config.name)), {}, {}};
  e.facts = {{QObject::tr("Status"), updating ? QObject::tr("UPDATING (%1 left)").arg(seconds(c.update.until - w.now)) : QObject::tr("ACTIVE")},
             {QObject::tr("Capacity mode"), onDemand ? QObject::tr("on-demand") : QObject::tr("provisioned")},
             {QObject::tr("Open shards"), QString::number(open)},
             {QObject::tr("Closed shards"), QString::number(static_cast<qsizetype>(st.shards.size()) - open)}};
  if (updating)
    e.facts.append({QObject::tr("Under way"), operationWords(c.update)});
  if (onDemand) {
    e.facts.append({QObject::tr("Peak writes"), QObject::tr("%1 shards' worth").arg(c.peakShards, 0, 'f', 2)});
    e.facts.append({QObject::tr("Kept for the peak"), QObject::tr("%1 shards").arg(onDemandTargetShards(c))});
  }
  e.why = QObject::tr("A stream is a set of shards that divide the 128-bit hash key space; its capacity is the sum of its open shards' limits.");
  if (updating)
    e.why += QObject::tr(" While a resharding, a mode switch or a scale-up is under way the stream is UPDATING: producers and consumers go on "
                         "writing to and reading from the old shards, the new shards appear only when the operation completes, and "
                         "Kinesis refuses any other SplitShard, MergeShards, UpdateShardCount or UpdateStreamMode with "
                         "ResourceInUseException.");
  if (onDemand)
    e.why += QObject::tr(" On-demand, Kinesis adds shards itself: it keeps room for double the highest write rate measured so far (in "
                         "StreamScope, averaged over %1 windows) and scales up by splitting the widest shards, which takes %2. Traffic "
                         "that more than doubles faster than that is throttled meanwhile, and a single partition key is still held to "
                         "one shard's 1 MiB/s and 1,000 records/s.")
                 .arg(seconds(st.config.onDemandWindow), seconds(st.config.onDemandScaleTime));
  return e;
}

} // namespace streamscope::model
