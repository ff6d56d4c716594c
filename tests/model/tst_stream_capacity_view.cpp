// What the model layer shows of a stream's status and capacity mode: the inspector's text,
// the view the canvas draws from, the lesson subjects and run --json's "streams".
#include "engine/sim/report.h"
#include "engine/sim/simulation.h"
#include "model/explain/item_explainer.h"
#include "model/json/report_json.h"
#include "model/json/scenario_loader.h"
#include "model/lessons/expectation.h"
#include "model/view/kinesis_view.h"

#include <QJsonArray>
#include <QtTest>

using namespace streamscope;

namespace {

/// The growth scenario at 92 s: "fixed" is UPDATING (UpdateShardCount at 85 s, refused again
/// at 88 s), "elastic" is on-demand and UPDATING (a scale-up from 85 s).
engine::Simulation &at92s() {
  static engine::Simulation *sim = [] {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/lesson-on-demand-growth.json"));
    if (!loaded.scenario)
      qFatal("%s", qPrintable(loaded.error));
    auto *s = new engine::Simulation(*loaded.scenario);
    s->runUntil(92 * engine::kSecond);
    return s;
  }();
  return *sim;
}

bool holds(const char *text) {
  QString error;
  const auto e = model::Expectation::parse(QString::fromLatin1(text), &error);
  if (!e)
    qFatal("%s: %s", text, qPrintable(error));
  return e->evaluate(at92s().world()).holds;
}

} // namespace

class TstStreamCapacityView : public QObject {
  Q_OBJECT
private slots:
  void theInspectorExplainsUpdating() {
    const auto e = model::explainItem(at92s().world(), {model::WorldItem::Kind::Stream, 0});
    QString facts;
    for (const auto &[name, value] : e.facts)
      facts += name + QLatin1String(": ") + value + QLatin1Char('\n');
    QVERIFY2(facts.contains(QStringLiteral("UPDATING (3.0 s left)")), qPrintable(facts));
    QVERIFY2(facts.contains(QStringLiteral("UpdateShardCount to 8 open shards")), qPrintable(facts));
    QVERIFY2(e.why.contains(QStringLiteral("ResourceInUseException")), qPrintable(e.why));
    QVERIFY2(e.why.contains(QStringLiteral("old shards")), qPrintable(e.why));
    const auto onDemand = model::explainItem(at92s().world(), {model::WorldItem::Kind::Stream, 1});
    QVERIFY2(onDemand.why.contains(QStringLiteral("double the highest write rate")), qPrintable(onDemand.why));
    QVERIFY2(onDemand.why.contains(QStringLiteral("single partition key")), qPrintable(onDemand.why));
  }

  void theViewCarriesStatusAndMode() {
    model::KinesisView view;
    view.build(at92s().world());
    QVERIFY(view.streams[0].updating && !view.streams[0].onDemand);
    QCOMPARE(view.streams[0].updatingUntil, 95 * engine::kSecond);
    QVERIFY(view.streams[1].updating && view.streams[1].onDemand);
  }

  void lessonSubjectsReadTheStream() {
    QVERIFY(holds("stream fixed updating == true"));
    QVERIFY(holds("stream fixed updating_ms == 3000"));
    QVERIFY(holds("stream fixed refusals == 1"));
    QVERIFY(holds("stream fixed on_demand == false"));
    QVERIFY(holds("stream elastic on_demand == true"));
    QVERIFY(holds("stream elastic scale_ups == 1"));
    QVERIFY(holds("stream elastic closed_shards == 4"));
    QVERIFY(holds("stream fixed throttled_writes > 1000"));
    QVERIFY(holds("stream elastic throttled_writes == 0"));
  }

  void runJsonListsTheStreams() {
    const QJsonArray streams = model::reportToJson(engine::makeReport(at92s().world()))[QStringLiteral("streams")].toArray();
    QCOMPARE(streams.size(), 2);
    const QJsonObject fixed = streams[0].toObject(), elastic = streams[1].toObject();
    QCOMPARE(fixed[QStringLiteral("name")].toString(), QStringLiteral("fixed"));
    QCOMPARE(fixed[QStringLiteral("capacity_mode")].toString(), QStringLiteral("provisioned"));
    QCOMPARE(fixed[QStringLiteral("status")].toString(), QStringLiteral("UPDATING"));
    QCOMPARE(fixed[QStringLiteral("open_shards")].toInt(), 4);
    QCOMPARE(fixed[QStringLiteral("closed_shards")].toInt(), 0);
    QCOMPARE(elastic[QStringLiteral("capacity_mode")].toString(), QStringLiteral("on_demand"));
    QCOMPARE(elastic[QStringLiteral("open_shards")].toInt(), 8);
    QCOMPARE(elastic[QStringLiteral("closed_shards")].toInt(), 4);
  }
};

QTEST_GUILESS_MAIN(TstStreamCapacityView)
#include "tst_stream_capacity_view.moc"
