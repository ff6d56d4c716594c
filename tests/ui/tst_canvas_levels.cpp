// The canvas's levels of detail: a 100-broker, 3,000-partition cluster (B1) and a 1,000-shard
// stream (N2) at 1600x900 are drawn as tiles, pixels and key-space spans at fit-to-window and
// open into strips and lanes (only those on screen) when zoomed in; at every level no label
// overlaps another or lies on the pixels, and a click names a broker, a replica or a shard.
// Every small world (the example scenarios) keeps its strips.
#include "canvas_checks.h"
#include "engine/sim/bench_workloads.h"
#include "model/json/scenario_loader.h"
#include "model/simulation_controller.h"
#include "model/view/cluster_load.h"

#include <QDir>
#include <QtTest>

#include <cmath>
#include <set>

using namespace streamscope;
using Kind = model::WorldItem::Kind;

namespace {

/// B1's cluster with broker 7 powered off at 0.5 s: by 11 s the controller has fenced it, so
/// partitions it led have new leaders and are under-replicated.
engine::Scenario bigCluster() {
  engine::Scenario s = engine::benchWorkload("B1", 1000000);
  s.producers.front().rate = 10000;
  s.faults = {engine::Fault{500 * engine::kMillisecond, engine::PowerLoss{7}}};
  return s;
}

/// N2's stream: 1,000 shards written at 90% of their limit, read by 50 workers.
engine::Scenario bigStream() { return engine::benchWorkload("N2", 100000000); }

QPalette darkPalette() {
  QPalette dark;
  dark.setColor(QPalette::Base, QColor(20, 22, 26));
  dark.setColor(QPalette::Text, QColor(235, 235, 235));
  return dark;
}

} // namespace

class TstCanvasLevels : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() {
    m_cluster.load(bigCluster());
    m_cluster.runTo(11 * engine::kSecond);
    m_stream.load(bigStream());
    m_stream.runTo(1500 * engine::kMillisecond);
  }

  void levelsFollowTheZoom_data() {
    QTest::addColumn<bool>("kafka");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<int>("detail");
    QTest::addRow("B1 at 1x") << true << 1.0 << static_cast<int>(ui::Detail::Summary);
    QTest::addRow("B1 at 2x") << true << 2.0 << static_cast<int>(ui::Detail::Replicas);
    QTest::addRow("B1 at 8x") << true << 8.0 << static_cast<int>(ui::Detail::Strips);
    QTest::addRow("N2 at 1x") << false << 1.0 << static_cast<int>(ui::Detail::Summary);
    QTest::addRow("N2 at 8x") << false << 8.0 << static_cast<int>(ui::Detail::Strips);
  }

  /// At each level, in both palettes and while presenting: the level the zoom gives, no label
  /// over another or over the pixels, and only what is on screen laid out in detail.
  void levelsFollowTheZoom() {
    QFETCH(bool, kafka);
    QFETCH(double, zoom);
    QFETCH(int, detail);
    const model::SimulationController &c = kafka ? m_cluster : m_stream;
    const QRectF scene(0, 0, 1600 * zoom, 900 * zoom);
    const QRectF screen(scene.center() - QPointF(800, 450), QSizeF(1600, 900));
    const QFont font;
    for (const ui::CanvasTheme &theme : {ui::CanvasTheme::from(QPalette(), font, false), ui::CanvasTheme::from(darkPalette(), font, false),
                                         ui::CanvasTheme::from(QPalette(), font, true, QSizeF(1600, 900))}) {
      const auto g = ui::CanvasGeometry::build(c.view(), scene, theme, nullptr, nullptr, nullptr, &screen);
      QCOMPARE(static_cast<int>(kafka ? g.kafkaDetail : g.kinesisDetail), detail);
      QVERIFY(g.labels.size() > 10);
      const QStringList overlaps = test::labelOverlaps(g) + test::overviewOverlaps(g);
      QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.join(QStringLiteral("; "))));
      auto crowded = g; // the check must see a label on the pixels
      if (!crowded.matrices.empty() || !crowded.keySpaces.empty()) {
        crowded.labels.push_back(crowded.labels.back());
        crowded.labels.back().rect = crowded.matrices.empty() ? crowded.keySpaces.front().bands.front() : crowded.matrices.front().rect;
        QVERIFY(!test::overviewOverlaps(crowded).isEmpty());
      }
      if (static_cast<ui::Detail>(detail) == ui::Detail::Strips) { // only the visible part in detail
        const std::size_t all = kafka ? c.view().kafka().partitions.size() * 3 : c.view().kinesis().shards.size();
        const std::size_t laidOut = kafka ? g.strips.size() : g.lanes.size();
        QVERIFY(laidOut > 0);
        QVERIFY2(laidOut * 4 < all, qPrintable(QStringLiteral("%1 of %2 laid out").arg(laidOut).arg(all)));
      }
    }
  }

  void summaryShowsLoadTroubleAndTheController() {
    const QRectF scene(0, 0, 1600, 900);
    const ui::CanvasTheme theme = ui::CanvasTheme::from(QPalette(), QFont(), false);
    const auto g = ui::CanvasGeometry::build(m_cluster.view(), scene, theme);
    QCOMPARE(static_cast<int>(g.tiles.size()), 100);
    QCOMPARE(static_cast<int>(g.matrices.size()), 1); // one topic: a pixel per partition
    QCOMPARE(static_cast<int>(g.matrices.front().partitions.size()), 3000);
    // Broker 7 lost power: the partitions it led have no leader or a new one, and brokers
    // leading partitions it followed for are under-replicated.
    const auto loads = model::brokerLoads(m_cluster.view());
    int badges = 0;
    for (const ui::BrokerTile &tile : g.tiles)
      badges += (!tile.offlineBadge.isEmpty() || !tile.underReplicatedBadge.isEmpty()) ? 1 : 0;
    QVERIFY(badges > 10);
    QVERIFY(std::any_of(g.tiles.begin(), g.tiles.end(), [](const ui::BrokerTile &t) { return t.heat == 1.0; }));
    QCOMPARE(loads[7].leaders, 0);
    // A broker's bytes in over the last second, from its meter of what producers appended,
    // against the records made in that second found in the leader logs (at a steady rate the
    // two windows hold the same bytes, a produce request's trip apart).
    std::int64_t found = 0, counted = 0;
    for (const model::BrokerLoad &load : loads)
      found += load.bytesIn;
    const model::WorldView &view = m_cluster.view();
    const auto &ledger = view.source().kafka.records;
    for (const model::PartitionView &p : view.kafka().partitions)
      if (p.leader >= 0)
        for (const model::LogEntry e : p.logOf(p.leader).entries())
          counted += ledger[e.record].createdAt > view.now() - model::kSecond ? e.bytes : 0;
    QVERIFY(counted > 0);
    QVERIFY2(std::abs(found - counted) <= counted / 20, qPrintable(QStringLiteral("%1 bytes found, %2 counted").arg(found).arg(counted)));
    // The legend says what the colours mean, and the strips' entries are gone.
    const auto has = [&](ui::LegendSwatch::Kind kind) {
      return std::any_of(g.swatches.begin(), g.swatches.end(), [kind](const ui::LegendSwatch &s) { return s.kind == kind; });
    };
    QVERIFY(has(ui::LegendSwatch::BrokerHeat) && has(ui::LegendSwatch::PartitionLag) && has(ui::LegendSwatch::UnderReplicated) &&
            has(ui::LegendSwatch::Flow));
    QVERIFY(!has(ui::LegendSwatch::OnDisk));
    // Messages travel as flow lines between tiles, not as thousands of dots.
    const auto flights = ui::collectFlights(m_cluster.view(), g);
    QVERIFY(!flights.empty());
    QVERIFY(std::all_of(flights.begin(), flights.end(), [&](const ui::Flight &f) { return ui::aggregated(f, g); }));
    const auto lines = ui::flowLines(flights, g);
    // One line per pair of ends, carrying every record of the flights between them.
    std::set<std::pair<std::pair<qreal, qreal>, std::pair<qreal, qreal>>> pairs;
    double records = 0;
    for (const ui::Flight &f : flights) {
      pairs.insert({{std::round(f.from.x()), std::round(f.from.y())}, {std::round(f.to.x()), std::round(f.to.y())}});
      records += std::max(1, f.records);
    }
    double carried = 0;
    for (const ui::FlowLine &line : lines)
      carried += line.weight;
    QCOMPARE(lines.size(), pairs.size());
    QCOMPARE(carried, records);
  }

  void clicksOnTheFarLevelsNameWhatIsThere() {
    const ui::CanvasTheme theme = ui::CanvasTheme::from(QPalette(), QFont(), false);
    const auto summary = ui::CanvasGeometry::build(m_cluster.view(), QRectF(0, 0, 1600, 900), theme);
    const ui::BrokerTile &tile = summary.tiles[42];
    QCOMPARE(summary.hit(tile.rect.center()), (model::WorldItem{Kind::Broker, tile.broker}));
    const ui::PixelMatrix &topic = summary.matrices.front();
    const model::WorldItem pixel = summary.hit(topic.cellRect(1234).center());
    QCOMPARE(pixel.kind, Kind::Replica);
    QCOMPARE(pixel.a, topic.partitions[1234]);
    QVERIFY(m_cluster.view().kafka().partitions[static_cast<std::size_t>(pixel.a)].replicaOn(pixel.b));
    QCOMPARE(summary.rectOf(pixel), topic.cellRect(1234)); // the selection rings that pixel

    const auto replicas = ui::CanvasGeometry::build(m_cluster.view(), QRectF(0, 0, 3200, 1800), theme);
    const ui::PixelMatrix &hosted = replicas.matrices.front();
    const model::WorldItem replica = replicas.hit(hosted.cellRect(5).center());
    QCOMPARE(replica, (model::WorldItem{Kind::Replica, hosted.partitions[5], hosted.broker}));

    const auto keys = ui::CanvasGeometry::build(m_stream.view(), QRectF(0, 0, 1600, 900), theme);
    QCOMPARE(static_cast<int>(keys.keySpaces.size()), 1);
    const auto &spans = keys.keySpaces.front().spans;
    QVERIFY(spans.size() >= 1000);
    const model::WorldItem shard = keys.hit(spans[500].rect.center());
    QCOMPARE(shard, (model::WorldItem{Kind::Shard, spans[500].slot}));
    QCOMPARE(keys.rectOf(shard), keys.keySpaces.front().spanOf(shard.a)->rect);
    // Every shard is written to: nearly every span carries load.
    QVERIFY(std::count_if(spans.begin(), spans.end(), [](const ui::KeySpaceGeometry::Span &s) { return s.load > 0; }) > 900);
  }

  /// Every example scenario is a small world: its strips and lanes as always, at the sizes
  /// the app and the lessons use (the 10,000-partition failover worlds and the scale lesson's
  /// 3,000 partitions and 500 shards excepted: big on purpose).
  void smallWorldsKeepTheirStrips() {
    const QDir dir(QStringLiteral(SCENARIO_DIR));
    int checked = 0;
    for (const QString &file : dir.entryList({QStringLiteral("*.json")})) {
      if (file.contains(QStringLiteral("10000")) || file == QLatin1String("lesson-scale.json"))
        continue;
      const model::ScenarioLoadResult loaded = model::loadScenarioFile(dir.filePath(file));
      QVERIFY2(loaded.scenario, qPrintable(loaded.error));
      model::SimulationController c;
      c.load(*loaded.scenario);
      c.runTo(engine::kSecond);
      for (const QSizeF size : {QSizeF(1600, 900), QSizeF(1000, 640)})
        for (const bool presenting : {false, true}) {
          const ui::CanvasTheme theme = ui::CanvasTheme::from(QPalette(), QFont(), presenting, size);
          const auto g = ui::CanvasGeometry::build(c.view(), QRectF(QPointF(), size), theme);
          QVERIFY2(g.kafkaDetail == ui::Detail::Strips && g.kinesisDetail == ui::Detail::Strips, qPrintable(file));
          QVERIFY(g.tiles.empty() && g.matrices.empty() && g.keySpaces.empty());
        }
      ++checked;
    }
    QVERIFY(checked > 30);
  }

private:
  model::SimulationController m_cluster, m_stream;
};

QTEST_MAIN(TstCanvasLevels)
#include "tst_canvas_levels.moc"
