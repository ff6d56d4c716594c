// The producer's Sender: one ProduceRequest per broker connection carrying the first batch of
// every partition led there, at most max.in.flight.requests.per.connection unanswered per
// connection, one response per request with a result per partition.
#include "small_scenarios.h"

#include <QtTest>

#include <limits>
#include <map>
#include <set>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// Calls `check` with every produce request on the wire to its broker.
template <typename Check> void eachProduceRequest(const World &w, Check check) {
  w.queue.forEach([&](const auto &entry) {
    const Action &a = entry.action;
    if (a.type == ActionType::ProduceArrive && w.kafka.produceRequests[a.b].live)
      check(a, w.kafka.produceRequests[a.b]);
  });
}

/// Unanswered requests per broker connection of producer 0 (a request is named by its first batch's attempt).
std::map<int, std::set<std::uint32_t>> requestsInFlight(const World &w) {
  std::map<int, std::set<std::uint32_t>> open;
  for (const ProducerPartition &pp : w.kafka.producers.front().parts)
    for (std::int32_t id : pp.unresolved)
      if (const Batch &b = w.kafka.batches[id]; b.inFlight)
        open[b.sentTo].insert(b.request);
  return open;
}

} // namespace

class TstProduceRequests : public QObject {
  Q_OBJECT
private slots:
  void aRequestCarriesOneBatchPerPartitionOfOneBroker() {
    Scenario s = kafkaScenario(3, 30, 3, 2, Acks::All, 3000, 4 * kSecond);
    s.producers.front().keyCount = 300;
    s.producers.front().count = 9000; // done a second before the end: every record answered
    Simulation sim(s);
    std::size_t most = 0;
    while (sim.step()) {
      eachProduceRequest(sim.world(), [&](const Action &a, const ProduceRequest &request) {
        std::set<int> partitions;
        for (const PartitionResult &r : request.parts) {
          QVERIFY2(partitions.insert(r.partition).second, "at most one batch per partition in a request");
          QCOMPARE(sim.world().kafka.partitions[static_cast<std::size_t>(r.partition)].leader, request.broker);
        }
        QCOMPARE(a.a, request.parts.front().batch);
        most = std::max(most, request.parts.size());
      });
    }
    QVERIFY2(most >= 5, "10 partitions per broker at 100 records/s each share requests");
    const Report r = makeReport(sim.world());
    QCOMPARE(r.acknowledgedLost, std::int64_t{0});
    QCOMPARE(r.acknowledged, r.produced);
    // Each partition sees about one batch per linger.ms; a request carries several of them.
    QVERIFY(r.produceRequests > 0);
    QVERIFY2(r.produceRequests * 3 < r.produced, "requests are far fewer than records");
  }

  void unansweredRequestsPerConnectionStayWithinMaxInFlight() {
    for (const int maxInFlight : {1, 2}) {
      Scenario s = kafkaScenario(3, 12, 3, 2, Acks::All, 20000, 2 * kSecond);
      s.producers.front().keyCount = 100;
      s.producers.front().maxInFlight = maxInFlight;
      s.producers.front().batchSize = 2000; // full batches: a backlog always has more ready
      Simulation sim(s);
      std::size_t most = 0;
      while (sim.step())
        for (const auto &[broker, open] : requestsInFlight(sim.world())) {
          QVERIFY2(open.size() <= static_cast<std::size_t>(maxInFlight), "per connection, not per partition");
          most = std::max(most, open.size());
        }
      QCOMPARE(most, static_cast<std::size_t>(maxInFlight));
      const Report r = makeReport(sim.world());
      QCOMPARE(r.acknowledgedLost, std::int64_t{0});
      QVERIFY(r.acknowledged > 30000);
    }
  }

  void aLostResponseTimesOutEveryBatchOfItsRequestAndIdempotenceStoresThemOnce() {
    Scenario s = kafkaScenario(3, 12, 3, 2, Acks::All, 2000, 10 * kSecond);
    s.producers.front().keyCount = 100;
    s.producers.front().count = 10000; // the last lost response is timed out and resent before the end
    s.dropResponseRatio = 0.05;
    const Report r = runToEnd(s);
    QVERIFY(r.retries > 0);
    QCOMPARE(r.duplicatesStored, std::int64_t{0});
    QCOMPARE(r.acknowledgedLost, std::int64_t{0});
    QCOMPARE(r.acknowledged, r.produced);
  }

  void reclaimingAnsweredRequestsChangesNothing() {
    Scenario s = kafkaScenario(3, 12, 3, 2, Acks::All, 3000, 20 * kSecond);
    s.producers.front().keyCount = 100;
    s.dropResponseRatio = 0.02;
    s.faults.push_back(Fault{8 * kSecond, PowerLoss{1}});
    s.faults.push_back(Fault{12 * kSecond, RestartBroker{1}});
    Simulation reclaiming(s);
    Simulation keeping(s);
    World w = keeping.snapshot();
    w.kafka.requestReclaimAt = std::numeric_limits<std::size_t>::max();
    keeping.restore(w);
    reclaiming.runToEnd();
    keeping.runToEnd();
    QCOMPARE(reclaiming.world().events.hash(), keeping.world().events.hash());
    const std::size_t kept = keeping.world().kafka.produceRequests.items.size();
    const std::size_t pooled = reclaiming.world().kafka.produceRequests.items.size();
    QVERIFY2(pooled < kept, qPrintable(QStringLiteral("%1 of %2").arg(pooled).arg(kept)));
  }

  void theReportCountsRequestsOfEveryKind() {
    Scenario s = kafkaScenario(3, 6, 3, 2, Acks::All, 1000, 4 * kSecond);
    s.producers.front().count = 3000;
    addGroup(s, 2);
    const Report r = runToEnd(s);
    QVERIFY(r.produceRequests > 0);
    QVERIFY(r.produceRequests < r.produced);
    QVERIFY(r.replicaFetchRequests > 0);
    QVERIFY(r.consumerFetchRequests > 0);
    QCOMPARE(r.consumed, r.produced);
  }
};

QTEST_APPLESS_MAIN(TstProduceRequests)
#include "tst_produce_requests.moc"
