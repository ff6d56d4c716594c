// Canvas frame benchmark: a 9-broker, 64-partition cluster on a slow network, so that about
// 10,000 records are in flight at once; one frame (the world's view, layout, flights, paint) into a 1600x900
// offscreen image. Run: ctest --test-dir build -C Benchmark -L benchmark --verbose
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
    QVERIFY(records >= 10000);
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
  model::SimulationController m_controller;
  ui::CanvasTheme m_theme;
};

QTEST_MAIN(BenchCanvas)
#include "bench_canvas.moc"
