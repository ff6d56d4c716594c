// Faults injected in the app are saved into the scenario in the loader's own format, and the
// inspector's words follow the engine's state.
#include "engine/sim/simulation.h"
#include "model/json/fault_json.h"
#include "model/explain/item_explainer.h"
#include "model/json/scenario_loader.h"

#include <QFile>
#include <QtTest>

using namespace streamscope;
using engine::Fault;
using engine::FaultAction;

class TstFaultJson : public QObject {
  Q_OBJECT
private slots:
  void savedFaultsLoadBackTheSame() {
    QFile file(QStringLiteral(SCENARIO_DIR "/first-look.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    const auto loaded = model::loadScenarioText(text, QStringLiteral("first-look.json"));
    QVERIFY(loaded.scenario);
    std::vector<Fault> faults;
    Fault power;
    power.action = FaultAction::PowerLoss;
    power.at = 1500;
    power.broker = -1;
    faults.push_back(power);
    Fault slow;
    slow.action = FaultAction::SlowBroker;
    slow.at = 2 * engine::kSecond;
    slow.broker = 2;
    slow.extraDelay = 50 * engine::kMillisecond;
    faults.push_back(slow);
    Fault kill;
    kill.action = FaultAction::KillConsumer;
    kill.at = 3 * engine::kSecond;
    kill.group = "billing-kcl";
    kill.member = 1;
    faults.push_back(kill);
    Fault split;
    split.action = FaultAction::SplitShard;
    split.at = 4 * engine::kSecond;
    split.stream = "orders";
    split.shard = 1;
    split.newStartingHashKey = "170141183460469231731687303715884105728";
    faults.push_back(split);
    Fault drop;
    drop.action = FaultAction::DropMessage;
    drop.at = 5 * engine::kSecond;
    faults.push_back(drop);
    Fault flush;
    flush.action = FaultAction::AlterTopic;
    flush.at = 6 * engine::kSecond;
    flush.topic = "orders";
    flush.topicSetting = engine::TopicSettingKind::FlushMs;
    flush.value = -1; // removed: saved as null
    faults.push_back(flush);
    Fault grow;
    grow.action = FaultAction::AddPartitions;
    grow.at = 7 * engine::kSecond;
    grow.topic = "orders";
    grow.value = 6;
    faults.push_back(grow);
    Fault acks;
    acks.action = FaultAction::SetAcks;
    acks.at = 8 * engine::kSecond;
    acks.producer = "checkout";
    acks.acks = engine::Acks::Leader;
    faults.push_back(acks);

    QString error;
    const QByteArray saved = model::withFaults(text, *loaded.scenario, faults, &error);
    QVERIFY2(!saved.isEmpty(), qPrintable(error));
    const auto again = model::loadScenarioText(saved, QStringLiteral("saved.json"));
    QVERIFY2(again.scenario, qPrintable(again.error));
    const auto &back = again.scenario->faults;
    QCOMPARE(back.size(), faults.size());
    for (std::size_t i = 0; i < faults.size(); ++i) {
      QCOMPARE(back[i].at, faults[i].at);
      QCOMPARE(back[i].action, faults[i].action);
      QCOMPARE(back[i].broker, faults[i].broker);
      QCOMPARE(back[i].extraDelay, faults[i].extraDelay);
      QCOMPARE(back[i].group, faults[i].group);
      QCOMPARE(back[i].member, faults[i].member);
      QCOMPARE(back[i].newStartingHashKey, faults[i].newStartingHashKey);
      QCOMPARE(back[i].topic, faults[i].topic);
      QCOMPARE(back[i].topicSetting, faults[i].topicSetting);
      QCOMPARE(back[i].value, faults[i].value);
      QCOMPARE(back[i].acks, faults[i].acks);
    }
    QVERIFY(!model::withFaults("[1, 2]", *loaded.scenario, faults, &error).size());
    QVERIFY(error.contains(QStringLiteral("not a JSON object")));
  }

  void dropMessageLosesTheNextRequestOnTheWire() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/first-look.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    Fault drop;
    drop.action = FaultAction::DropMessage;
    QVERIFY(sim.applyFault(drop).has_value()); // nothing in flight at time zero: refused
    std::vector<engine::Event> events;
    sim.setEventSink(&events);
    sim.runUntil(engine::kSecond);
    bool applied = false;
    for (int i = 0; i < 1000 && !applied; ++i) { // wait for a request to be on the wire
      sim.runUntil(sim.now() + 100);
      applied = !sim.applyFault(drop).has_value();
    }
    QVERIFY(applied);
    events.clear();
    sim.runUntil(sim.now() + 100 * engine::kMillisecond);
    const auto dropped = std::count_if(events.begin(), events.end(), [](const engine::Event &e) {
      return e.type == engine::EventType::TransferDropped;
    });
    QCOMPARE(dropped, 1);
  }

  void inspectorExplainsTheHighWatermark() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/acks-all-leader-power-loss.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(3 * engine::kSecond);
    const auto &part = sim.world().kafka.partitions[0];
    const auto &log = part.logOf(part.leader);
    // The newest record on the leader is above the HW until the followers fetch it; find one.
    bool explainedAbove = false;
    for (int i = 0; i < 2000 && !explainedAbove; ++i) {
      sim.step();
      const auto &p = sim.world().kafka.partitions[0];
      if (p.leader < 0)
        break;
      const auto &l = p.logOf(p.leader);
      if (l.leo() > l.highWatermark()) {
        const auto e = model::explainItem(sim.world(), {model::WorldItem::Kind::LogCell, 0, p.leader, l.leo() - 1});
        QVERIFY2(e.why.contains(QStringLiteral("above the high watermark")), qPrintable(e.why));
        explainedAbove = true;
      }
    }
    QVERIFY(explainedAbove);
    (void)log;
    const auto none = model::explainItem(sim.world(), {});
    QCOMPARE(none.title, QStringLiteral("Nothing selected"));
    const auto gone = model::explainItem(sim.world(), {model::WorldItem::Kind::Broker, 99});
    QCOMPARE(gone.title, QStringLiteral("Gone"));
  }
};

QTEST_GUILESS_MAIN(TstFaultJson)
#include "tst_fault_json.moc"
