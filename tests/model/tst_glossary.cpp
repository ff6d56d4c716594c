// The glossary and the links the inspector's explanations get to it.
#include "engine/sim/simulation.h"
#include "model/explain/glossary.h"
#include "model/explain/item_explainer.h"
#include "model/json/scenario_loader.h"

#include <QRegularExpression>
#include <QtTest>

using namespace streamscope;

class TstGlossary : public QObject {
  Q_OBJECT
private slots:
  void everyTermHasAnIdADefinitionAndIsInThePage() {
    QSet<QString> ids;
    const QString page = model::glossaryHtml();
    for (const model::GlossaryTerm &t : model::glossary()) {
      QVERIFY2(!ids.contains(t.id), qPrintable(t.id));
      ids.insert(t.id);
      QVERIFY2(!t.definition.isEmpty() && !t.mentions.isEmpty(), qPrintable(t.id));
      QVERIFY2(page.contains(QStringLiteral("<a name=\"%1\">").arg(t.id)), qPrintable(t.id));
    }
    QVERIFY(ids.size() >= 25);
  }

  void linksTheFirstMentionOfEachTermOnly() {
    QSet<QString> linked;
    const QString html = model::linkGlossaryTerms(
        QStringLiteral("The high watermark <HW> waits for the ISR; the high watermark moves when the ISR catches up."), linked);
    QCOMPARE(html.count(QStringLiteral("href=\"glossary:hw\"")), 1);
    QCOMPARE(html.count(QStringLiteral("href=\"glossary:isr\"")), 1);
    QVERIFY(html.contains(QStringLiteral("<a href=\"glossary:hw\">high watermark</a>")));
    QVERIFY2(html.contains(QStringLiteral("&lt;HW&gt;")), qPrintable(html)); // escaped, and not linked a second time
    // Terms linked once are not linked again in the next part of the same explanation.
    QVERIFY(!model::linkGlossaryTerms(QStringLiteral("ISR"), linked).contains(QStringLiteral("href")));
  }

  void wordsInsideOtherWordsAreNotLinked() {
    QSet<QString> linked;
    QVERIFY(!model::linkGlossaryTerms(QStringLiteral("groupings, offsets, shards"), linked).contains(QStringLiteral("glossary:group")));
  }

  void explanationsOfARunningClusterLinkToTheGlossary() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/calm-cluster.json"));
    QVERIFY(loaded.scenario);
    engine::Simulation sim(*loaded.scenario);
    sim.runUntil(5 * engine::kSecond);
    model::WorldItem strip;
    strip.kind = model::WorldItem::Kind::Replica;
    strip.a = 0;
    strip.b = sim.world().kafka.partitions[0].leader;
    const QString html = model::explanationHtml(model::explainItem(sim.world(), strip));
    QVERIFY2(html.contains(QStringLiteral("href=\"glossary:")), qPrintable(html));
  }
};

QTEST_GUILESS_MAIN(TstGlossary)
#include "tst_glossary.moc"
