// Replica fetch sessions (KIP-227): one request per follower-leader broker pair, listing only
// the partitions whose position changed; responses within the byte limits.
#include "small_scenarios.h"

#include <QtTest>

#include <map>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// Replica fetch messages on the wire, per fetch session.
std::map<int, int> messagesInFlightPerSession(const World &w) {
  std::map<int, int> n;
  w.queue.forEach([&](const auto &entry) {
    const Action &a = entry.action;
    if (a.type == ActionType::ReplicaFetchArrive || a.type == ActionType::ReplicaFetchResponse)
      ++n[a.a];
  });
  return n;
}

/// Calls `check` with every replica fetch message about to be delivered.
template <typename Check> void eachReplicaFetchMessage(const World &w, Check check) {
  w.queue.forEach([&](const auto &entry) {
    const Action &a = entry.action;
    if ((a.type == ActionType::ReplicaFetchArrive || a.type == ActionType::ReplicaFetchResponse) &&
        w.kafka.sessionMessages[static_cast<std::int32_t>(a.d)].live)
      check(a, w.kafka.sessionMessages[static_cast<std::int32_t>(a.d)]);
  });
}

} // namespace

class TstFetchSessions : public QObject {
  Q_OBJECT
private slots:
  void oneRequestOutstandingPerBrokerPair() {
    Scenario s = kafkaScenario(3, 12, 3, 2, Acks::All, 2000, 4 * kSecond);
    Simulation sim(s);
    std::size_t mostListed = 0;
    while (sim.step()) {
      for (const auto &[session, messages] : messagesInFlightPerSession(sim.world()))
        QVERIFY2(messages <= 1, "a fetcher has one request (or its response) on the wire at a time");
      eachReplicaFetchMessage(sim.world(), [&](const Action &, const SessionMessage &m) { mostListed = std::max(mostListed, m.requests.size()); });
    }
    // Each of the 3 x 2 pairs shares the 4 partitions its leader leads; the first request lists them all.
    QCOMPARE(sim.world().kafka.fetchSessions.size(), std::size_t{6});
    QCOMPARE(mostListed, std::size_t{4});
    const Report r = makeReport(sim.world());
    QCOMPARE(r.acknowledgedLost, std::int64_t{0});
    QVERIFY(r.acknowledged > 7000);
  }

  void anIdleSessionListsNothingAndAnswersNothing() {
    Scenario s = kafkaScenario(3, 6, 3, 2, Acks::All, 1000, 6 * kSecond);
    s.producers.front().count = 500;
    Simulation sim(s);
    sim.runUntil(3 * kSecond);
    int idleRequests = 0;
    while (sim.step()) {
      eachReplicaFetchMessage(sim.world(), [&](const Action &a, const SessionMessage &m) {
        QVERIFY(m.requests.empty());
        QVERIFY(m.answers.empty());
        idleRequests += a.type == ActionType::ReplicaFetchArrive;
      });
    }
    QVERIFY(idleRequests > 0); // the sessions go on, every replica.fetch.wait.max.ms
    // Every follower's position is kept at the leader, at its log end, and known in sync.
    for (const Partition &p : sim.world().kafka.partitions) {
      QCOMPARE(static_cast<int>(p.isr.size()), 3);
      QCOMPARE(static_cast<int>(p.parked.size()), 2);
      for (const ParkedFetch &f : p.parked)
        QCOMPARE(f.offset, p.logOf(p.leader).leo());
      for (int b : p.replicas)
        QCOMPARE(p.logOf(b).highWatermark(), p.logOf(p.leader).highWatermark());
    }
  }

  void followersOfAnIdlePartitionStayInTheIsrWhenRecordsCome() {
    // Nothing is written for longer than replica.lag.time.max.ms: the followers' positions are
    // not re-listed meanwhile, yet they were caught up at every request of their sessions.
    Scenario s = kafkaScenario(3, 2, 3, 2, Acks::All, 500, 8 * kSecond);
    s.kafka->replicaLagTimeMax = 2 * kSecond;
    s.producers.front().start = 5 * kSecond;
    // Slow followers: an ISR check falls between the first records and their next fetch.
    s.faults.push_back(brokerFault(100 * kMillisecond, FaultAction::SlowBroker, 1, 150 * kMillisecond));
    s.faults.push_back(brokerFault(100 * kMillisecond, FaultAction::SlowBroker, 2, 150 * kMillisecond));
    Simulation sim(s);
    while (sim.step())
      for (const Partition &p : sim.world().kafka.partitions)
        QVERIFY2(p.isr.size() == 3 && !p.alterInFlight, "no follower leaves the ISR");
    QVERIFY(makeReport(sim.world()).acknowledged > 700);
  }

  void responsesKeepToTheirByteLimits() {
    // Broker 2 is cut off while 4 partitions fill up, then catches up within
    // replica.fetch.response.max.bytes per response and replica.fetch.max.bytes per partition.
    Scenario s = kafkaScenario(3, 4, 3, 1, Acks::Leader, 2000, 14 * kSecond);
    s.kafka->replicaLagTimeMax = 2 * kSecond;
    s.kafka->replicaFetchMaxBytes = 6000;
    s.kafka->replicaFetchResponseMaxBytes = 9000;
    s.producers.front().recordBytes = 100;
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::IsolateBroker, 2));
    s.faults.push_back(brokerFault(4 * kSecond, FaultAction::Heal, 2));
    Simulation sim(s);
    int multiPartitionResponses = 0;
    while (sim.step()) {
      eachReplicaFetchMessage(sim.world(), [&](const Action &, const SessionMessage &m) {
        std::int64_t total = 0;
        int withRecords = 0;
        for (const PartitionAnswer &answer : m.answers) {
          std::int64_t bytes = 0;
          for (const LogEntry &e : answer.payload.entries)
            bytes += e.bytes;
          QVERIFY(bytes <= 6000);
          total += bytes;
          withRecords += !answer.payload.entries.empty();
        }
        QVERIFY(total <= 9000);
        multiPartitionResponses += withRecords > 1;
      });
    }
    QVERIFY(multiPartitionResponses > 0);
    for (const Partition &p : sim.world().kafka.partitions) {
      QVERIFY(p.inIsr(2));
      QVERIFY(p.logOf(2).leo() + 200 >= p.logOf(p.leader).leo());
    }
  }

  void aRestartedLeaderHasLostItsSessions() {
    // Broker 0's process is replaced without the control plane moving any leadership (its
    // incarnation changes under the followers): the new process knows no session, answers
    // FETCH_SESSION_ID_NOT_FOUND, and each follower starts over with a full request.
    Scenario s = kafkaScenario(3, 3, 3, 2, Acks::All, 500, 8 * kSecond);
    Simulation sim(s);
    sim.runUntil(2 * kSecond);
    // ...while a follower's request to it is on the wire.
    const auto requestToBroker0 = [&] {
      bool found = false;
      eachReplicaFetchMessage(sim.world(), [&](const Action &a, const SessionMessage &m) {
        found |= a.type == ActionType::ReplicaFetchArrive && !m.full && sim.world().kafka.fetchSessions[static_cast<std::size_t>(a.a)].leader == 0;
      });
      return found;
    };
    while (!requestToBroker0() && sim.step()) {}
    QVERIFY(requestToBroker0());
    World changed = sim.world();
    ++changed.kafka.brokers[0].incarnation;
    sim.restore(changed);
    int lost = 0;
    int fullAfterLost = 0;
    while (sim.step()) {
      eachReplicaFetchMessage(sim.world(), [&](const Action &a, const SessionMessage &m) {
        lost += m.sessionLost;
        fullAfterLost += lost > 0 && a.type == ActionType::ReplicaFetchArrive && m.full;
      });
    }
    QVERIFY(lost > 0);
    QVERIFY(fullAfterLost > 0);
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, std::int64_t{0});
    for (const Partition &p : sim.world().kafka.partitions) {
      QCOMPARE(static_cast<int>(p.isr.size()), 3);
      for (int b : p.replicas)
        QVERIFY(p.logOf(b).leo() + 100 >= p.logOf(p.leader).leo());
    }
  }
};

QTEST_APPLESS_MAIN(TstFetchSessions)
#include "tst_fetch_sessions.moc"
