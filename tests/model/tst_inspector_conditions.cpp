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

  void anEligibleLeaderReplicaSaysWhyItIsSafe() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/last-replica-standing.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(12 * engine::kSecond); // ISR {0}, ELR {2}
    const auto elr = model::explainItem(sim.world(), {model::WorldItem::Kind::Replica, 0, 2});
    QVERIFY2(elr.why.contains(QStringLiteral("eligible leader replica")), qPrintable(elr.why));
    QVERIFY(elr.facts.contains(qMakePair(QStringLiteral("Eligible leader replicas (ELR)"), QStringLiteral("{2}"))));
    const auto outOfSync = model::explainItem(sim.world(), {model::WorldItem::Kind::Replica, 0, 1});
    QVERIFY2(outOfSync.why.startsWith(QStringLiteral("Out of the ISR")), qPrintable(outOfSync.why));
    // A record above the frozen HW: the reason is min ISR, not replication lag.
    const engine::kafka::Partition &part = sim.world().kafka.partitions[0];
    const engine::kafka::Offset above = part.logOf(0).highWatermark();
    QVERIFY(part.logOf(0).leo() > above);
    const auto cell = model::explainItem(sim.world(), {model::WorldItem::Kind::LogCell, 0, 0, above});
    QVERIFY2(cell.why.contains(QStringLiteral("below min.insync.replicas (2)")), qPrintable(cell.why));
    sim.runUntil(29 * engine::kSecond); // no leader: ISR empty, ELR {2}, last known leader 0
    const auto offline = model::explainItem(sim.world(), {model::WorldItem::Kind::Replica, 0, 0});
    QVERIFY2(offline.why.contains(QStringLiteral("unfenced eligible leader replica")), qPrintable(offline.why));
    QVERIFY(offline.facts.contains(qMakePair(QStringLiteral("Last known leader"), QStringLiteral("{0}"))));
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
