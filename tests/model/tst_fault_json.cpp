// Faults injected in the app are saved into the scenario in the loader's own format, and the
// inspector's words follow the engine's state.
#include "engine/sim/simulation.h"
#include "model/explain/item_explainer.h"
#include "model/json/fault_json.h"
#include "model/json/scenario_loader.h"

#include <QFile>
#include <QtTest>

using namespace streamscope;
using engine::Fault;

class TstFaultJson : public QObject {
  Q_OBJECT
private slots:
  void savedFaultsLoadBackTheSame() {
    QFile file(QStringLiteral(SCENARIO_DIR "/first-look.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    const auto loaded = model::loadScenarioText(text, QStringLiteral("first-look.json"));
    QVERIFY(loaded.scenario);
    const std::vector<Fault> faults = {
        {1500, engine::PowerLoss{-1}},
        {2 * engine::kSecond, engine::SlowBroker{2, 50 * engine::kMillisecond}},
        {3 * engine::kSecond, engine::KillConsumer{"billing-kcl", 1}},
        {4 * engine::kSecond, engine::SplitShard{"orders", 1, "170141183460469231731687303715884105728"}},
        {5 * engine::kSecond, engine::DropMessage{}},
        {6 * engine::kSecond, engine::AlterTopic{"orders", engine::TopicSettingKind::FlushMs, -1}}, // removed: saved as null
        {7 * engine::kSecond, engine::AddPartitions{"orders", 6}},
        {8 * engine::kSecond, engine::SetAcks{"checkout", engine::Acks::Leader}},
        {9 * engine::kSecond, engine::DropResponse{engine::ResponseSystem::Kinesis, "checkout"}},
        {10 * engine::kSecond, engine::DropResponse{}},
        {11 * engine::kSecond, engine::DropResponse{engine::ResponseSystem::Kinesis, {}, engine::ResponseKind::Fetch, "billing-kcl"}},
        {12 * engine::kSecond, engine::SlowBroker{1, 0, 0.5}},
    };

    QString error;
    const QByteArray saved = model::withFaults(text, *loaded.scenario, faults, &error);
    QVERIFY2(!saved.isEmpty(), qPrintable(error));
    const auto again = model::loadScenarioText(saved, QStringLiteral("saved.json"));
    QVERIFY2(again.scenario, qPrintable(again.error));
    const auto &back = again.scenario->faults;
    QCOMPARE(back.size(), faults.size());
    for (std::size_t i = 0; i < faults.size(); ++i)
      QVERIFY2(back[i] == faults[i], qPrintable(QJsonDocument(model::faultToJson(back[i], i == 2)).toJson(QJsonDocument::Compact)));
    QVERIFY(!model::withFaults("[1, 2]", *loaded.scenario, faults, &error).size());
    QVERIFY(error.contains(QStringLiteral("not a JSON object")));
  }

  void dropMessageLosesTheNextRequestOnTheWire() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/first-look.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    const Fault drop{0, engine::DropMessage{}};
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
    const auto dropped =
        std::count_if(events.begin(), events.end(), [](const engine::Event &e) { return e.type == engine::EventType::TransferDropped; });
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
