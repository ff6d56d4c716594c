// Scenario files: every example loads; every error path names file:line:column.
#include "model/json/json_load.h"
#include "model/json/scenario_loader.h"

#include <QDir>
#include <QTemporaryFile>
#include <QtTest>

using namespace streamscope::model;

namespace {

const char *kGood = R"({
  "name": "ok",
  "duration_ms": 1000,
  "kafka": { "brokers": 3, "topics": [ { "name": "t", "partitions": 2, "replication_factor": 3 } ] },
  "producers": [ { "name": "p", "topic": "t", "acks": "all", "rate": 10 } ],
  "consumers": [ { "group": "g", "topic": "t" } ],
  "faults": [ { "at_ms": 500, "action": "crash_broker", "broker": 1 } ]
})";

const char *kKinesis = R"({
  "name": "k", "duration_ms": 1000,
  "kinesis": { "streams": [ { "name": "orders", "shards": 2, "retention_hours": 24 } ] },
  "producers": [ { "name": "p", "target": "kinesis:orders", "rate": 10, "keys": ["a"] } ],
  "consumers": [ { "application": "billing", "stream": "orders", "start": "trim_horizon" } ],
  "faults": [ { "at_ms": 100, "action": "split_shard", "stream": "orders", "shard": 0, "new_starting_hash_key": "5" },
              { "at_ms": 200, "action": "az_outage", "az": 1 },
              { "at_ms": 300, "action": "kill_consumer", "application": "billing", "worker": 0 } ]
})";

QString loadError(const QByteArray &text) {
  const ScenarioLoadResult r = loadScenarioText(text, QStringLiteral("s.json"));
  return r.scenario ? QString() : r.error;
}

} // namespace

class TstScenarioLoader : public QObject {
  Q_OBJECT
private slots:
  void everyExampleScenarioLoads() {
    const QDir dir(QStringLiteral(SCENARIO_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(files.size() >= 5);
    for (const QString &f : files) {
      const ScenarioLoadResult r = loadScenarioFile(dir.filePath(f));
      QVERIFY2(r.scenario.has_value(), qPrintable(r.error));
    }
  }

  void goodScenarioHasTheValues() {
    const ScenarioLoadResult r = loadScenarioText(kGood, QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(r.scenario->kafka->topics[0].partitions, 2);
    QCOMPARE(r.scenario->producers[0].enableIdempotence, true);
    QCOMPARE(std::get<streamscope::engine::CrashBroker>(r.scenario->faults[0].what).broker, 1);
    QCOMPARE(r.scenario->seed, 1u);
    QCOMPARE(r.scenario->kafka->logFlushSchedulerInterval, streamscope::engine::kNever); // Long.MAX_VALUE: the flusher never runs
    QVERIFY(!r.scenario->kafka->topics[0].flushInterval);
    QCOMPARE(r.scenario->kafka->replicaFetchResponseMaxBytes, std::int64_t{10485760}); // replica.fetch.response.max.bytes
  }

  void theLogFlusherIntervalLoads() {
    QByteArray t(kGood);
    t.replace("\"brokers\": 3,", "\"brokers\": 3, \"log_flush_scheduler_interval_ms\": 250,");
    t.replace("\"replication_factor\": 3", "\"replication_factor\": 3, \"flush_interval_ms\": 1000");
    const ScenarioLoadResult r = loadScenarioText(t, QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(r.scenario->kafka->logFlushSchedulerInterval, 250 * streamscope::engine::kMillisecond);
    QCOMPARE(*r.scenario->kafka->topics[0].flushInterval, 1000 * streamscope::engine::kMillisecond);
    QByteArray never(kGood);
    never.replace("\"brokers\": 3,", "\"brokers\": 3, \"log_flush_scheduler_interval_ms\": null,");
    const ScenarioLoadResult n = loadScenarioText(never, QStringLiteral("s.json"));
    QVERIFY2(n.scenario, qPrintable(n.error));
    QCOMPARE(n.scenario->kafka->logFlushSchedulerInterval, streamscope::engine::kNever);
    QVERIFY(!n.scenario->kafka->logFlushInterval); // log.flush.interval.ms unset: the scheduler interval
    QByteArray broker(kGood);
    broker.replace("\"brokers\": 3,", "\"brokers\": 3, \"log_flush_interval_ms\": 60000,");
    const ScenarioLoadResult b = loadScenarioText(broker, QStringLiteral("s.json"));
    QVERIFY2(b.scenario, qPrintable(b.error));
    QCOMPARE(*b.scenario->kafka->logFlushInterval, 60000 * streamscope::engine::kMillisecond);
  }

  void kafkaVersionSetsTheReplicationRules() {
    const auto load = [](const char *extra) {
      QByteArray t(kGood);
      t.replace("\"brokers\": 3,", QByteArray("\"brokers\": 3, ") + extra);
      return loadScenarioText(t, QStringLiteral("s.json"));
    };
    const ScenarioLoadResult byDefault = loadScenarioText(kGood, QStringLiteral("s.json"));
    QVERIFY2(byDefault.scenario, qPrintable(byDefault.error));
    QCOMPARE(byDefault.scenario->kafka->version, streamscope::engine::KafkaVersion::V4_1);
    QVERIFY(byDefault.scenario->kafka->strictMinIsr);
    QVERIFY(byDefault.scenario->kafka->eligibleLeaderReplicas);
    for (const char *older : {"\"version\": \"3.9\",", "\"version\": \"4.0\","}) {
      const ScenarioLoadResult r = load(older);
      QVERIFY2(r.scenario, qPrintable(r.error));
      QVERIFY(r.scenario->kafka->strictMinIsr); // KAFKA-15583 shipped in 3.7
      QVERIFY(!r.scenario->kafka->eligibleLeaderReplicas);
    }
    const ScenarioLoadResult on = load("\"version\": \"4.0\", \"eligible_leader_replicas\": true,");
    QVERIFY2(on.scenario, qPrintable(on.error));
    QVERIFY(on.scenario->kafka->eligibleLeaderReplicas);
    const ScenarioLoadResult loose = load("\"version\": \"3.9\", \"strict_min_isr\": false,");
    QVERIFY2(loose.scenario, qPrintable(loose.error));
    QVERIFY(!loose.scenario->kafka->strictMinIsr);
    const ScenarioLoadResult off = load("\"eligible_leader_replicas\": false,");
    QVERIFY2(off.scenario, qPrintable(off.error));
    QVERIFY(!off.scenario->kafka->eligibleLeaderReplicas);
  }

  void errors_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QByteArray t(kGood);
    QTest::newRow("syntax") << QByteArray("{\n  \"name\": \"x\",\n  \"duration_ms\": 10,,\n}") << QStringLiteral("s.json:3:22: invalid JSON");
    QTest::newRow("not an object") << QByteArray("[1]") << QStringLiteral("s.json:1:1: a scenario must be a JSON object");
    QTest::newRow("missing name") << QByteArray("{\"duration_ms\": 5}") << QStringLiteral("s.json:1:1: the scenario needs \"name\"");
    QTest::newRow("unknown key") << QByteArray(t).replace("\"duration_ms\": 1000,", "\"duration_ms\": 1000,\n \"duraton_ms\": 5,")
                                 << QStringLiteral("s.json:4:2: unknown key \"duraton_ms\"");
    QTest::newRow("duplicate key") << QByteArray("{\"name\":\"x\",\n\"name\":\"y\"}") << QStringLiteral("s.json:2:1: duplicate key \"name\"");
    QTest::newRow("out of range") << QByteArray(t).replace("\"partitions\": 2", "\"partitions\": 0")
                                  << QStringLiteral("s.json:4:69: \"partitions\" must be between 1 and 1024, not 0");
    QTest::newRow("not whole") << QByteArray(t).replace("\"brokers\": 3", "\"brokers\": 2.5")
                               << QStringLiteral("s.json:4:25: \"brokers\" must be a whole number, not 2.5");
    QTest::newRow("wrong type") << QByteArray(t).replace("\"rate\": 10", "\"rate\": \"fast\"")
                                << QStringLiteral("\"rate\" must be a number, not a string");
    QTest::newRow("rf > brokers") << QByteArray(t).replace("\"replication_factor\": 3", "\"replication_factor\": 4")
                                  << QStringLiteral("INVALID_REPLICATION_FACTOR");
    QTest::newRow("unknown topic") << QByteArray(t).replace("\"topic\": \"t\", \"acks\"", "\"topic\": \"u\", \"acks\"")
                                   << QStringLiteral("s.json:5:42: no topic named \"u\"");
    QTest::newRow("bad acks") << QByteArray(t).replace("\"acks\": \"all\"", "\"acks\": 2") << QStringLiteral("\"acks\" must be 0, 1 or \"all\"");
    QTest::newRow("idempotence needs all") << QByteArray(t).replace("\"acks\": \"all\"", "\"acks\": 1, \"enable_idempotence\": true")
                                           << QStringLiteral("idempotent producer needs acks=all");
    QTest::newRow("bad reset") << QByteArray(t).replace("\"topic\": \"t\" }", "\"topic\": \"t\", \"auto_offset_reset\": \"first\" }")
                               << QStringLiteral("\"auto_offset_reset\" must be one of \"earliest\", \"latest\", \"none\"");
    const auto group = [&](const char *keys) { return QByteArray(t).replace("\"topic\": \"t\" }", QByteArray("\"topic\": \"t\", ") + keys + " }"); };
    QTest::newRow("bad group protocol") << group("\"group_protocol\": \"next\"")
                                        << QStringLiteral("s.json:6:66: \"group_protocol\" must be one of \"classic\", \"consumer\", not \"next\"");
    QTest::newRow("cooperative-sticky with consumer protocol")
        << group("\"group_protocol\": \"consumer\", \"assignor\": \"cooperative-sticky\"")
        << QStringLiteral(
               "\"assignor\" \"cooperative-sticky\" is a client-side assignor of the classic protocol; with group_protocol \"consumer\" the "
               "coordinator assigns: use \"uniform\" or \"range\"");
    QTest::newRow("uniform with classic protocol") << group("\"assignor\": \"uniform\"")
                                                   << QStringLiteral(
                                                          "\"assignor\" \"uniform\" is a server-side assignor of group_protocol \"consumer\"");
    QTest::newRow("uniform with explicit classic") << group("\"group_protocol\": \"classic\", \"assignor\": \"uniform\"")
                                                   << QStringLiteral("the classic protocol takes \"range\" or \"cooperative-sticky\"");
    QTest::newRow("unknown assignor") << group("\"group_protocol\": \"consumer\", \"assignor\": \"roundrobin\"")
                                      << QStringLiteral(
                                             "\"assignor\" must be one of \"range\", \"cooperative-sticky\", \"uniform\", not \"roundrobin\"");
    QTest::newRow("fetch_max_bytes out of range") << group("\"fetch_max_bytes\": 0")
                                                  << QStringLiteral("\"fetch_max_bytes\" must be between 1 and 2147483647, not 0");
    QTest::newRow("heartbeat with classic") << group("\"heartbeat_interval_ms\": 3000")
                                            << QStringLiteral("\"heartbeat_interval_ms\" applies to group_protocol \"consumer\" only");
    QTest::newRow("heartbeat not below session") << group("\"group_protocol\": \"consumer\", \"heartbeat_interval_ms\": 45000")
                                                 << QStringLiteral("\"heartbeat_interval_ms\" (45000) must be less than session_timeout_ms (45000)");
    QTest::newRow("heartbeat zero") << group("\"group_protocol\": \"consumer\", \"heartbeat_interval_ms\": 0")
                                    << QStringLiteral("\"heartbeat_interval_ms\" must be between 1 and");
    QTest::newRow("heartbeat not a number") << group("\"group_protocol\": \"consumer\", \"heartbeat_interval_ms\": \"5s\"")
                                            << QStringLiteral("\"heartbeat_interval_ms\" must be");
    QTest::newRow("group protocol not a string") << group("\"group_protocol\": 2") << QStringLiteral("\"group_protocol\" must be a string, not");
    QTest::newRow("unknown action") << QByteArray(t).replace("crash_broker", "explode") << QStringLiteral("unknown action \"explode\"");
    QTest::newRow("kinesis action without stream") << QByteArray(t).replace("crash_broker", "az_outage")
                                                   << QStringLiteral("\"az_outage\" needs a kinesis section");
    QTest::newRow("broker out of range") << QByteArray(t).replace("\"broker\": 1", "\"broker\": 7")
                                         << QStringLiteral("\"broker\" must be between 0 and 2, not 7");
    QTest::newRow("fault after end") << QByteArray(t).replace("\"at_ms\": 500", "\"at_ms\": 5000") << QStringLiteral("after the end of the run");
    QTest::newRow("delivery timeout") << QByteArray(t).replace("\"rate\": 10", "\"rate\": 10, \"delivery_timeout_ms\": 1000")
                                      << QStringLiteral("must be at least linger_ms + request_timeout_ms");
    QTest::newRow("compacted null keys") << QByteArray(t).replace("\"replication_factor\": 3",
                                                                  "\"replication_factor\": 3, \"cleanup_policy\": \"compact\"")
                                         << QStringLiteral("records need keys");
    QTest::newRow("tombstones need keys") << QByteArray(t).replace("\"rate\": 10", "\"rate\": 10, \"tombstone_ratio\": 0.1")
                                          << QStringLiteral("\"tombstone_ratio\" needs \"keys\"");
    QTest::newRow("tombstone ratio range") << QByteArray(t).replace("\"rate\": 10", "\"rate\": 10, \"keys\": 3, \"tombstone_ratio\": 2")
                                           << QStringLiteral("\"tombstone_ratio\" must be between 0 and 1");
    QTest::newRow("kinesis without streams") << QByteArray(t).replace("\"name\": \"ok\"", "\"name\": \"ok\", \"kinesis\": {}")
                                             << QStringLiteral("the kinesis section needs \"streams\"");
    const QByteArray k = QByteArray(kKinesis);
    QTest::newRow("kinesis zero shards") << QByteArray(k).replace("\"shards\": 2", "\"shards\": 0")
                                         << QStringLiteral("s.json:3:59: \"shards\" must be between 1 and 1024, not 0");
    QTest::newRow("kinesis retention") << QByteArray(k).replace("\"retention_hours\": 24", "\"retention_hours\": 12")
                                       << QStringLiteral("\"retention_hours\" must be between 24 and 8760, not 12");
    QTest::newRow("on-demand with shards") << QByteArray(k).replace("\"shards\": 2", "\"capacity_mode\": \"on_demand\", \"shards\": 2")
                                           << QStringLiteral("an on-demand stream has no \"shards\": Kinesis manages them");
    QTest::newRow("capacity mode") << QByteArray(k).replace("\"shards\": 2", "\"capacity_mode\": \"elastic\"")
                                   << QStringLiteral("\"capacity_mode\" must be one of");
    QTest::newRow("window without on-demand") << QByteArray(k).replace("\"shards\": 2", "\"shards\": 2, \"on_demand_window_ms\": 5000")
                                              << QStringLiteral("\"on_demand_window_ms\" applies only to an on-demand stream");
    QTest::newRow("reshard time") << QByteArray(k).replace("\"shards\": 2", "\"shards\": 2, \"reshard_ms\": 0")
                                  << QStringLiteral("\"reshard_ms\" must be");
    QTest::newRow("update shard count without shards")
        << QByteArray(k).replace("\"action\": \"az_outage\", \"az\": 1", "\"action\": \"update_shard_count\", \"stream\": \"orders\"")
        << QStringLiteral("\"shards\"");
    QTest::newRow("switch to an unknown mode") << QByteArray(k).replace(
                                                      "\"action\": \"az_outage\", \"az\": 1",
                                                      "\"action\": \"switch_capacity_mode\", \"stream\": \"orders\", \"mode\": \"auto\"")
                                               << QStringLiteral("\"mode\" must be one of");
    QTest::newRow("record size below 1 MiB") << QByteArray(k).replace("\"retention_hours\": 24", "\"max_record_size_kib\": 512")
                                             << QStringLiteral("\"max_record_size_kib\" must be between 1024 and 10240, not 512");
    QTest::newRow("record size above 10 MiB") << QByteArray(k).replace("\"retention_hours\": 24", "\"max_record_size_kib\": 10241")
                                              << QStringLiteral("\"max_record_size_kib\" must be between 1024 and 10240, not 10241");
    QTest::newRow("record above 10 MiB") << QByteArray(k).replace("\"rate\": 10", "\"rate\": 10, \"record_bytes\": 10485761")
                                         << QStringLiteral("\"record_bytes\" must be between 1 and 10485760, not 10485761");
    QTest::newRow("max request size zero") << QByteArray(t).replace("\"rate\": 10", "\"rate\": 10, \"max_request_size\": 0")
                                           << QStringLiteral("\"max_request_size\" must be between 1 and");
    QTest::newRow("max message bytes negative") << QByteArray(t).replace("\"replication_factor\": 3",
                                                                         "\"replication_factor\": 3, \"max_message_bytes\": -1")
                                                << QStringLiteral("\"max_message_bytes\" must be between 0 and");
    QTest::newRow("unknown stream") << QByteArray(k).replace("kinesis:orders", "kinesis:order")
                                    << QStringLiteral("no stream named \"order\" in the kinesis section");
    QTest::newRow("bad target") << QByteArray(k).replace("kinesis:orders", "sqs:orders")
                                << QStringLiteral("must start with \"kafka:\" or \"kinesis:\"");
    QTest::newRow("empty partition key") << QByteArray(k).replace("\"keys\": [\"a\"]", "\"keys\": [\"\"]")
                                         << QStringLiteral("s.json:4:82: 1 validation error detected");
    QTest::newRow("kcl start at sequence") << QByteArray(k).replace("\"trim_horizon\"", "\"at_sequence_number\"")
                                           << QStringLiteral("a sequence number belongs to one shard");
    QTest::newRow("bad iterator type") << QByteArray(k).replace("\"trim_horizon\"", "\"oldest\"") << QStringLiteral("\"start\" must be one of");
    QTest::newRow("split key not a string") << QByteArray(k).replace("\"new_starting_hash_key\": \"5\"", "\"new_starting_hash_key\": 5")
                                            << QStringLiteral("must be a decimal string between 0 and 2^128 - 1");
    QTest::newRow("split key too large") << QByteArray(k).replace("\"new_starting_hash_key\": \"5\"",
                                                                  "\"new_starting_hash_key\": \"340282366920938463463374607431768211456\"")
                                         << QStringLiteral("must be a decimal string between 0 and 2^128 - 1");
    QTest::newRow("bad az") << QByteArray(k).replace("\"az\": 1", "\"az\": 3") << QStringLiteral("\"az\" must be between 0 and 2, not 3");
    QTest::newRow("unknown application") << QByteArray(k).replace("\"application\": \"billing\", \"worker\"", "\"application\": \"bill\", \"worker\"")
                                         << QStringLiteral("no Kinesis application named \"bill\"");
    QTest::newRow("read attempts out of range") << QByteArray(k).replace("\"start\": \"trim_horizon\"",
                                                                         "\"start\": \"trim_horizon\", \"read_attempts\": 0")
                                                << QStringLiteral("\"read_attempts\" must be between 1 and 10, not 0");
    QTest::newRow("read back-off not a number") << QByteArray(k).replace("\"start\": \"trim_horizon\"",
                                                                         "\"start\": \"trim_horizon\", \"read_throttle_backoff_ms\": \"x\"")
                                                << QStringLiteral("read_throttle_backoff_ms");
    QTest::newRow("subscribe retry zero") << QByteArray(k).replace("\"start\": \"trim_horizon\"",
                                                                   "\"start\": \"trim_horizon\", \"subscribe_retry_ms\": 0")
                                          << QStringLiteral("subscribe_retry_ms");
    QTest::newRow("tombstones in kinesis") << QByteArray(k).replace("\"rate\": 10", "\"rate\": 10, \"tombstone_ratio\": 0.1")
                                           << QStringLiteral("tombstones only exist in Kafka");
    QTest::newRow("kcl version") << QByteArray(k).replace("\"start\": \"trim_horizon\"", "\"start\": \"trim_horizon\", \"kcl_version\": 1")
                                 << QStringLiteral("\"kcl_version\" must be between 2 and 3, not 1");
    QTest::newRow("kcl 3 key on kcl 2") << QByteArray(k).replace("\"start\": \"trim_horizon\"",
                                                                 "\"start\": \"trim_horizon\", \"kcl_version\": 2, \"dampening_percent\": 50")
                                        << QStringLiteral(
                                               "\"dampening_percent\" belongs to KCL 3's leader-based assignment: it needs \"kcl_version\": 3");
    const QByteArray admin = QByteArray(t).replace("\"action\": \"crash_broker\", \"broker\": 1 }",
                                                   "\"action\": \"add_broker\" }, { \"at_ms\": 600, \"action\": \"crash_broker\", \"broker\": 3 },"
                                                   " { \"at_ms\": 700, \"action\": \"add_topic\", \"topic\": \"audit\", \"partitions\": 2 },"
                                                   " { \"at_ms\": 800, \"action\": \"delete_topic\", \"topic\": \"audit\" }");
    QTest::newRow("alter unknown topic") << QByteArray(admin).replace("\"delete_topic\", \"topic\": \"audit\"",
                                                                      "\"alter_topic\", \"topic\": \"nope\", \"min_insync_replicas\": 2")
                                         << QStringLiteral("no topic named \"nope\"");
    QTest::newRow("alter two settings") << QByteArray(admin).replace(
                                               "\"delete_topic\", \"topic\": \"audit\"",
                                               "\"alter_topic\", \"topic\": \"t\", \"min_insync_replicas\": 2, \"unclean_leader_election\": true")
                                        << QStringLiteral("alter_topic changes exactly one of");
    QTest::newRow("broker beyond added ones") << QByteArray(admin).replace("\"broker\": 3", "\"broker\": 4")
                                              << QStringLiteral("\"broker\" must be between 0 and 3, not 4");
    QTest::newRow("set_acks without acks") << QByteArray(admin).replace("\"delete_topic\", \"topic\": \"audit\"", "\"set_acks\", \"producer\": \"p\"")
                                           << QStringLiteral("set_acks needs \"acks\"");
    QTest::newRow("flusher interval zero") << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"log_flush_scheduler_interval_ms\": 0,")
                                           << QStringLiteral("s.json:4:63: \"log_flush_scheduler_interval_ms\" must be a whole number of "
                                                             "milliseconds between 1 and 315360000000, or null (never), not 0");
    QTest::newRow("flusher interval string") << QByteArray(t).replace("\"brokers\": 3,",
                                                                      "\"brokers\": 3, \"log_flush_scheduler_interval_ms\": \"never\",")
                                             << QStringLiteral("or null (never), not a string");
    QTest::newRow("flush.ms fraction") << QByteArray(t).replace("\"replication_factor\": 3", "\"replication_factor\": 3, \"flush_interval_ms\": 2.5")
                                       << QStringLiteral("\"flush_interval_ms\" must be a whole number of milliseconds between 1 and");
    QTest::newRow("drop ratio range") << QByteArray(t).replace("\"duration_ms\": 1000,", "\"duration_ms\": 1000, \"drop_response_ratio\": 1.5,")
                                      << QStringLiteral("\"drop_response_ratio\" must be between 0 and 1");
    QTest::newRow("drop ratio type") << QByteArray(t).replace("\"duration_ms\": 1000,", "\"duration_ms\": 1000, \"drop_response_ratio\": \"often\",")
                                     << QStringLiteral("\"drop_response_ratio\" must be a number");
    QTest::newRow("drop_response system") << QByteArray(t).replace("\"crash_broker\", \"broker\": 1", "\"drop_response\", \"system\": \"sqs\"")
                                          << QStringLiteral("s.json:7:68: \"system\" must be one of \"kafka\", \"kinesis\", not \"sqs\"");
    QTest::newRow("drop_response without that system")
        << QByteArray(t).replace("\"crash_broker\", \"broker\": 1", "\"drop_response\", \"system\": \"kinesis\"")
        << QStringLiteral("\"system\": \"kinesis\" needs a kinesis section");
    QTest::newRow("drop_response producer") << QByteArray(t).replace("\"crash_broker\", \"broker\": 1", "\"drop_response\", \"producer\": \"q\"")
                                            << QStringLiteral("no producer named \"q\"");
    QTest::newRow("drop_response unknown key") << QByteArray(t).replace("\"crash_broker\", \"broker\": 1", "\"drop_response\", \"broker\": 1")
                                               << QStringLiteral("\"broker\"");
    const auto dropResponse = [&](const char *keys) {
      return QByteArray(t).replace("\"crash_broker\", \"broker\": 1", QByteArray("\"drop_response\", ") + keys);
    };
    QTest::newRow("drop_response response kind") << dropResponse("\"response\": \"commit\"")
                                                 << QStringLiteral("\"response\" must be one of \"produce\", \"fetch\", \"any\", not \"commit\"");
    QTest::newRow("drop_response producer with fetch")
        << dropResponse("\"response\": \"fetch\", \"producer\": \"p\"")
        << QStringLiteral("\"producer\" names who receives a produce response: it cannot be used with \"response\": \"fetch\"");
    QTest::newRow("drop_response producer with any")
        << dropResponse("\"response\": \"any\", \"producer\": \"p\"")
        << QStringLiteral("\"producer\" names who receives a produce response: it cannot be used with \"response\": \"any\"");
    QTest::newRow("drop_response group with produce")
        << dropResponse("\"group\": \"g\"") << QStringLiteral("\"group\" names who receives a fetch response: it needs \"response\": \"fetch\"");
    QTest::newRow("drop_response unknown group") << dropResponse("\"response\": \"fetch\", \"group\": \"h\"")
                                                 << QStringLiteral("no consumer group named \"h\"");
    QTest::newRow("drop_response group of kinesis") << dropResponse("\"response\": \"fetch\", \"system\": \"kinesis\", \"group\": \"g\"")
                                                    << QStringLiteral("\"system\": \"kinesis\" needs a kinesis section");
    QTest::newRow("drop_response unknown application")
        << dropResponse("\"response\": \"fetch\", \"application\": \"a\"") << QStringLiteral("no Kinesis application named \"a\"");
    QTest::newRow("drop_response response type") << dropResponse("\"response\": 1") << QStringLiteral("\"response\" must be a string");
    QTest::newRow("slow_broker drop ratio range") << QByteArray(t).replace(
                                                         "\"crash_broker\", \"broker\": 1",
                                                         "\"slow_broker\", \"broker\": 1, \"extra_latency_ms\": 0, \"drop_response_ratio\": 2")
                                                  << QStringLiteral("\"drop_response_ratio\" must be between 0 and 1");
    QTest::newRow("slow_broker drop ratio type") << QByteArray(t).replace(
                                                        "\"crash_broker\", \"broker\": 1",
                                                        "\"slow_broker\", \"broker\": 1, \"extra_latency_ms\": 0, \"drop_response_ratio\": \"some\"")
                                                 << QStringLiteral("\"drop_response_ratio\" must be a number");
    QTest::newRow("unknown kafka version") << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"version\": \"3.8\",")
                                           << QStringLiteral("\"version\" must be one of \"3.9\", \"4.0\", \"4.1\"");
    QTest::newRow("kafka version a number") << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"version\": 4.1,")
                                            << QStringLiteral("\"version\" must be");
    QTest::newRow("replica fetch response limit zero")
        << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"replica_fetch_response_max_bytes\": 0,")
        << QStringLiteral("\"replica_fetch_response_max_bytes\" must be between 1 and 2147483647, not 0");
    QTest::newRow("replica fetch response limit type")
        << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"replica_fetch_response_max_bytes\": \"10MB\",")
        << QStringLiteral("\"replica_fetch_response_max_bytes\" must be a whole number");
    QTest::newRow("strict_min_isr type") << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"strict_min_isr\": \"yes\",")
                                         << QStringLiteral("\"strict_min_isr\" must be true or false");
    QTest::newRow("eligible_leader_replicas type") << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"eligible_leader_replicas\": 1,")
                                                   << QStringLiteral("\"eligible_leader_replicas\" must be true or false");
    QTest::newRow("elr in 3.9") << QByteArray(t).replace("\"brokers\": 3,",
                                                         "\"brokers\": 3, \"version\": \"3.9\", \"eligible_leader_replicas\": true,")
                                << QStringLiteral("eligible leader replicas need Kafka 4.0 or later (\"version\" is \"3.9\")");
    QTest::newRow("elr without strict min isr") << QByteArray(t).replace("\"brokers\": 3,", "\"brokers\": 3, \"strict_min_isr\": false,")
                                                << QStringLiteral("eligible leader replicas rely on \"strict_min_isr\"");
    QTest::newRow("duplicate topic") << QByteArray(t).replace("\"topics\": [ {", "\"topics\": [ {\"name\": \"t\"}, {")
                                     << QStringLiteral("topic \"t\" is defined twice");
  }
  void groupProtocolsLoad() {
    const auto load = [](const char *keys) {
      QByteArray t(kGood);
      t.replace("\"topic\": \"t\" }", QByteArray("\"topic\": \"t\", ") + keys + " }");
      const ScenarioLoadResult r = loadScenarioText(t, QStringLiteral("s.json"));
      return r.scenario ? r.scenario->consumers[0] : streamscope::engine::ConsumerGroupConfig{};
    };
    using streamscope::engine::AssignorKind;
    using streamscope::engine::GroupProtocol;
    const auto classic = load("\"session_timeout_ms\": 30000");
    QCOMPARE(classic.protocol, GroupProtocol::Classic);
    QCOMPARE(classic.assignor, AssignorKind::Range);
    const auto consumer = load("\"group_protocol\": \"consumer\", \"heartbeat_interval_ms\": 2000, \"session_timeout_ms\": 10000");
    QCOMPARE(consumer.protocol, GroupProtocol::Consumer);
    QCOMPARE(consumer.assignor, AssignorKind::Uniform); // the broker's default server-side assignor
    QCOMPARE(consumer.heartbeatInterval, 2000 * streamscope::engine::kMillisecond);
    QCOMPARE(consumer.sessionTimeout, 10000 * streamscope::engine::kMillisecond);
    QCOMPARE(load("\"group_protocol\": \"consumer\", \"assignor\": \"range\"").assignor, AssignorKind::Range);
    QCOMPARE(load("\"group_protocol\": \"consumer\"").heartbeatInterval, 5000 * streamscope::engine::kMillisecond);
    QCOMPARE(load("\"group_protocol\": \"classic\", \"assignor\": \"cooperative-sticky\"").assignor, AssignorKind::CooperativeSticky);
  }

  void adminActionsLoad() {
    const QByteArray text =
        QByteArray(kGood).replace("\"action\": \"crash_broker\", \"broker\": 1 }",
                                  "\"action\": \"add_broker\" }, { \"at_ms\": 600, \"action\": \"crash_broker\", \"broker\": 3 },"
                                  " { \"at_ms\": 700.25, \"action\": \"add_topic\", \"topic\": \"audit\", \"partitions\": 2 },"
                                  " { \"at_ms\": 800, \"action\": \"alter_topic\", \"topic\": \"audit\", \"flush_interval_ms\": null },"
                                  " { \"at_ms\": 900, \"action\": \"delete_topic\", \"topic\": \"audit\" }");
    const ScenarioLoadResult r = loadScenarioText(text, QStringLiteral("s.json"));
    QVERIFY2(r.scenario.has_value(), qPrintable(r.error));
    QCOMPARE(r.scenario->faults.size(), std::size_t{5});
    QCOMPARE(std::get<streamscope::engine::CrashBroker>(r.scenario->faults[1].what).broker, 3);
    QCOMPARE(r.scenario->faults[2].at, 700250); // fractions of a millisecond are kept
    QCOMPARE(std::get<streamscope::engine::AlterTopic>(r.scenario->faults[3].what).value, -1);
  }

  void dropResponseLoads() {
    QByteArray text(kGood);
    text.replace("\"duration_ms\": 1000,", "\"duration_ms\": 1000, \"drop_response_ratio\": 0.25,");
    text.replace("\"crash_broker\", \"broker\": 1 }",
                 "\"drop_response\" }, { \"at_ms\": 600, \"action\": \"drop_response\", \"system\": \"kafka\", \"producer\": \"p\" }");
    const ScenarioLoadResult r = loadScenarioText(text, QStringLiteral("s.json"));
    QVERIFY2(r.scenario.has_value(), qPrintable(r.error));
    QCOMPARE(r.scenario->dropResponseRatio, 0.25);
    using streamscope::engine::DropResponse;
    using streamscope::engine::ResponseSystem;
    QVERIFY(std::get<DropResponse>(r.scenario->faults[0].what) == DropResponse{});
    QVERIFY((std::get<DropResponse>(r.scenario->faults[1].what) == DropResponse{ResponseSystem::Kafka, "p"}));
    QCOMPARE(loadScenarioText(kGood, QStringLiteral("s.json")).scenario->dropResponseRatio, 0.0);
  }

  void lostFetchResponsesLoad() {
    QByteArray text(kGood);
    text.replace("\"crash_broker\", \"broker\": 1 }",
                 "\"drop_response\", \"response\": \"fetch\", \"group\": \"g\" }, { \"at_ms\": 600, \"action\": \"drop_response\", "
                 "\"response\": \"any\" }, { \"at_ms\": 700, \"action\": \"slow_broker\", \"broker\": 2, \"extra_latency_ms\": 1, "
                 "\"drop_response_ratio\": 0.1 }, { \"at_ms\": 800, \"action\": \"drop_response\", \"response\": \"produce\" }");
    const ScenarioLoadResult r = loadScenarioText(text, QStringLiteral("s.json"));
    QVERIFY2(r.scenario.has_value(), qPrintable(r.error));
    using namespace streamscope::engine;
    DropResponse fetch{ResponseSystem::Kafka, {}};
    fetch.response = ResponseKind::Fetch;
    fetch.group = "g";
    QVERIFY(std::get<DropResponse>(r.scenario->faults[0].what) == fetch);
    QVERIFY(std::get<DropResponse>(r.scenario->faults[1].what).response == ResponseKind::Any);
    QVERIFY((std::get<SlowBroker>(r.scenario->faults[2].what) == SlowBroker{2, 1000, 0.1}));
    QVERIFY(std::get<DropResponse>(r.scenario->faults[3].what) == DropResponse{});
    QByteArray kinesis(kKinesis);
    kinesis.replace("\"az_outage\", \"az\": 1", "\"drop_response\", \"response\": \"fetch\", \"application\": \"billing\"");
    const ScenarioLoadResult k = loadScenarioText(kinesis, QStringLiteral("s.json"));
    QVERIFY2(k.scenario.has_value(), qPrintable(k.error));
    const auto &read = std::get<DropResponse>(k.scenario->faults[1].what);
    QVERIFY(read.system == ResponseSystem::Kinesis && read.group == "billing" && read.response == ResponseKind::Fetch);
  }

  void kinesisScenarioHasTheValues() {
    const ScenarioLoadResult r = loadScenarioText(QByteArray(kKinesis), QStringLiteral("s.json"));
    QVERIFY2(r.scenario.has_value(), qPrintable(r.error));
    QCOMPARE(r.scenario->kinesis->streams[0].shards, 2);
    QCOMPARE(r.scenario->producers[0].stream, std::string("orders"));
    QVERIFY(r.scenario->producers[0].topic.empty());
    QCOMPARE(r.scenario->applications[0].initialPosition, streamscope::engine::IteratorType::TrimHorizon);
    QCOMPARE(r.scenario->applications[0].readAttempts, 3);
    QCOMPARE(r.scenario->applications[0].readThrottleBackoff, 500 * streamscope::engine::kMillisecond);
    QCOMPARE(r.scenario->applications[0].subscribeRetry, 1000 * streamscope::engine::kMillisecond);
    QCOMPARE(r.scenario->faults[0].action(), streamscope::engine::FaultAction::SplitShard);
    QCOMPARE(std::get<streamscope::engine::KillConsumer>(r.scenario->faults[2].what).group, std::string("billing"));
  }

  void errors() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const QString error = loadError(text);
    QVERIFY2(!error.isEmpty(), "the file must be refused");
    QVERIFY2(error.startsWith(QStringLiteral("s.json:")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
  }

  void missingFileIsReported() {
    const ScenarioLoadResult r = loadScenarioFile(QStringLiteral("/nonexistent/x.json"));
    QVERIFY(!r.scenario);
    QVERIFY(r.error.startsWith(QStringLiteral("/nonexistent/x.json: cannot open")));
  }

  void devicesDirectoriesAndHugeFilesAreRefused() {
    QCOMPARE(loadScenarioFile(QStringLiteral("/dev/zero")).error, QStringLiteral("/dev/zero: not a regular file"));
    QCOMPARE(loadScenarioFile(QStringLiteral("/tmp")).error, QStringLiteral("/tmp: not a regular file"));
    QTemporaryFile huge;
    QVERIFY(huge.open());
    QVERIFY(huge.resize(kMaxJsonFileBytes + 1));
    const QString error = loadScenarioFile(huge.fileName()).error;
    QVERIFY2(error.startsWith(huge.fileName() + QStringLiteral(": too large (16777217 bytes")), qPrintable(error));
  }

  void utf8ColumnsCountCharacters() {
    const QString e = loadError("{\"name\": \"\xc3\xa9\xc3\xa9\", \"x\": 1, \"duration_ms\": 5, \"kafka\": {\"topics\": [{\"name\": \"t\"}]}}");
    QVERIFY2(e.startsWith(QStringLiteral("s.json:1:16: unknown key \"x\"")), qPrintable(e));
  }
};

QTEST_GUILESS_MAIN(TstScenarioLoader)
#include "tst_scenario_loader.moc"
