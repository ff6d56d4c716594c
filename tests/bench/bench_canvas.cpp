// Canvas frame benchmark: a 9-broker, 64-partition cluster on a slow network, so that about
// 10,000 records are in flight at once; one frame (the world's view, layout, flights, paint) into a 1600x900
// offscreen image. Then the big worlds at each level of detail: B1 (100 brokers, 3,000
// partitions) and N2 (1,000 shards), the frame at fit-to-window and zoomed in, where only the
// visible part of the scene is laid out and painted.
// Run: ctest --test-dir build -C Benchmark -L benchmark --verbose
#include "engine/sim/bench_workloads.h"
#include "model/simulation_controller.h"
#include "ui/canvas/canvas_painter.h"

#include <QImage>
#include <QtTest>

using namespace streamscope;

class BenchCanvas : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() {
    engine::Scenario s;
    s.name = "canvas load";
    s.seed = 1;
    s.duration = 60 * engine::kSecond;
    engine::KafkaConfig k;
    k.brokers = 9;
    k.latencyMin = 250 * engine::kMillisecond; // a slow network keeps many records on the wire
    k.latencyMax = 350 * engine::kMillisecond;
    engine::TopicConfig t;
    t.name = "events";
    t.partitions = 64;
    t.replicationFactor = 3;
    t.minInsyncReplicas = 2;
    k.topics.push_back(t);
    s.kafka = k;
    engine::ProducerConfig p;
    p.name = "ingest";
    p.topic = "events";
    p.rate = 12000;
    p.keyCount = 5000;
    p.requestTimeout = 10 * engine::kSecond;
    s.producers.push_back(p);
    engine::ConsumerGroupConfig g;
    g.group = "analytics";
    g.topic = "events";
    g.members = 8;
    g.autoOffsetReset = engine::OffsetReset::Earliest;
    s.consumers.push_back(g);
    m_controller.load(s);
    m_controller.runTo(10 * engine::kSecond);
    m_theme = ui::CanvasTheme::from(QPalette(), QFont(), false);
    const auto g0 = ui::CanvasGeometry::build(m_controller.view(), QRectF(0, 0, 1600, 900), m_theme);
    int records = 0;
    const auto flights = ui::collectFlights(m_controller.view(), g0);
    for (const auto &f : flights)
      records += f.records;
    qInfo("%d messages in flight carrying %d records", static_cast<int>(flights.size()), records);
    // A loaded frame: thousands of records on the wire (consumers fetch per broker, so they
    // travel in about a hundred messages).
    QVERIFY(records >= 4000);
  }

  void frame() {
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    ui::RecentChanges recent;
    recent.update(m_controller.view());
    model::WorldView view;
    QBENCHMARK {
      view.rebuild(m_controller.world()); // once per frame, as the controller does
      const auto g = ui::CanvasGeometry::build(view, QRectF(0, 0, 1600, 900), m_theme, &recent);
      const auto flights = ui::collectFlights(view, g);
      QPainter painter(&image);
      ui::paintCanvas(painter, ui::CanvasFrame{view, g, m_theme, flights, recent, {}, {}, {}, {}});
    }
  }

  /// B1 (100 brokers, 3,000 partitions, RF 3, with broker 7 down) or N2 (1,000 shards at 90%
  /// of their write limit), a few seconds in; one frame at `zoom`, the screen at the scene's middle.
  void bigWorld_data() {
    QTest::addColumn<QString>("world");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<int>("detail");
    QTest::newRow("B1 summary 1x") << QStringLiteral("B1") << 1.0 << static_cast<int>(ui::Detail::Summary);
    QTest::newRow("B1 replicas 2x") << QStringLiteral("B1") << 2.0 << static_cast<int>(ui::Detail::Replicas);
    QTest::newRow("B1 strips 8x") << QStringLiteral("B1") << 8.0 << static_cast<int>(ui::Detail::Strips);
    QTest::newRow("N2 key space 1x") << QStringLiteral("N2") << 1.0 << static_cast<int>(ui::Detail::Summary);
    QTest::newRow("N2 lanes 8x") << QStringLiteral("N2") << 8.0 << static_cast<int>(ui::Detail::Strips);
  }

  void bigWorld() {
    QFETCH(QString, world);
    QFETCH(double, zoom);
    QFETCH(int, detail);
    model::SimulationController &c = world == QLatin1String("B1") ? bigCluster() : bigStream();
    const QRectF scene(0, 0, 1600 * zoom, 900 * zoom);
    const QRectF visible(scene.center() - QPointF(800, 450), QSizeF(1600, 900));
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    ui::RecentChanges recent;
    recent.update(c.view());
    model::WorldView view;
    const auto g0 = ui::CanvasGeometry::build(c.view(), scene, m_theme, &recent, nullptr, nullptr, &visible);
    QCOMPARE(static_cast<int>(world == QLatin1String("B1") ? g0.kafkaDetail : g0.kinesisDetail), detail);
    qInfo("%d strips, %d lanes, %d tiles, %d matrices, %d key spaces, %d labels, %d messages in flight", static_cast<int>(g0.strips.size()),
          static_cast<int>(g0.lanes.size()), static_cast<int>(g0.tiles.size()), static_cast<int>(g0.matrices.size()),
          static_cast<int>(g0.keySpaces.size()), static_cast<int>(g0.labels.size()), static_cast<int>(c.view().flights().size()));
    view.rebuild(c.world());
    // The canvas's part of a frame: layout, flights and paint (the view is rebuilt once per
    // frame for every reader of the world; bigWorldView measures that).
    QBENCHMARK {
      const auto g = ui::CanvasGeometry::build(view, scene, m_theme, &recent, nullptr, nullptr, &visible);
      const auto flights = ui::collectFlights(view, g);
      QPainter painter(&image);
      painter.translate(-visible.topLeft());
      ui::paintCanvas(painter, ui::CanvasFrame{view, g, m_theme, flights, recent, {}, {}, {}, {}});
    }
  }

  void bigWorldLayout_data() { bigWorld_data(); }

  /// The layout alone (the geometry: tiles, pixels, strips on screen, labels).
  void bigWorldLayout() {
    QFETCH(QString, world);
    QFETCH(double, zoom);
    model::SimulationController &c = world == QLatin1String("B1") ? bigCluster() : bigStream();
    const QRectF scene(0, 0, 1600 * zoom, 900 * zoom);
    const QRectF visible(scene.center() - QPointF(800, 450), QSizeF(1600, 900));
    ui::RecentChanges recent;
    recent.update(c.view());
    QBENCHMARK { ui::CanvasGeometry::build(c.view(), scene, m_theme, &recent, nullptr, nullptr, &visible); }
  }

  void bigWorldView_data() {
    QTest::addColumn<QString>("world");
    QTest::newRow("B1") << QStringLiteral("B1");
    QTest::newRow("N2") << QStringLiteral("N2");
  }

  /// The rest of a big world's frame: rebuilding the world's view (the waiting clients among it).
  void bigWorldView() {
    QFETCH(QString, world);
    model::SimulationController &c = world == QLatin1String("B1") ? bigCluster() : bigStream();
    model::WorldView view;
    QBENCHMARK { view.rebuild(c.world()); }
  }

  void viewOnly() {
    model::WorldView view;
    QBENCHMARK { view.rebuild(m_controller.world()); }
  }

  void layoutOnly() {
    QBENCHMARK { ui::CanvasGeometry::build(m_controller.view(), QRectF(0, 0, 1600, 900), m_theme); }
  }

  void flightsOnly() {
    const auto g = ui::CanvasGeometry::build(m_controller.view(), QRectF(0, 0, 1600, 900), m_theme);
    QBENCHMARK { ui::collectFlights(m_controller.view(), g); }
  }

  void paintOnly() {
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    ui::RecentChanges recent;
    const auto g = ui::CanvasGeometry::build(m_controller.view(), QRectF(0, 0, 1600, 900), m_theme);
    const auto flights = ui::collectFlights(m_controller.view(), g);
    QBENCHMARK {
      QPainter painter(&image);
      ui::paintCanvas(painter, ui::CanvasFrame{m_controller.view(), g, m_theme, flights, recent, {}, {}, {}, {}});
    }
  }

private:
  model::SimulationController &bigCluster() {
    if (!m_bigCluster.hasSimulation()) {
      engine::Scenario s = engine::benchWorkload("B1", 100000000);
      s.producers.front().rate = 30000;
      s.faults = {engine::Fault{2 * engine::kSecond, engine::PowerLoss{7}}};
      m_bigCluster.load(s);
      m_bigCluster.runTo(4 * engine::kSecond);
    }
    return m_bigCluster;
  }
  model::SimulationController &bigStream() {
    if (!m_bigStream.hasSimulation()) {
      m_bigStream.load(engine::benchWorkload("N2", 100000000));
      m_bigStream.runTo(2 * engine::kSecond);
    }
    return m_bigStream;
  }

  model::SimulationController m_controller;
  model::SimulationController m_bigCluster, m_bigStream;
  ui::CanvasTheme m_theme;
};

QTEST_MAIN(BenchCanvas)
#include "bench_canvas.moc"
