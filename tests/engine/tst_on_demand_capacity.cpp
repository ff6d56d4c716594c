// Kinesis capacity: on-demand streams (their first shards, scaling to double the peak,
// throttling while traffic outgrows a scale-up, hot keys), the UPDATING status of resharding,
// UpdateShardCount's bounds and UpdateStreamMode.
#include "small_scenarios.h"

#include "engine/kinesis/on_demand_capacity.h"
#include "engine/kinesis/reshard_plan.h"
#include "engine/kinesis/stream_updates.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kinesis;

namespace {

/// 10 KiB records: 102 of them a second are one shard's 1 MiB/s.
constexpr std::int32_t kRecordBytes = 10240;

/// Stream "s" fed by producer "p" at `rate` records/s of 10 KiB over 2,000 keys.
Scenario capacityScenario(CapacityMode mode, double rate, SimTime duration) {
  ScenarioBuilder b("capacity-test", 42, duration);
  StreamConfig &st = b.stream("s", 4);
  st.capacityMode = mode;
  st.onDemandWindow = 1 * kSecond;
  st.onDemandScaleTime = 5 * kSecond;
  st.reshardTime = 2 * kSecond;
  ProducerConfig &p = b.producer("p", {}, "s");
  p.rate = rate;
  p.recordBytes = kRecordBytes;
  p.keyCount = 2000;
  return b.build();
}

const Stream &stream(const Simulation &sim) { return sim.world().kinesis.streams[0]; }
int openShards(const Simulation &sim) { return openShardCount(sim.world(), 0); }
std::int64_t throttled(const Simulation &sim) { return sim.world().kinesis.counters.throttledWrites; }

} // namespace

class TstOnDemandCapacity : public QObject {
  Q_OBJECT
private slots:
  void aNewOnDemandStreamHasFourShards() {
    Scenario s = capacityScenario(CapacityMode::OnDemand, 100, 10 * kSecond);
    s.kinesis->streams[0].shards = 1; // ignored: Kinesis chooses an on-demand stream's shards
    Simulation sim(s);
    sim.runToEnd();
    QCOMPARE(openShards(sim), kOnDemandInitialShards);
    QCOMPARE(stream(sim).capacity.status, StreamStatus::Active);
    // About 1 MiB/s is far below half of 4 MiB/s: no scale-up, nothing throttled.
    QCOMPARE(stream(sim).capacity.scaleUps, std::int64_t{0});
    QCOMPARE(throttled(sim), std::int64_t{0});
    const Report r = makeReport(sim.world());
    QCOMPARE(r.streams.size(), std::size_t{1});
    QCOMPARE(r.streams[0].capacityMode, std::string("on_demand"));
    QCOMPARE(r.streams[0].status, std::string("ACTIVE"));
    QCOMPARE(r.streams[0].openShards, 4);
  }

  void aNewPeakDoublesTheCapacity() {
    // About 2.9 MiB/s fits in 4 shards, but double it does not: Kinesis splits every shard.
    Scenario s = capacityScenario(CapacityMode::OnDemand, 300, 20 * kSecond);
    Simulation sim(s);
    sim.runUntil(3 * kSecond);
    QCOMPARE(stream(sim).capacity.status, StreamStatus::Updating);
    QCOMPARE(stream(sim).capacity.update.kind, StreamUpdateKind::OnDemandScaleUp);
    QCOMPARE(stream(sim).capacity.update.targetShards, 8);
    QCOMPARE(openShards(sim), 4); // still the old shards while UPDATING
    QVERIFY(stream(sim).capacity.peakShards > 2.5 && stream(sim).capacity.peakShards < 3.2);
    sim.runToEnd();
    QCOMPARE(openShards(sim), 8);
    QCOMPARE(stream(sim).capacity.scaleUps, std::int64_t{1}); // 8 shards are double the peak: no more
    QCOMPARE(throttled(sim), std::int64_t{0});
    for (int slot : stream(sim).shards) // every first shard split in two: lineage as for SplitShard
      if (sim.world().kinesis.shardAt(slot).index >= 4)
        QVERIFY(sim.world().kinesis.shardAt(slot).parent >= 0 && sim.world().kinesis.shardAt(slot).parent < 4);
  }

  void trafficThatMoreThanDoublesIsThrottledUntilScaled() {
    Scenario s = capacityScenario(CapacityMode::OnDemand, 150, 60 * kSecond); // about 1.5 MiB/s
    s.faults = {Fault{10 * kSecond, SetRate{"p", 1000}}}; // about 9.8 MiB/s: more than double 4 shards
    Simulation sim(s);
    sim.runUntil(10 * kSecond);
    QCOMPARE(throttled(sim), std::int64_t{0});
    QCOMPARE(openShards(sim), 4);
    sim.runUntil(12 * kSecond);
    QVERIFY(throttled(sim) > 0); // over 4 shards' limits before any scale-up is done
    sim.runUntil(50 * kSecond);
    QVERIFY(openShards(sim) >= 16); // doubled until there is room for double the peak
    QVERIFY(stream(sim).capacity.scaleUps >= 2);
    const std::int64_t late = throttled(sim);
    sim.runToEnd();
    QCOMPARE(throttled(sim), late); // caught up: nothing throttled any more
  }

  void aHotKeyThrottlesInBothModes() {
    for (CapacityMode mode : {CapacityMode::Provisioned, CapacityMode::OnDemand}) {
      Scenario s = capacityScenario(mode, 200, 20 * kSecond); // about 2 MiB/s, all on one key
      s.producers[0].keyCount = 0;
      s.producers[0].keys = {std::string("user-42")};
      Simulation sim(s);
      sim.runToEnd();
      QVERIFY(throttled(sim) > 1000);
      QCOMPARE(openShards(sim), 4);
      // On-demand measures about 1 MiB/s accepted: no reason (and no use) to add shards.
      QCOMPARE(stream(sim).capacity.scaleUps, std::int64_t{0});
    }
  }

  void reshardingKeepsTheStreamUpdatingAndRefusesAnother() {
    Scenario s = capacityScenario(CapacityMode::Provisioned, 100, 10 * kSecond);
    s.kinesis->streams[0].shards = 2;
    s.faults = {Fault{1 * kSecond, UpdateShardCount{"s", 4}}, Fault{2 * kSecond, SplitShard{"s", 0, "1000000000000000000000000000000000000"}}};
    Simulation sim(s);
    sim.runUntil(2500 * kMillisecond);
    QCOMPARE(stream(sim).capacity.status, StreamStatus::Updating);
    QCOMPARE(openShards(sim), 2);
    QCOMPARE(sim.world().refusals.size(), std::size_t{1});
    QCOMPARE(sim.world().refusals[0].message,
             std::string("ResourceInUseException: Stream s under account 123456789012 not ACTIVE, "
                         "instead in state UPDATING"));
    // Writes go on to the old shards meanwhile.
    bool writtenWhileUpdating = false;
    for (const StoredRecord &r : sim.world().kinesis.shards[0].records)
      writtenWhileUpdating = writtenWhileUpdating || r.arrival > 1 * kSecond;
    QVERIFY(writtenWhileUpdating);
    QCOMPARE(makeReport(sim.world()).streams[0].status, std::string("UPDATING"));
    sim.runUntil(3500 * kMillisecond);
    QCOMPARE(stream(sim).capacity.status, StreamStatus::Active);
    QCOMPARE(openShards(sim), 4);
    QCOMPARE(makeReport(sim.world()).streams[0].closedShards, 2);
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void updateShardCountKeepsToItsBounds() {
    Scenario s = capacityScenario(CapacityMode::Provisioned, 50, 120 * kSecond);
    s.kinesis->streams[0].shards = 4;
    Simulation sim(s);
    sim.runUntil(1 * kSecond);
    const auto refusal = [&](int target) { return sim.applyFault(Fault{sim.world().now, UpdateShardCount{"s", target}}).value_or(std::string()); };
    QCOMPARE(refusal(9),
             std::string("LimitExceededException: UpdateShardCount cannot scale up over double your current open shard count. "
                         "Current open shard count: 4, Target shard count: 9"));
    QCOMPARE(refusal(1),
             std::string("LimitExceededException: UpdateShardCount cannot scale down below half your current open shard count. "
                         "Current open shard count: 4, Target shard count: 1"));
    // Ten accepted calls in a rolling 24 hours, then "Rate exceeded".
    for (int call = 0; call < kShardCountUpdatesPerDay; ++call) {
      QCOMPARE(refusal(call % 2 == 0 ? 8 : 4), std::string());
      sim.runUntil(sim.world().now + 3 * kSecond); // past the 2 s of UPDATING
      QCOMPARE(openShards(sim), call % 2 == 0 ? 8 : 4);
    }
    QCOMPARE(refusal(8), std::string("LimitExceededException: Rate exceeded for stream s under account 123456789012."));
  }

  void updateStreamModeKeepsTheShardsAndIsLimited() {
    Scenario s = capacityScenario(CapacityMode::Provisioned, 300, 60 * kSecond); // about 2.9 MiB/s
    s.kinesis->streams[0].shards = 3;
    Simulation sim(s);
    sim.runUntil(1 * kSecond);
    const auto toMode = [&](CapacityMode mode) {
      return sim.applyFault(Fault{sim.world().now, SwitchCapacityMode{"s", mode}}).value_or(std::string());
    };
    QVERIFY(toMode(CapacityMode::Provisioned).starts_with("ValidationException: stream s under account 123456789012 is already in PROVISIONED"));
    QCOMPARE(toMode(CapacityMode::OnDemand), std::string());
    QCOMPARE(toMode(CapacityMode::Provisioned).substr(0, 23), std::string("ResourceInUseException:"));
    sim.runUntil(3500 * kMillisecond);
    QCOMPARE(stream(sim).capacity.mode, CapacityMode::OnDemand);
    QCOMPARE(openShards(sim), 3); // the switch keeps the shard count...
    QVERIFY(sim.applyFault(Fault{sim.world().now, UpdateShardCount{"s", 4}})->starts_with("ValidationException: UpdateShardCount is only supported"));
    sim.runUntil(15 * kSecond);
    QCOMPARE(openShards(sim), 6); // ...and Kinesis then keeps room for double the peak
    QCOMPARE(toMode(CapacityMode::Provisioned), std::string());
    sim.runUntil(20 * kSecond);
    QCOMPARE(stream(sim).capacity.mode, CapacityMode::Provisioned);
    QCOMPARE(toMode(CapacityMode::OnDemand), std::string("LimitExceededException: Rate exceeded for stream s under account 123456789012."));
  }

  void snapshotsCaptureUpdatingAndThePeak() {
    Scenario s = capacityScenario(CapacityMode::OnDemand, 150, 40 * kSecond);
    s.faults = {Fault{5 * kSecond, SetRate{"p", 700}}};
    Simulation sim(s);
    sim.runUntil(8 * kSecond);
    const World mid = sim.snapshot();
    QCOMPARE(mid.kinesis.streams[0].capacity.status, StreamStatus::Updating);
    sim.runToEnd();
    const std::string straight = makeReport(sim.world()).eventHash;
    sim.restore(mid);
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).eventHash, straight);
    QCOMPARE(runToEnd(s).eventHash, straight);
  }
};

QTEST_APPLESS_MAIN(TstOnDemandCapacity)
#include "tst_on_demand_capacity.moc"
