#include "engine/check/random_scenario.h"

#include "engine/world/config_rules.h"
#include "engine/world/scenario_builder.h"

#include "engine/core/rng.h"
#include "engine/world/kinesis/hash_keys.h"

#include <algorithm>
#include <array>
#include <vector>

namespace streamscope::engine::check {
namespace {

SimTime seconds(std::int64_t s) { return s * kSecond; }
SimTime millis(std::int64_t ms) { return ms * kMillisecond; }

/// A consumer that dies, or one that joins.
Fault killConsumerFault(SimTime at, const std::string &group) { return {at, KillConsumer{group}}; }
Fault addConsumerFault(SimTime at, const std::string &group) { return {at, AddConsumer{group}}; }

/// One topic "t" on `brokers` brokers, one producer "p", one consumer group "g". The draws
/// follow the order of the settings below: a seed's scenario depends on it.
Scenario kafkaScenario(Rng &rng, int brokers, int partitions, int rf, int minIsr, Acks acks, SimTime duration) {
  ScenarioBuilder b({}, 1, duration);
  KafkaConfig &k = b.kafka(brokers);
  TopicConfig &t = b.topic("t", partitions, rf, minIsr);
  switch (rng.below(3)) { // flush policy: the OS alone, flush.messages, or flush.ms
  case 1: t.flushIntervalMessages = rng.between(1, 50); break;
  case 2:
    t.flushInterval = millis(rng.between(50, 2000));
    k.logFlushSchedulerInterval = *t.flushInterval; // flush.ms needs the broker's log flusher to run
    break;
  default: break;
  }
  ProducerConfig &p = b.producer("p", "t", {}, acks);
  p.enableIdempotence = idempotenceAllowed(acks) && rng.chance(0.7);
  p.rate = static_cast<double>(rng.between(50, 400));
  p.keyCount = static_cast<std::int32_t>(rng.between(0, 50));
  p.requestTimeout = rng.chance(0.5) ? seconds(3) : seconds(30);
  ConsumerGroupConfig &g = b.consumerGroup("g", "t", static_cast<int>(rng.between(1, 3)), OffsetReset::Earliest);
  switch (rng.between(0, 2)) { // both classic assignors and the consumer protocol
  case 0: g.assignor = AssignorKind::Range; break;
  case 1: g.assignor = AssignorKind::CooperativeSticky; break;
  default:
    g.protocol = GroupProtocol::Consumer;
    g.assignor = AssignorKind::Uniform;
    break;
  }
  g.requestTimeout = seconds(3);
  return b.build();
}

/// Consumer churn and a lost request now and then: they never risk acknowledged records.
void addClientFaults(Rng &rng, Scenario &s, const std::string &group, SimTime until) {
  const auto count = rng.between(0, 3);
  for (std::int64_t i = 0; i < count; ++i) {
    const SimTime at = millis(rng.between(1000, until / kMillisecond));
    s.faults.push_back(killConsumerFault(at, group));
    s.faults.push_back(addConsumerFault(at + millis(rng.between(500, 8000)), group));
  }
  if (rng.chance(0.5)) {
    s.faults.push_back(Fault{millis(rng.between(1000, until / kMillisecond)), DropMessage{}});
  }
}

/// One broker fault and its remedy `down` later: crash or power loss and restart,
/// isolation and heal, or slowness (up to `maxSlowMs`) and back to normal.
void addBrokerEpisode(Rng &rng, Scenario &s, SimTime t, int broker, SimTime down, std::int64_t maxSlowMs) {
  switch (rng.below(4)) {
  case 0:
    s.faults.push_back(brokerFault(t, FaultAction::CrashBroker, broker));
    s.faults.push_back(brokerFault(t + down, FaultAction::RestartBroker, broker));
    break;
  case 1:
    s.faults.push_back(brokerFault(t, FaultAction::PowerLoss, broker));
    s.faults.push_back(brokerFault(t + down, FaultAction::RestartBroker, broker));
    break;
  case 2:
    s.faults.push_back(brokerFault(t, FaultAction::IsolateBroker, broker));
    s.faults.push_back(brokerFault(t + down, FaultAction::Heal, broker));
    break;
  default:
    s.faults.push_back(brokerFault(t, FaultAction::SlowBroker, broker, millis(rng.between(20, maxSlowMs))));
    s.faults.push_back(brokerFault(t + down, FaultAction::SlowBroker, broker, 0));
    break;
  }
}

/// A quorum of 1..5 controllers and `episodes` controller faults, each remedied `down`
/// later. `overlap` (the chaos runs): they may take the majority away at once, and the
/// quorum may be combined with the brokers (a controller fault is then a broker fault).
void addControllerEpisodes(Rng &rng, Scenario &s, std::int64_t episodes, bool overlap) {
  KafkaConfig &k = *s.kafka;
  k.controllers = static_cast<int>(rng.between(1, 5));
  if (overlap && k.controllers <= k.brokers && rng.chance(0.3))
    k.controllerMode = ControllerMode::Combined;
  const int first = k.controllerMode == ControllerMode::Combined ? 0 : kFirstDedicatedControllerId;
  SimTime t = millis(rng.between(2000, 8000));
  for (std::int64_t i = 0; i < episodes && t < s.duration - seconds(15); ++i) {
    const int id = first + static_cast<int>(rng.below(static_cast<std::uint64_t>(k.controllers)));
    const SimTime down = millis(rng.between(500, 10000));
    const bool isolate = rng.chance(0.4);
    Fault stop = brokerFault(t, isolate ? FaultAction::IsolateBroker : rng.chance(0.5) ? FaultAction::CrashBroker : FaultAction::PowerLoss, -1);
    Fault start = brokerFault(t + down, isolate ? FaultAction::Heal : FaultAction::RestartBroker, -1);
    for (Fault *f : {&stop, &start})
      std::visit(
          [&](auto &a) {
            if constexpr (requires { a.controller; })
              a.controller = id;
          },
          f->what);
    s.faults.push_back(stop);
    s.faults.push_back(start);
    t += overlap ? millis(rng.between(200, 6000)) : down + millis(rng.between(3000, 12000));
  }
}

GeneratedRun kafkaSafe(Rng &rng) {
  const int brokers = static_cast<int>(rng.between(3, 5));
  const int rf = static_cast<int>(rng.between(3, std::min(brokers, 4)));
  const int minIsr = static_cast<int>(rng.between(2, rf - 1));
  GeneratedRun run;
  run.scenario = kafkaScenario(rng, brokers, static_cast<int>(rng.between(1, 6)), rf, minIsr, Acks::All, seconds(rng.between(40, 90)));
  run.promisesNoLoss = true;
  Scenario &s = run.scenario;
  // Episodes on one broker at a time, each healed well before the next starts.
  for (SimTime t = millis(rng.between(2000, 6000)); t < s.duration - seconds(20);) {
    const int b = static_cast<int>(rng.below(static_cast<std::uint64_t>(brokers)));
    const SimTime down = millis(rng.between(1000, 12000));
    addBrokerEpisode(rng, s, t, b, down, 3000);
    t += down + millis(rng.between(8000, 20000));
  }
  addClientFaults(rng, s, "g", s.duration - seconds(5));
  addControllerEpisodes(rng, s, rng.between(0, 3), false);
  return run;
}

/// kafka-safe's cluster and broker episodes with an idempotent producer whose responses are
/// lost (scenario-wide and by drop_response faults) and whose requests time out quickly.
GeneratedRun kafkaIdempotentDrops(Rng &rng) {
  GeneratedRun run = kafkaSafe(rng);
  run.promisesNoStoredDuplicates = true;
  Scenario &s = run.scenario;
  ProducerConfig &p = s.producers[0];
  p.enableIdempotence = true;
  p.requestTimeout = millis(rng.between(300, 3000));
  p.maxInFlight = static_cast<int>(rng.between(1, 5));
  s.dropResponseRatio = static_cast<double>(rng.between(0, 50)) / 1000.0;
  const auto drops = rng.between(1, 8);
  for (std::int64_t i = 0; i < drops; ++i)
    s.faults.push_back(Fault{millis(rng.between(1000, (s.duration - seconds(5)) / kMillisecond)), DropResponse{ResponseSystem::Kafka, {}}});
  return run;
}

/// kafka-safe's cluster and broker faults with a transactional producer, an exactly-once
/// pipeline from its topic to another, read_committed readers, and both applications crashed
/// and restarted (the old instance coming back as a zombie).
GeneratedRun kafkaTransactions(Rng &rng) {
  GeneratedRun run = kafkaSafe(rng);
  run.promisesExactlyOnce = true;
  Scenario &s = run.scenario;
  ProducerConfig &p = s.producers[0];
  p.enableIdempotence = true;
  p.transactionalId = "p-txn";
  p.transactionTime = millis(rng.between(50, 1000));
  p.abortRatio = static_cast<double>(rng.between(0, 300)) / 1000.0;
  p.transactionTimeout = seconds(rng.between(5, 60));
  for (ConsumerGroupConfig &g : s.consumers)
    g.isolationLevel = IsolationLevel::ReadCommitted;
  TopicConfig out = s.kafka->topics[0];
  out.name = "out";
  s.kafka->topics.push_back(out);
  ScenarioBuilder b(std::move(s));
  b.kafkaPipeline("eos", "t", "out", true, millis(rng.between(50, 1000)));
  b.consumerGroup("downstream", "out", 1, OffsetReset::Earliest).isolationLevel = IsolationLevel::ReadCommitted;
  s = b.build();
  const auto crashes = rng.between(1, 4);
  for (std::int64_t i = 0; i < crashes; ++i) {
    const std::string who = rng.chance(0.5) ? "eos" : "p";
    const SimTime at = millis(rng.between(1000, (s.duration - seconds(15)) / kMillisecond));
    s.faults.push_back(Fault{at, CrashProducer{who}});
    const SimTime zombie = rng.chance(0.3) ? -1 : millis(rng.between(0, 3000));
    s.faults.push_back(Fault{at + millis(rng.between(100, 8000)), RestartProducer{who, zombie}});
  }
  return run;
}

GeneratedRun kafkaAnything(Rng &rng) {
  const int brokers = static_cast<int>(rng.between(1, 5));
  const int rf = static_cast<int>(rng.between(1, brokers));
  const int minIsr = static_cast<int>(rng.between(1, rf));
  const Acks acks = std::array{Acks::None, Acks::Leader, Acks::All}[rng.below(3)];
  GeneratedRun run;
  run.scenario = kafkaScenario(rng, brokers, static_cast<int>(rng.between(1, 6)), rf, minIsr, acks, seconds(rng.between(30, 80)));
  Scenario &s = run.scenario;
  s.kafka->topics[0].uncleanLeaderElection = rng.chance(0.3);
  if (rng.chance(0.3))
    s.kafka->replicaLagTimeMax = millis(rng.between(1000, 5000));
  const auto episodes = rng.between(1, 6);
  for (std::int64_t i = 0; i < episodes; ++i) { // may overlap, and may hit every broker at once
    const SimTime t = millis(rng.between(1000, (s.duration - seconds(10)) / kMillisecond));
    const int b = rng.chance(0.2) ? -1 : static_cast<int>(rng.below(static_cast<std::uint64_t>(brokers)));
    const SimTime down = millis(rng.between(200, 15000));
    addBrokerEpisode(rng, s, t, b, down, 4000);
  }
  addClientFaults(rng, s, "g", s.duration - seconds(5));
  addControllerEpisodes(rng, s, rng.between(0, 5), true);
  return run;
}

GeneratedRun kinesisRun(Rng &rng) {
  GeneratedRun run;
  run.settle = seconds(120);
  Scenario &s = run.scenario;
  // Producers stop at stopAt; then the application catches up. KCL is slow to move work:
  // a dead worker's leases expire after failoverTime (10 s), the lease taker runs every
  // 20 s and takes only a fair share, and children wait for their parents' SHARD_END.
  const SimTime stopAt = seconds(rng.between(20, 60));
  ScenarioBuilder b({}, 1, stopAt + seconds(150)); // the draws follow the order of the settings
  const StreamConfig &st = b.stream("s", static_cast<int>(rng.between(1, 4)));
  ProducerConfig &p = b.producer("p", {}, "s");
  p.rate = static_cast<double>(rng.between(100, 1200 * st.shards)); // sometimes over the shards' limits
  p.keyCount = static_cast<std::int32_t>(rng.between(5, 200));
  p.count = static_cast<std::int64_t>(p.rate) * (stopAt / kSecond);
  KinesisAppConfig &app = b.application("app", "s", static_cast<int>(rng.between(1, 3)), IteratorType::TrimHorizon);
  app.enhancedFanOut = rng.chance(0.3);
  app.checkpointInterval = std::array{SimTime{0}, seconds(1), seconds(5)}[rng.below(3)];
  app.kclVersion = 2; // KCL 2's lease taker and stealing; kinesis-kcl3 covers the leader
  s = b.build();

  // One zone out at a time.
  for (SimTime t = millis(rng.between(2000, 10000)); t < stopAt;) {
    const SimTime down = millis(rng.between(2000, 20000));
    const int az = static_cast<int>(rng.below(3));
    s.faults.push_back(Fault{t, AzOutage{az}});
    s.faults.push_back(Fault{t + down, AzRestore{az}});
    t += down + millis(rng.between(5000, 30000));
  }
  // Worker deaths, never the last one, each replaced later.
  int alive = app.workers;
  for (SimTime t = millis(rng.between(3000, 15000)); t < stopAt; t += millis(rng.between(5000, 20000))) {
    if (alive > 1 && rng.chance(0.6)) {
      s.faults.push_back(killConsumerFault(t, "app"));
      --alive;
    } else {
      s.faults.push_back(addConsumerFault(t, "app"));
      ++alive;
    }
  }
  // Reshards, following the topology the engine will have: children get the next indices.
  struct OpenShard {
    int index;
    kinesis::HashKeyRange range;
  };
  std::vector<OpenShard> open;
  const auto ranges = kinesis::initialHashKeyRanges(st.shards);
  for (int i = 0; i < st.shards; ++i)
    open.push_back({i, ranges[static_cast<std::size_t>(i)]});
  int next = st.shards;
  const auto reshards = rng.between(0, 3);
  SimTime t = millis(rng.between(3000, 10000));
  for (std::int64_t i = 0; i < reshards && t < stopAt; ++i, t += millis(rng.between(3000, 15000))) {
    Fault f{t, {}};
    std::sort(open.begin(), open.end(), [](const OpenShard &a, const OpenShard &b) { return a.range.start < b.range.start; });
    if (open.size() > 1 && rng.chance(0.4)) {
      const std::size_t a = rng.below(open.size() - 1);
      f.what = MergeShards{"s", open[a].index, open[a + 1].index};
      const OpenShard merged{next++, {open[a].range.start, open[a + 1].range.end}};
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(a), open.begin() + static_cast<std::ptrdiff_t>(a) + 2);
      open.push_back(merged);
    } else {
      const std::size_t a = rng.below(open.size());
      const kinesis::HashKeyRange r = open[a].range;
      const Uint128 middle = r.start + (r.end - r.start) / 2;
      f.what = SplitShard{"s", open[a].index, toDecimal(middle)};
      open.erase(open.begin() + static_cast<std::ptrdiff_t>(a));
      open.push_back({next++, {r.start, middle - 1}});
      open.push_back({next++, {middle, r.end}});
    }
    s.faults.push_back(f);
  }
  return run;
}

/// KCL 3: hot and cold shards (producers with few keys), a leader that may be killed, workers
/// added, removed and killed, and a split: every record still processed, only owners process.
GeneratedRun kinesisKcl3(Rng &rng) {
  GeneratedRun run;
  const SimTime stopAt = seconds(rng.between(30, 90));
  ScenarioBuilder b({}, 1, stopAt + seconds(240));
  const StreamConfig &st = b.stream("s", static_cast<int>(rng.between(2, 6)));
  for (int i = 0, producers = static_cast<int>(rng.between(1, 3)); i < producers; ++i) {
    ProducerConfig &p = b.producer("p" + std::to_string(i), {}, "s");
    p.rate = static_cast<double>(rng.between(50, 400 * st.shards));
    p.keyCount = static_cast<std::int32_t>(rng.between(1, 30)); // few keys: some shards run hot
    p.count = static_cast<std::int64_t>(p.rate) * (stopAt / kSecond);
  }
  KinesisAppConfig &app = b.application("app", "s", static_cast<int>(rng.between(1, 4)), IteratorType::TrimHorizon);
  app.enhancedFanOut = rng.chance(0.3);
  app.checkpointInterval = std::array{SimTime{0}, seconds(1), seconds(5)}[rng.below(3)];
  app.rebalanceThresholdPercent = static_cast<int>(rng.between(5, 40));
  app.dampeningPercent = static_cast<int>(rng.between(20, 100));
  app.leaderLockLease = seconds(rng.between(10, 120));
  Scenario &s = run.scenario = b.build();
  // Records acknowledged before the last fault has been recovered from must be processed: a
  // killed leader holds its lock for up to its lease, then the assignment and discovery follow.
  run.settle = seconds(200);
  int alive = app.workers;
  for (SimTime t = millis(rng.between(3000, 15000)); t < stopAt; t += millis(rng.between(5000, 25000))) {
    const auto what = rng.below(3);
    if (alive > 1 && what == 0) {
      s.faults.push_back(killConsumerFault(t, "app"));
      --alive;
    } else if (alive > 1 && what == 1) {
      s.faults.push_back(Fault{t, RemoveConsumer{"app", -1}});
      --alive;
    } else {
      s.faults.push_back(addConsumerFault(t, "app"));
      ++alive;
    }
  }
  if (app.workers > 1 && rng.chance(0.5)) { // worker 0 usually leads: kill it, and start a replacement
    const SimTime at = millis(rng.between(5000, 30000));
    s.faults.push_back(Fault{at, KillConsumer{"app", 0}});
    s.faults.push_back(addConsumerFault(at + seconds(1), "app"));
  }
  if (rng.chance(0.4)) {
    const auto ranges = kinesis::initialHashKeyRanges(st.shards);
    const Uint128 middle = ranges[0].start + (ranges[0].end - ranges[0].start) / 2;
    s.faults.push_back(Fault{millis(rng.between(5000, 40000)), SplitShard{"s", 0, toDecimal(middle)}});
  }
  return run;
}

GeneratedRun acks1PowerLoss(Rng &rng) {
  GeneratedRun run;
  run.faultAt = millis(rng.between(4000, 10000));
  run.scenario = kafkaScenario(rng, 3, 1, 3, static_cast<int>(rng.between(1, 2)), Acks::Leader, run.faultAt + seconds(30));
  Scenario &s = run.scenario;
  s.kafka->topics[0].flushIntervalMessages.reset();
  s.kafka->topics[0].flushInterval.reset();
  s.kafka->logFlushSchedulerInterval = kNever;
  const SimTime lag = millis(rng.between(50, 400)); // followers fetch late: records sit on the leader alone
  s.faults.push_back(brokerFault(millis(1000), FaultAction::SlowBroker, 1, lag));
  s.faults.push_back(brokerFault(millis(1000), FaultAction::SlowBroker, 2, lag));
  s.faults.push_back(brokerFault(run.faultAt, FaultAction::PowerLoss, 0)); // partition 0's leader
  s.faults.push_back(brokerFault(run.faultAt + millis(rng.between(5000, 15000)), FaultAction::RestartBroker, 0));
  return run;
}

GeneratedRun uncleanElection(Rng &rng) {
  GeneratedRun run;
  run.faultAt = millis(rng.between(6000, 12000));
  run.scenario = kafkaScenario(rng, 3, 1, 3, 1, Acks::All, run.faultAt + seconds(30));
  Scenario &s = run.scenario;
  s.kafka->topics[0].uncleanLeaderElection = true;
  s.kafka->replicaLagTimeMax = millis(rng.between(1000, 3000));
  const SimTime lag = millis(rng.between(2500, 5000)); // the followers drop out of the ISR
  s.faults.push_back(brokerFault(millis(1000), FaultAction::SlowBroker, 1, lag));
  s.faults.push_back(brokerFault(millis(1000), FaultAction::SlowBroker, 2, lag));
  s.faults.push_back(brokerFault(run.faultAt, FaultAction::CrashBroker, 0));
  s.faults.push_back(brokerFault(run.faultAt + millis(500), FaultAction::SlowBroker, 1, 0));
  s.faults.push_back(brokerFault(run.faultAt + millis(500), FaultAction::SlowBroker, 2, 0));
  s.faults.push_back(brokerFault(run.faultAt + seconds(15), FaultAction::RestartBroker, 0));
  return run;
}

GeneratedRun allBrokersPowerLoss(Rng &rng) {
  GeneratedRun run;
  run.faultAt = millis(rng.between(3000, 12000));
  run.scenario = kafkaScenario(rng, 3, static_cast<int>(rng.between(1, 2)), 3, 2, Acks::All, run.faultAt + seconds(30));
  Scenario &s = run.scenario;
  s.kafka->topics[0].flushIntervalMessages.reset(); // only the OS writes back, every 30 s
  s.kafka->topics[0].flushInterval.reset();
  s.kafka->logFlushSchedulerInterval = kNever;
  s.faults.push_back(brokerFault(run.faultAt, FaultAction::PowerLoss, -1));
  s.faults.push_back(brokerFault(run.faultAt + millis(rng.between(1000, 5000)), FaultAction::RestartBroker, -1));
  return run;
}

/// kafka-safe's cluster and broker episodes, read also by share group "sg": one or two
/// entries of members that take their time, reject and release, and members that die,
/// leave and join. Every record must stay with at most one member at a time.
GeneratedRun shareGroups(Rng &rng) {
  GeneratedRun run = kafkaSafe(rng);
  Scenario &s = run.scenario;
  ScenarioBuilder b(std::move(s));
  const SimTime lock = seconds(rng.between(15, 30));
  const int limit = static_cast<int>(rng.between(2, 5));
  const auto entries = rng.between(1, 2);
  for (std::int64_t e = 0; e < entries; ++e) {
    ShareConsumerConfig &c = b.shareConsumer("sg", "t", static_cast<int>(rng.between(1, 3)), OffsetReset::Earliest);
    c.recordLock = lock;
    c.deliveryCountLimit = limit;
    c.maxRecordLocks = static_cast<int>(rng.between(100, 2000));
    c.maxPollRecords = static_cast<int>(rng.between(1, 500));
    c.rejectRatio = static_cast<double>(rng.between(0, 20)) / 100.0;
    c.releaseRatio = static_cast<double>(rng.between(0, 40)) / 100.0;
    c.processing = millis(rng.between(0, 40));
  }
  s = b.build();
  const auto churn = rng.between(0, 4);
  for (std::int64_t i = 0; i < churn; ++i) {
    const SimTime at = millis(rng.between(1000, (s.duration - seconds(5)) / kMillisecond));
    switch (rng.below(3)) {
    case 0: s.faults.push_back(Fault{at, KillConsumer{"sg"}}); break;
    case 1: s.faults.push_back(Fault{at, RemoveConsumer{"sg"}}); break;
    default: s.faults.push_back(Fault{at, AddConsumer{"sg"}}); break;
    }
  }
  return run;
}

} // namespace

GeneratedRun randomRun(RunFamily family, std::uint64_t seed) {
  Rng rng(seed * 0x9e3779b97f4a7c15ULL + static_cast<std::uint64_t>(family));
  GeneratedRun run;
  switch (family) {
  case RunFamily::KafkaSafe: run = kafkaSafe(rng); break;
  case RunFamily::KafkaAnything: run = kafkaAnything(rng); break;
  case RunFamily::Kinesis: run = kinesisRun(rng); break;
  case RunFamily::Acks1PowerLoss: run = acks1PowerLoss(rng); break;
  case RunFamily::UncleanElection: run = uncleanElection(rng); break;
  case RunFamily::AllBrokersPowerLoss: run = allBrokersPowerLoss(rng); break;
  case RunFamily::KafkaIdempotentDrops: run = kafkaIdempotentDrops(rng); break;
  case RunFamily::KafkaTransactions: run = kafkaTransactions(rng); break;
  case RunFamily::ShareGroups: run = shareGroups(rng); break;
  case RunFamily::KinesisKcl3: run = kinesisKcl3(rng); break;
  }
  run.scenario.name = std::string(familyName(family)) + " seed " + std::to_string(seed);
  run.scenario.seed = seed;
  std::stable_sort(run.scenario.faults.begin(), run.scenario.faults.end(), [](const Fault &a, const Fault &b) { return a.at < b.at; });
  return run;
}

std::string_view familyName(RunFamily family) {
  switch (family) {
  case RunFamily::KafkaSafe: return "kafka-safe";
  case RunFamily::KafkaAnything: return "kafka-anything";
  case RunFamily::Kinesis: return "kinesis";
  case RunFamily::Acks1PowerLoss: return "acks1-power-loss";
  case RunFamily::UncleanElection: return "unclean-election";
  case RunFamily::AllBrokersPowerLoss: return "all-brokers-power-loss";
  case RunFamily::KafkaIdempotentDrops: return "kafka-idempotent-drops";
  case RunFamily::KafkaTransactions: return "kafka-transactions";
  case RunFamily::ShareGroups: return "share-groups";
  case RunFamily::KinesisKcl3: return "kinesis-kcl3";
  }
  return "?";
}

std::optional<RunFamily> familyFromName(std::string_view name) {
  for (RunFamily f : kAllFamilies)
    if (familyName(f) == name)
      return f;
  return std::nullopt;
}

} // namespace streamscope::engine::check
