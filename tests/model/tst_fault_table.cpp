// The fault table is the whole vocabulary: every action has exactly one row, every row's
// name is unique and listed in the loader's "unknown action" message, and every action
// written by its row reads back as the same fault.
#include "model/json/fault_json.h"
#include "model/json/fault_table.h"
#include "model/json/scenario_loader.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QtTest>

using namespace streamscope;
using engine::Fault;
using engine::SimTime;

namespace {

constexpr SimTime kMs = engine::kMillisecond;

/// At least one fault per action, valid in first-look.json (brokers 0..2, topic and stream
/// "orders", producer "checkout", group "billing", application "billing-kcl").
std::vector<Fault> everyAction() {
  using namespace engine;
  return {
      {1500, CrashBroker{-1}},
      {2 * kMs, PowerLoss{1}},
      {3 * kMs, RestartBroker{2}},
      {4 * kMs, IsolateBroker{0}},
      {5 * kMs, Heal{-1}},
      {6 * kMs, Heal{1}},
      {7 * kMs, SlowBroker{2, 1500}},
      {8 * kMs, KillConsumer{"billing", 1}},
      {9 * kMs, KillConsumer{"billing-kcl", -1}},
      {10 * kMs, AddConsumer{"billing"}},
      {11 * kMs, AddConsumer{"billing-kcl"}},
      {12 * kMs, RemoveConsumer{"billing", -1}},
      {13 * kMs, RemoveConsumer{"billing-kcl", 0}},
      {14 * kMs, Seek{"billing", GroupPosition{2, SeekTarget::Offset, 40}}},
      {15 * kMs, Seek{"billing", GroupPosition{-1, SeekTarget::Timestamp, 2500 * kMs}}},
      {16 * kMs, Seek{"billing", GroupPosition{-1, SeekTarget::Latest, 0}}},
      {17 * kMs, Seek{"billing-kcl", ApplicationPosition{1, IteratorType::AtTimestamp, "", 3000 * kMs}}},
      {18 * kMs, Seek{"billing-kcl", ApplicationPosition{-1, IteratorType::TrimHorizon, "", 0}}},
      {19 * kMs, SetRate{"checkout", 12.5}},
      {20 * kMs, AzOutage{2}},
      {21 * kMs, AzRestore{2}},
      {22 * kMs, SplitShard{"orders", 1, "170141183460469231731687303715884105728"}},
      {23 * kMs, MergeShards{"orders", 0, 1}},
      {24 * kMs, DropMessage{}},
      {25 * kMs, AddBroker{}},
      {26 * kMs, AlterTopic{"orders", TopicSettingKind::MinInsyncReplicas, 1}},
      {27 * kMs, AlterTopic{"orders", TopicSettingKind::UncleanLeaderElection, 1}},
      {28 * kMs, AlterTopic{"orders", TopicSettingKind::FlushMessages, 1000}},
      {29 * kMs, AlterTopic{"orders", TopicSettingKind::FlushMs, 250 * kMs}},
      {30 * kMs, AlterTopic{"orders", TopicSettingKind::FlushMs, -1}},
      {31 * kMs, AddPartitions{"orders", 6}},
      {32 * kMs, SetReplicationFactor{"orders", 2}},
      {33 * kMs, SetAcks{"checkout", Acks::Leader}},
      {34 * kMs, SetAcks{"checkout", Acks::All}},
      {35 * kMs, SetKeys{"checkout", 0}},
      {36 * kMs, AddTopic{"audit", 2, 3, 2}},
      {37 * kMs, DeleteTopic{"orders"}},
      {38 * kMs, RemoveBroker{2}},
      {39 * kMs, DropResponse{}},
      {40 * kMs, DropResponse{ResponseSystem::Kafka, "checkout"}},
      {41 * kMs, DropResponse{ResponseSystem::Kinesis, {}}},
      {42 * kMs, DropResponse{ResponseSystem::Kafka, {}, ResponseKind::Fetch, "billing"}},
      {43 * kMs, DropResponse{ResponseSystem::Kinesis, {}, ResponseKind::Fetch, "billing-kcl"}},
      {44 * kMs, DropResponse{ResponseSystem::Any, {}, ResponseKind::Any, {}}},
      {45 * kMs, DropResponse{ResponseSystem::Any, {}, ResponseKind::Fetch, {}}},
      {46 * kMs, SlowBroker{1, 0, 0.25}},
      {47 * kMs, CrashProducer{"checkout"}},
      {48 * kMs, RestartProducer{"checkout", 1 * kSecond}},
      {49 * kMs, RestartProducer{"checkout", -1}},
      {50 * kMs, RestartProducer{"checkout", 2500 * kMs}},
      {51 * kMs, UpdateShardCount{"orders", 6}},
      {52 * kMs, SwitchCapacityMode{"orders", CapacityMode::OnDemand}},
      {53 * kMs, SwitchCapacityMode{"orders", CapacityMode::Provisioned}},
  };
}

QByteArray firstLook() {
  QFile file(QStringLiteral(SCENARIO_DIR "/first-look.json"));
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TstFaultTable : public QObject {
  Q_OBJECT
private slots:
  void everyActionHasExactlyOneRow() {
    const auto &table = model::faultTable();
    QCOMPARE(table.size(), engine::kFaultActionCount);
    QSet<QString> names;
    for (std::size_t i = 0; i < table.size(); ++i) {
      const auto action = static_cast<engine::FaultAction>(i);
      QCOMPARE(static_cast<int>(table[i].action), static_cast<int>(i));
      QCOMPARE(&model::faultRow(action), &table[i]);
      QVERIFY2(!names.contains(table[i].name), qPrintable(table[i].name));
      names.insert(table[i].name);
      QCOMPARE(model::findFaultRow(table[i].name), &table[i]);
      QVERIFY(table[i].read && table[i].write && table[i].describe);
    }
    QVERIFY(!model::findFaultRow(QStringLiteral("explode")));
  }

  void everyRowRoundTrips() {
    const QByteArray text = firstLook();
    const auto loaded = model::loadScenarioText(text, QStringLiteral("first-look.json"));
    QVERIFY2(loaded.scenario, qPrintable(loaded.error));
    QSet<int> covered;
    for (const Fault &f : everyAction()) {
      covered.insert(static_cast<int>(f.action()));
      const std::string *group = engine::faultGroup(f);
      const bool application = group && *group == "billing-kcl";
      const QJsonObject json = model::faultToJson(f, application);
      const QString shown = QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
      QCOMPARE(json.value(QStringLiteral("action")).toString(), model::faultRow(f.action()).name);
      QString error;
      const auto back = model::faultFromJson(text, json, &error);
      QVERIFY2(back, qPrintable(shown + QStringLiteral(": ") + error));
      QVERIFY2(*back == f, qPrintable(shown));
      QVERIFY2(!model::faultRow(f.action()).describe(f.what).isEmpty(), qPrintable(shown));
    }
    QCOMPARE(static_cast<std::size_t>(covered.size()), engine::kFaultActionCount);
  }

  void unknownActionsListEveryName() {
    QJsonObject root = QJsonDocument::fromJson(firstLook()).object();
    root[QStringLiteral("faults")] = QJsonArray{QJsonObject{{QStringLiteral("at_ms"), 1}, {QStringLiteral("action"), QStringLiteral("explode")}}};
    const auto loaded = model::loadScenarioText(QJsonDocument(root).toJson(), QStringLiteral("s.json"));
    QVERIFY(!loaded.scenario);
    QVERIFY2(loaded.error.contains(QStringLiteral("unknown action \"explode\"")), qPrintable(loaded.error));
    for (const model::FaultRow &row : model::faultTable())
      QVERIFY2(loaded.error.contains(row.name), qPrintable(row.name));
  }
};

QTEST_GUILESS_MAIN(TstFaultTable)
#include "tst_fault_table.moc"
