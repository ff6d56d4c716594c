// Consumer fetch sessions: a group member has one Fetch request outstanding per leader broker,
// covering every partition it reads there; a request lists only positions that changed; a
// response stays within fetch.max.bytes (the first partition's first batch always goes).
#include "small_scenarios.h"

#include <QtTest>

#include <map>
#include <tuple>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// Calls `check` with every consumer fetch message about to be delivered.
template <typename Check> void eachConsumerFetchMessage(const World &w, Check check) {
  w.queue.forEach([&](const auto &entry) {
    const Action &a = entry.action;
    if ((a.type == ActionType::ConsumerFetchArrive || a.type == ActionType::ConsumerFetchResponse) &&
        w.kafka.consumerMessages[static_cast<std::int32_t>(a.d)].live)
      check(a, w.kafka.consumerMessages[static_cast<std::int32_t>(a.d)]);
  });
}

} // namespace

class TstConsumerFetchSessions : public QObject {
  Q_OBJECT
private slots:
  void oneRequestOutstandingPerMemberAndBroker() {
    Scenario s = kafkaScenario(3, 12, 3, 2, Acks::All, 2000, 6 * kSecond);
    addGroup(s, 2);
    Simulation sim(s);
    std::size_t mostListed = 0;
    bool incremental = false;
    while (sim.step()) {
      std::map<std::tuple<int, int>, int> perSession;
      eachConsumerFetchMessage(sim.world(), [&](const Action &a, const ConsumerFetchMessage &m) {
        ++perSession[{a.a, 0}];
        mostListed = std::max(mostListed, m.requests.size());
        incremental = incremental || (a.type == ActionType::ConsumerFetchArrive && !m.full);
      });
      for (const auto &[session, messages] : perSession)
        QVERIFY2(messages <= 1, "a member has one fetch (or its response) on the wire per broker");
    }
    // 2 members x 3 brokers; each member reads 6 partitions, 2 led by each broker.
    QCOMPARE(sim.world().kafka.consumerSessions.size(), std::size_t{6});
    QCOMPARE(mostListed, std::size_t{2});
    QVERIFY(incremental);
    const Report r = makeReport(sim.world());
    QCOMPARE(r.duplicatesDelivered, std::int64_t{0});
    QVERIFY(r.consumed > 9000);
    // Fewer requests than one per partition and response.
    QVERIFY(r.consumerFetchRequests < r.consumed);
  }

  void aResponseStaysWithinFetchMaxBytes() {
    Scenario s = kafkaScenario(1, 4, 1, 1, Acks::All, 400, 10 * kSecond);
    addGroup(s, 1);
    s.consumers[0].start = 5 * kSecond; // a backlog in every partition
    s.consumers[0].fetchMaxBytes = 1;
    Simulation sim(s);
    std::size_t mostAnswered = 0;
    while (sim.step())
      eachConsumerFetchMessage(sim.world(), [&](const Action &a, const ConsumerFetchMessage &m) {
        if (a.type != ActionType::ConsumerFetchResponse)
          return;
        std::size_t withRecords = 0;
        for (const ConsumerPartitionAnswer &answer : m.answers) {
          withRecords += answer.payload.entries.empty() ? 0 : 1;
          QVERIFY(answer.payload.entries.size() <= 1);
        }
        mostAnswered = std::max(mostAnswered, withRecords);
      });
    // One batch per response, yet every partition is read to its end in turn.
    QCOMPARE(mostAnswered, std::size_t{1});
    const auto &group = sim.world().kafka.groups[0];
    for (std::size_t local = 0; local < group.parts.size(); ++local)
      QVERIFY(group.parts[local].position > 0);
    QCOMPARE(makeReport(sim.world()).duplicatesDelivered, std::int64_t{0});
  }
};

QTEST_APPLESS_MAIN(TstConsumerFetchSessions)
#include "tst_consumer_fetch_sessions.moc"
