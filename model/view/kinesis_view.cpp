#include "kinesis_view.h"

#include "stored_copies.h"

#include "engine/kinesis/kcl_lease_assignment.h"
#include "engine/world/world.h"
#include "model/history/ack_latency.h"

namespace streamscope::model {

std::string ShardView::sequenceText(const StoredRecord &record) const { return m_shard->sequenceOf(record).toDecimal(); }

std::vector<std::uint8_t> ShardView::copyMarks(std::size_t begin, std::size_t end) const { return kinesisCopyMarks(*m_state, *m_shard, begin, end); }

void KinesisView::build(const engine::World &world) {
  const engine::kinesis::KinesisState &k = world.kinesis;
  shards.resize(k.shards.size());
  for (std::size_t s = 0; s < k.shards.size(); ++s) {
    const auto &shard = k.shards[s];
    ShardView &v = shards[s];
    v.slot = static_cast<int>(s);
    v.stream = shard.stream;
    v.index = shard.index;
    v.name = k.shardName(static_cast<int>(s));
    v.rangeStart = shard.range.start;
    v.rangeEnd = shard.range.end;
    v.parent = shard.parent;
    v.adjacentParent = shard.adjacentParent;
    v.open = shard.open();
    v.leaseOwner = -1;
    v.throttledWrites = shard.throttledWrites;
    v.throttledReads = shard.throttledReads;
    v.records = &shard.records;
    v.m_shard = &shard;
    v.m_state = &k;
  }
  streams.clear();
  for (const auto &st : k.streams) {
    StreamView v{st.config.name, st.endpoint, st.shards, 0, false};
    v.onDemand = st.capacity.mode == engine::CapacityMode::OnDemand;
    v.updating = st.capacity.status == engine::kinesis::StreamStatus::Updating;
    v.updatingUntil = st.capacity.update.until;
    for (int slot : st.shards) {
      v.openShards += k.shardAt(slot).open() ? 1 : 0;
      v.lineage = v.lineage || k.shardAt(slot).parent >= 0;
    }
    streams.push_back(std::move(v));
  }
  for (int z = 0; z < kZones; ++z)
    zones[static_cast<std::size_t>(z)] = {k.zoneNodes[static_cast<std::size_t>(z)], k.zoneUp[static_cast<std::size_t>(z)]};
  producers.clear();
  for (const auto &p : k.producers)
    producers.push_back({p.config.name, p.node, p.schedule.rate, p.backoffUntil, p.tooLarge});
  apps.resize(k.apps.size());
  for (std::size_t a = 0; a < k.apps.size(); ++a) {
    const auto &app = k.apps[a];
    ApplicationView &v = apps[a];
    v.name = app.config.application;
    v.fanOut = app.config.enhancedFanOut;
    v.stream = app.stream;
    v.readThrottled = app.throttled;
    v.refused = !app.registrationError.empty();
    v.leases.clear();
    for (const auto &lease : app.leases) {
      v.leases.push_back({lease.shard, lease.owner, lease.checkpoint, lease.checkpointCounter, lease.hasIterator, lease.iterator.position.counter,
                          lease.iterator.position.inclusive});
      // The first application's owner names the lease on the lane, as apps are listed.
      if (lease.owner >= 0 && lease.shard >= 0 && static_cast<std::size_t>(lease.shard) < shards.size() &&
          shards[static_cast<std::size_t>(lease.shard)].leaseOwner < 0)
        shards[static_cast<std::size_t>(lease.shard)].leaseOwner = lease.owner;
    }
    v.workers.clear();
    for (std::size_t wi = 0; wi < app.workers.size(); ++wi) {
      const auto &worker = app.workers[wi];
      int leases = 0;
      for (const auto &lease : app.leases)
        leases += lease.owner == static_cast<int>(wi) ? 1 : 0;
      v.workers.push_back({worker.node, worker.alive, worker.inApp, leases, engine::kinesis::kcl3::liveLeader(app) == static_cast<int>(wi),
                           worker.startedAt > world.now ? std::optional<SimTime>(worker.startedAt) : std::nullopt});
    }
  }
  ackLatencyMs = recentAckLatencyMs(k.records);
  resent = k.counters.retries > 0;
}

} // namespace streamscope::model
