// The inspector's "why" sentences that depend on a setting test that setting: acks=all is
// only called safe against one broker failure when min.insync.replicas and the ISR allow it,
// and the zone outage text says it is the simulator's assumption.
#include "engine/sim/simulation.h"
#include "model/explain/item_explainer.h"
#include "model/json/scenario_loader.h"

#include <QtTest>

using namespace streamscope;

class TstInspectorConditions : public QObject {
  Q_OBJECT
private slots:
  void acksAllWithMinIsrTwoIsSafe() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/acks-all-leader-power-loss.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(3 * engine::kSecond);
    const auto e = model::explainItem(sim.world(), {model::WorldItem::Kind::KafkaProducer, 0});
    QVERIFY2(e.why.contains(QStringLiteral("min.insync.replicas is 2")), qPrintable(e.why));
    QVERIFY2(e.why.contains(QStringLiteral("cannot lose it")), qPrintable(e.why));
  }

  void acksAllWithTheLeaderAloneIsNot() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/clean-election.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(9900 * engine::kMillisecond);
    QCOMPARE(sim.world().kafka.partitions[0].isr.size(), std::size_t{1});
    const auto e = model::explainItem(sim.world(), {model::WorldItem::Kind::KafkaProducer, 0});
    QVERIFY2(e.why.contains(QStringLiteral("shrunk to 1 member")), qPrintable(e.why));
    QVERIFY2(e.why.contains(QStringLiteral("min.insync.replicas is 1")), qPrintable(e.why));
    QVERIFY2(!e.why.contains(QStringLiteral("cannot lose it")), qPrintable(e.why));
  }

  void zoneOutageIsLabelledAnAssumption() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/side-by-side.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(1 * engine::kSecond);
    QVERIFY(!sim.applyFault(engine::Fault{sim.now(), engine::AzOutage{1}}).has_value());
    sim.runUntil(sim.now() + 100 * engine::kMillisecond);
    const auto e = model::explainItem(sim.world(), {model::WorldItem::Kind::Zone, 1});
    QVERIFY2(e.why.contains(QStringLiteral("assumption")), qPrintable(e.why));
  }
};

QTEST_GUILESS_MAIN(TstInspectorConditions)
#include "tst_inspector_conditions.moc"
