// A fetch or GetRecords response lost on the wire after the server read the records: the
// consumer cannot tell a lost answer from a slow one, waits out its request timeout and asks
// again from the same position. Nothing is delivered twice and nothing is skipped; the
// records only come later. Also: "any" loses whichever response comes first, and a broker's
// link can lose a share of the responses it sends.
#include "engine/kafka/client_waits.h"
#include "engine/kinesis/client_waits.h"
#include "small_scenarios.h"

#include <QtTest>

#include <algorithm>

using namespace streamscope::test;

namespace {

/// Dropped transfers of `kind` among `events`.
int droppedOf(const std::vector<Event> &events, TransferKind kind) {
  return static_cast<int>(std::count_if(events.begin(), events.end(), [&](const Event &e) {
    return e.type == EventType::TransferDropped && e.sub == static_cast<std::uint8_t>(kind);
  }));
}

Scenario kafkaWithGroup(SimTime duration = 20 * kSecond) {
  Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 100, duration);
  addGroup(s, 1); // request.timeout.ms 3 s, fetch.max.wait.ms 500 ms
  return s;
}

Scenario kinesisWithApplication(SimTime duration) {
  Scenario s = kinesisScenario(1, 100, duration);
  addApplication(s, 1);
  return s;
}

void apply(Simulation &sim, const FaultSpec &what) {
  if (const auto refused = sim.applyFault(Fault{sim.now(), what}))
    qFatal("refused: %s", refused->c_str());
}

DropResponse fetchDrop(ResponseSystem system, std::string group = {}) {
  DropResponse d{system, {}};
  d.response = ResponseKind::Fetch;
  d.group = std::move(group);
  return d;
}

/// Steps `sim` in 10 ms ticks until `changed` holds; returns the time it first did (-1: never by `limit`).
template <typename Changed> SimTime firstTime(Simulation &sim, SimTime limit, Changed changed) {
  while (sim.now() < limit) {
    sim.runUntil(sim.now() + 10 * kMillisecond);
    if (changed())
      return sim.now();
  }
  return -1;
}

} // namespace

class TstLostFetchResponses : public QObject {
  Q_OBJECT
private slots:
  void aLostKafkaFetchResponseDelaysByTheRequestTimeout() {
    Simulation sim(kafkaWithGroup());
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runUntil(5 * kSecond);
    apply(sim, fetchDrop(ResponseSystem::Kafka, "g"));
    const auto &gp = sim.world().kafka.groups[0].parts[0];
    const SimTime sentAt = gp.fetchSentAt; // the fetch whose answer is lost
    const kafka::Offset position = gp.position;
    const SimTime moved = firstTime(sim, 15 * kSecond, [&] { return sim.world().kafka.groups[0].parts[0].position != position; });
    // Nothing moves until fetch.max.wait.ms + request.timeout.ms after that fetch was sent;
    // the next fetch, from the same position, is answered a round trip later.
    const SimTime timeout = 500 * kMillisecond + 3 * kSecond;
    QVERIFY2(moved >= sentAt + timeout, qPrintable(QStringLiteral("moved at %1, fetch sent at %2").arg(moved).arg(sentAt)));
    QVERIFY2(moved <= sentAt + timeout + 100 * kMillisecond, qPrintable(QStringLiteral("moved at %1, fetch sent at %2").arg(moved).arg(sentAt)));
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QCOMPARE(droppedOf(events, TransferKind::ConsumerFetchResponse), 1);
    QCOMPARE(droppedOf(events, TransferKind::ProduceResponse), 0);
    QCOMPARE(r.duplicatesDelivered, 0);
    QCOMPARE(r.duplicatesStored, 0);
    // Every record is delivered exactly once: read from offset 0, one delivery per offset.
    const auto &group = sim.world().kafka.groups[0];
    QCOMPARE(group.consumed, group.parts[0].position);
    QVERIFY(group.parts[0].position > 1500);
    for (std::size_t id = 0; id < group.deliveries.size(); ++id)
      QVERIFY(group.deliveries[id] <= 1);
  }

  void theWaitSaysTheAnswerWasLost() {
    Simulation sim(kafkaWithGroup());
    sim.runUntil(5 * kSecond);
    apply(sim, fetchDrop(ResponseSystem::Kafka));
    const SimTime sentAt = sim.world().kafka.groups[0].parts[0].fetchSentAt;
    sim.runUntil(7 * kSecond);
    std::vector<ClientWait> waits;
    kafka::collectKafkaWaits(sim.world(), waits);
    const auto fetch = std::find_if(waits.begin(), waits.end(), [](const ClientWait &w) { return w.reason == WaitReason::FetchResponse; });
    QVERIFY(fetch != waits.end());
    QVERIFY(fetch->answerLost);
    QCOMPARE(fetch->since, sentAt);
    QCOMPARE(fetch->until, sentAt + 500 * kMillisecond + 3 * kSecond);
  }

  void aLostGetRecordsResponseIsRetriedWithTheSameIterator() {
    Simulation sim(kinesisWithApplication(60 * kSecond));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runUntil(5 * kSecond);
    apply(sim, fetchDrop(ResponseSystem::Kinesis, "app"));
    const auto &app = sim.world().kinesis.apps[0];
    const std::int64_t consumed = app.consumed;
    // The lost call was sent at the last read (or is the next one, within the idle time).
    const SimTime read = firstTime(sim, 50 * kSecond, [&] { return sim.world().kinesis.apps[0].consumed != consumed; });
    const SimTime sentAt = sim.world().kinesis.apps[0].leases[0].readSentAt;
    QVERIFY2(read >= 5 * kSecond + kinesis::kGetRecordsTimeout - 1100 * kMillisecond, qPrintable(QString::number(read)));
    QVERIFY2(read <= sentAt + 50 * kMillisecond, "the retry is answered a round trip after it is sent");
    // While it waited, the inspector's wait named the lost answer.
    std::vector<ClientWait> waits;
    Simulation probe(kinesisWithApplication(60 * kSecond));
    probe.runUntil(5 * kSecond);
    apply(probe, fetchDrop(ResponseSystem::Kinesis));
    probe.runUntil(10 * kSecond);
    kinesis::collectKinesisWaits(probe.world(), waits);
    std::erase_if(waits, [](const ClientWait &w) { return w.reason != WaitReason::GetRecordsResponse; }); // puts in flight
    QCOMPARE(waits.size(), std::size_t(1));
    QVERIFY(waits[0].answerLost);
    QCOMPARE(waits[0].until - waits[0].since, kinesis::kGetRecordsTimeout);

    sim.runToEnd();
    QCOMPARE(droppedOf(events, TransferKind::GetRecordsResponse), 1);
    const World &w = sim.world();
    QCOMPARE(w.kinesis.apps[0].duplicates, 0);
    // Nothing skipped: every record stored well before the end was processed exactly once.
    for (const kinesis::StoredRecord &stored : w.kinesis.shards[0].records)
      if (stored.durable && stored.arrival < w.now - 3 * kSecond)
        QCOMPARE(int(w.kinesis.apps[0].deliveries[stored.record]), 1);
  }

  void responseAnyLosesWhicheverComesFirst() {
    Scenario s = kafkaWithGroup();
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runUntil(5 * kSecond);
    DropResponse any{ResponseSystem::Any, {}};
    any.response = ResponseKind::Any;
    apply(sim, any);
    sim.runToEnd();
    QCOMPARE(droppedOf(events, TransferKind::ProduceResponse) + droppedOf(events, TransferKind::ConsumerFetchResponse), 1);
    QCOMPARE(makeReport(sim.world()).duplicatesDelivered, 0);
  }

  void aFetchDropNeedsAConsumer() {
    Simulation sim(kafkaScenario(3, 1, 3, 2, Acks::All, 100));
    sim.runUntil(2 * kSecond);
    const auto refused = sim.applyFault(Fault{sim.now(), fetchDrop(ResponseSystem::Any)});
    QVERIFY(refused);
    QVERIFY2(refused->find("no consumer would receive") == 0, refused->c_str());
    Simulation kinesisOnly(kinesisWithApplication(10 * kSecond));
    kinesisOnly.runUntil(2 * kSecond);
    QVERIFY(kinesisOnly.applyFault(Fault{kinesisOnly.now(), fetchDrop(ResponseSystem::Kafka)}));
    QVERIFY(kinesisOnly.applyFault(Fault{kinesisOnly.now(), fetchDrop(ResponseSystem::Kinesis, "other")}));
    QVERIFY(!kinesisOnly.applyFault(Fault{kinesisOnly.now(), fetchDrop(ResponseSystem::Kinesis, "app")}));
  }

  void aLossyLinkLosesProduceAndFetchResponsesAndNothingIsDuplicated() {
    Scenario s = kafkaScenario(1, 1, 1, 1, Acks::All, 100, 30 * kSecond);
    s.producers[0].batchSize = 1;
    s.producers[0].maxInFlight = 1;
    s.producers[0].requestTimeout = 500 * kMillisecond;
    addGroup(s, 1);
    s.faults.push_back(Fault{2 * kSecond, SlowBroker{0, 0, 0.02}});
    s.faults.push_back(Fault{20 * kSecond, SlowBroker{0, 0, 0}}); // whole again
    std::vector<Event> a, b;
    Simulation first(s), second(s);
    first.setEventSink(&a);
    second.setEventSink(&b);
    first.runToEnd();
    second.runToEnd();
    QCOMPARE(first.world().events.hash(), second.world().events.hash());
    const int produce = droppedOf(a, TransferKind::ProduceResponse), fetch = droppedOf(a, TransferKind::ConsumerFetchResponse);
    QVERIFY2(produce > 5 && fetch > 0, qPrintable(QStringLiteral("%1 produce, %2 fetch").arg(produce).arg(fetch)));
    const auto lateDrops =
        std::count_if(a.begin(), a.end(), [](const Event &e) { return e.type == EventType::TransferDropped && e.time > 20 * kSecond; });
    QCOMPARE(lateDrops, 0);
    const Report r = makeReport(first.world());
    QCOMPARE(r.duplicatesStored, 0); // the producer is idempotent
    QCOMPARE(r.duplicatesDelivered, 0);
  }

  void aLossyLinkOfAnotherBrokerLosesNothingHere() {
    Scenario s = kafkaScenario(3, 1, 1, 1, Acks::All, 100);
    addGroup(s, 1);
    Simulation probe(s);
    probe.runUntil(kSecond);
    const int leader = probe.world().kafka.partitions[0].leader;
    s.faults.push_back(Fault{2 * kSecond, SlowBroker{(leader + 1) % 3, 0, 0.5}});
    std::vector<Event> events;
    Simulation sim(s);
    sim.setEventSink(&events);
    sim.runToEnd();
    QCOMPARE(droppedOf(events, TransferKind::ProduceResponse) + droppedOf(events, TransferKind::ConsumerFetchResponse), 0);
  }
};

QTEST_APPLESS_MAIN(TstLostFetchResponses)
#include "tst_lost_fetch_responses.moc"
