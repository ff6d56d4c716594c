// Share group consumer entries ("share_group"): every key lands in the scenario with Kafka's
// defaults when absent, run --json reports the group, and every bad value is refused with a
// message naming the key.
#include "model/json/report_json.h"
#include "model/json/scenario_loader.h"

#include "engine/sim/report.h"
#include "engine/sim/simulation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace streamscope::model;
using namespace streamscope::engine;

namespace {

QByteArray scenario(const QByteArray &shareExtra, const QByteArray &more = "", const QByteArray &fault = "") {
  return R"({
  "name": "sg", "duration_ms": 5000,
  "kafka": { "brokers": 3, "topics": [ { "name": "t", "partitions": 2, "replication_factor": 3 }, { "name": "u", "partitions": 1 } ] },
  "producers": [ { "name": "p", "topic": "t", "rate": 100 } ],
  "consumers": [ { "share_group": "sg", "topic": "t")" +
      shareExtra + " }" + more + R"( ],
  "faults": [ )" +
      fault + R"( ]
})";
}

QString loadError(const QByteArray &text) {
  const ScenarioLoadResult r = loadScenarioText(text, QStringLiteral("s.json"));
  return r.scenario ? QString() : r.error;
}

} // namespace

class TstShareGroupLoader : public QObject {
  Q_OBJECT
private slots:
  void defaultsAreKafkas() {
    const ScenarioLoadResult r = loadScenarioText(scenario(""), QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(r.scenario->consumers.size(), 0u);
    QCOMPARE(r.scenario->shareConsumers.size(), 1u);
    const ShareConsumerConfig &c = r.scenario->shareConsumers[0];
    QCOMPARE(c.group, std::string("sg"));
    QCOMPARE(c.members, 1);
    QCOMPARE(c.recordLock, 30000 * kMillisecond); // share.record.lock.duration.ms
    QCOMPARE(c.deliveryCountLimit, 5); // share.delivery.count.limit
    QCOMPARE(c.maxRecordLocks, 2000); // group.share.partition.max.record.locks
    QCOMPARE(c.maxPollRecords, 500);
    QCOMPARE(c.autoOffsetReset, OffsetReset::Latest); // share.auto.offset.reset
    QCOMPARE(c.rejectRatio, 0.0);
    QCOMPARE(c.releaseRatio, 0.0);
    QCOMPARE(c.processing, SimTime(0));
  }

  void everyKeyLoads() {
    const ScenarioLoadResult r =
        loadScenarioText(scenario(R"(, "members": 3, "auto_offset_reset": "earliest", "share_record_lock_ms": 15000, "delivery_count_limit": 3,
            "max_record_locks": 100, "max_poll_records": 10, "reject_ratio": 0.1, "release_ratio": 0.2, "processing_ms": 2.5,
            "fetch_max_wait_ms": 100, "start_ms": 1000)",
                                  R"(, { "share_group": "sg", "topic": "t", "auto_offset_reset": "earliest", "share_record_lock_ms": 15000,
                        "delivery_count_limit": 3, "max_record_locks": 100, "release_ratio": 1 })",
                                  R"({ "at_ms": 2000, "action": "kill_consumer", "group": "sg", "member": 1 })"),
                         QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(r.scenario->shareConsumers.size(), 2u);
    const ShareConsumerConfig &c = r.scenario->shareConsumers[0];
    QCOMPARE(c.members, 3);
    QCOMPARE(c.autoOffsetReset, OffsetReset::Earliest);
    QCOMPARE(c.recordLock, 15000 * kMillisecond);
    QCOMPARE(c.deliveryCountLimit, 3);
    QCOMPARE(c.maxRecordLocks, 100);
    QCOMPARE(c.maxPollRecords, 10);
    QCOMPARE(c.rejectRatio, 0.1);
    QCOMPARE(c.releaseRatio, 0.2);
    QCOMPARE(c.processing, SimTime(2500));
    QCOMPARE(c.fetchMaxWait, 100 * kMillisecond);
    QCOMPARE(c.start, 1000 * kMillisecond);
    QCOMPARE(r.scenario->shareConsumers[1].releaseRatio, 1.0);
  }

  void runJsonReportsTheShareGroup() {
    const ScenarioLoadResult r =
        loadScenarioText(scenario(R"(, "members": 2, "auto_offset_reset": "earliest", "reject_ratio": 0.5)"), QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    Simulation sim(*r.scenario);
    sim.runToEnd();
    const QJsonArray groups = reportToJson(makeReport(sim.world())).value(QStringLiteral("share_groups")).toArray();
    QCOMPARE(groups.size(), 1);
    const QJsonObject g = groups[0].toObject();
    QCOMPARE(g.value(QStringLiteral("group")).toString(), QStringLiteral("sg"));
    for (const char *key : {"acknowledged", "released", "archived", "redelivered", "out_of_order", "lock_expired", "members"})
      QVERIFY2(g.contains(QLatin1String(key)), key);
    QVERIFY(g.value(QStringLiteral("acknowledged")).toInteger() > 0);
    QVERIFY(g.value(QStringLiteral("archived")).toInteger() > 0); // the rejected ones
    QCOMPARE(g.value(QStringLiteral("members")).toInt(), 2);
    QCOMPARE(g.value(QStringLiteral("partitions")).toArray().size(), 2);
  }

  void errors_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("group and share_group") << scenario(R"(, "group": "g")")
                                           << QStringLiteral("takes \"group\" (a consumer group) or \"share_group\" (a share group), not both");
    QTest::newRow("share_group not a string") << QByteArray(scenario("")).replace("\"share_group\": \"sg\"", "\"share_group\": 5")
                                              << QStringLiteral("\"share_group\" must be a string");
    QTest::newRow("unknown topic") << QByteArray(scenario("")).replace("\"sg\", \"topic\": \"t\"", "\"sg\", \"topic\": \"x\"")
                                   << QStringLiteral("no topic named \"x\" in the kafka section");
    QTest::newRow("members") << scenario(R"(, "members": 257)") << QStringLiteral("\"members\" must be between 0 and 256");
    QTest::newRow("auto_offset_reset none") << scenario(R"(, "auto_offset_reset": "none")")
                                            << QStringLiteral("\"auto_offset_reset\" of a share group is share.auto.offset.reset");
    QTest::newRow("auto_offset_reset other") << scenario(R"(, "auto_offset_reset": "first")")
                                             << QStringLiteral("\"auto_offset_reset\" must be one of \"earliest\", \"latest\"");
    QTest::newRow("lock below the broker's minimum")
        << scenario(R"(, "share_record_lock_ms": 1000)") << QStringLiteral("\"share_record_lock_ms\" must be between 15000 and 60000");
    QTest::newRow("lock above the broker's maximum")
        << scenario(R"(, "share_record_lock_ms": 60001)") << QStringLiteral("\"share_record_lock_ms\" must be between 15000 and 60000");
    QTest::newRow("delivery_count_limit") << scenario(R"(, "delivery_count_limit": 1)")
                                          << QStringLiteral("\"delivery_count_limit\" must be between 2 and 10");
    QTest::newRow("max_record_locks") << scenario(R"(, "max_record_locks": 10)")
                                      << QStringLiteral("\"max_record_locks\" must be between 100 and 10000");
    QTest::newRow("max_poll_records") << scenario(R"(, "max_poll_records": 0)") << QStringLiteral("\"max_poll_records\" must be between 1 and");
    QTest::newRow("reject_ratio") << scenario(R"(, "reject_ratio": 1.5)") << QStringLiteral("\"reject_ratio\" must be between 0 and 1");
    QTest::newRow("release_ratio") << scenario(R"(, "release_ratio": -0.1)") << QStringLiteral("\"release_ratio\" must be between 0 and 1");
    QTest::newRow("ratios above one") << scenario(R"(, "reject_ratio": 0.6, "release_ratio": 0.6)")
                                      << QStringLiteral("\"reject_ratio\" (0.6) and \"release_ratio\" (0.6) are shares of the same records");
    QTest::newRow("processing_ms") << scenario(R"(, "processing_ms": -1)") << QStringLiteral("\"processing_ms\" must be between 0 and");
    QTest::newRow("fetch_max_wait_ms") << scenario(R"(, "fetch_max_wait_ms": "soon")") << QStringLiteral("\"fetch_max_wait_ms\"");
    QTest::newRow("start_ms") << scenario(R"(, "start_ms": -5)") << QStringLiteral("\"start_ms\"");
    QTest::newRow("a classic group's key") << scenario(R"(, "enable_auto_commit": false)") << QStringLiteral("unknown key \"enable_auto_commit\"");
    QTest::newRow("entries disagree on the topic") << scenario("", R"(, { "share_group": "sg", "topic": "u" })")
                                                   << QStringLiteral("share group \"sg\" already has topic t from an earlier entry");
    QTest::newRow("entries disagree on the lock") << scenario("", R"(, { "share_group": "sg", "topic": "t", "share_record_lock_ms": 20000 })")
                                                  << QStringLiteral("share group \"sg\" already has share_record_lock_ms 30000");
    QTest::newRow("entries disagree on the limit") << scenario("", R"(, { "share_group": "sg", "topic": "t", "delivery_count_limit": 2 })")
                                                   << QStringLiteral("already has delivery_count_limit 5");
    QTest::newRow("entries disagree on the locks") << scenario("", R"(, { "share_group": "sg", "topic": "t", "max_record_locks": 200 })")
                                                   << QStringLiteral("already has max_record_locks 2000");
    QTest::newRow("entries disagree on the reset") << scenario("", R"(, { "share_group": "sg", "topic": "t", "auto_offset_reset": "earliest" })")
                                                   << QStringLiteral("already has auto_offset_reset latest");
    QTest::newRow("a consumer group of the same name")
        << scenario("", R"(, { "group": "sg", "topic": "t" })") << QStringLiteral("consumer group \"sg\" is defined twice");
    QTest::newRow("seek on a share group") << scenario("", "", R"({ "at_ms": 100, "action": "seek", "group": "sg", "to": "earliest" })")
                                           << QStringLiteral("\"seek\" needs a consumer group: share group \"sg\" has no positions to move");
  }

  void errors() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const QString error = loadError(text);
    QVERIFY2(!error.isEmpty(), "the file must be refused");
    QVERIFY2(error.startsWith(QStringLiteral("s.json:")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TstShareGroupLoader)
#include "tst_share_group_loader.moc"
