// The inspector tells read throttles from write throttles: a shard names the polling
// applications that share its read budget and the fan-out consumers that do not; an
// application says whom it shares with, its subscriptions, or why its registration failed.
#include "engine/sim/simulation.h"
#include "model/explain/item_explainer.h"
#include "model/json/scenario_loader.h"

#include <QtTest>

using namespace streamscope;
using Kind = model::WorldItem::Kind;

namespace {

QString facts(const model::Explanation &e) {
  QStringList out;
  for (const auto &[name, value] : e.facts)
    out << name + QStringLiteral(": ") + value;
  return out.join(QLatin1Char('\n'));
}

} // namespace

class TstKinesisReadsExplained : public QObject {
  Q_OBJECT
private slots:
  void aShardNamesThePollingApplicationsThatShareItsReadBudget() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/lesson-many-readers.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(80 * engine::kSecond);
    QVERIFY(sim.world().kinesis.shardAt(0).throttledReads > 0);
    const model::Explanation e = model::explainItem(sim.world(), {Kind::Shard, 0});
    QVERIFY2(e.why.startsWith(QStringLiteral("Reads throttled")), qPrintable(e.why));
    QVERIFY2(e.why.contains(QStringLiteral("reader-1, reader-2, reader-3, reader-4, reader-5")), qPrintable(e.why));
    QVERIFY2(e.why.contains(QStringLiteral("apart from refused writes")), qPrintable(e.why));
    QVERIFY2(facts(e).contains(QStringLiteral("Fan-out consumers (2 MiB/s each): none")), qPrintable(facts(e)));
    const model::Explanation app = model::explainItem(sim.world(), {Kind::Application, 2});
    QVERIFY2(app.why.contains(QStringLiteral("GetRecords calls were refused")), qPrintable(app.why));
    QVERIFY2(facts(app).contains(QStringLiteral("Shares the read budget with: reader-1, reader-2, reader-4, reader-5")), qPrintable(facts(app)));
  }

  void fanOutConsumersHaveTheirOwnPipe() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/lesson-many-readers-fan-out.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(80 * engine::kSecond);
    const model::Explanation e = model::explainItem(sim.world(), {Kind::Shard, 0});
    QVERIFY2(!e.why.contains(QStringLiteral("Reads throttled")), qPrintable(e.why));
    QVERIFY2(facts(e).contains(QStringLiteral("Polling readers (share 5 calls/s, 2 MiB/s): none")), qPrintable(facts(e)));
    QVERIFY2(facts(e).contains(QStringLiteral("Fan-out consumers (2 MiB/s each): reader-1")), qPrintable(facts(e)));
    const model::Explanation app = model::explainItem(sim.world(), {Kind::Application, 0});
    QVERIFY2(app.why.contains(QStringLiteral("2 MiB/s per shard of its own")), qPrintable(app.why));
    QVERIFY2(facts(app).contains(QStringLiteral("SubscribeToShard calls: 1")), qPrintable(facts(app)));
  }

  void aRefusedRegistrationIsExplained() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/lesson-many-readers-twenty-one.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(2 * engine::kSecond);
    const model::Explanation app = model::explainItem(sim.world(), {Kind::Application, 20});
    QVERIFY2(app.why.startsWith(QStringLiteral("Refused: the stream already has 20")), qPrintable(app.why));
    QVERIFY2(facts(app).contains(QStringLiteral("RegisterStreamConsumer: LimitExceededException")), qPrintable(facts(app)));
  }
};

QTEST_GUILESS_MAIN(TstKinesisReadsExplained)
#include "tst_kinesis_reads_explained.moc"
