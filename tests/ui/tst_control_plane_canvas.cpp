// The Kafka control plane on the canvas: KRaft draws every controller with its Raft role and
// the metadata log with each broker's applied offset; ZooKeeper mode draws the one broker
// acting as controller and no log; a click on a controller names it; nothing overlaps.
#include "canvas_checks.h"
#include "model/simulation_controller.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/main_window.h"

#include <QtTest>

using namespace streamscope;
using Kind = model::WorldItem::Kind;

namespace {

struct Window {
  model::SimulationController controller;
  ui::MainWindow window{controller};
  explicit Window(const QString &scenario, engine::SimTime at) {
    window.setInteractive(false);
    window.resize(1500, 900);
    if (!window.openScenario(QStringLiteral(SCENARIO_DIR "/") + scenario))
      qFatal("cannot open %s", qPrintable(scenario));
    window.show();
    controller.runTo(at);
  }
  ui::CanvasGeometry geometry(QSizeF size = {1600, 900}) {
    const ui::CanvasTheme theme = ui::CanvasTheme::from(window.canvas()->palette(), window.canvas()->font(), false);
    return ui::CanvasGeometry::build(controller.view(), QRectF(QPointF(), size), theme);
  }
};

std::vector<ui::CanvasShape> controllerShapes(const ui::CanvasGeometry &g) {
  std::vector<ui::CanvasShape> found;
  for (const ui::CanvasShape &s : g.shapes)
    if (s.item.kind == Kind::Controller)
      found.push_back(s);
  return found;
}

QStringList labelTexts(const ui::CanvasGeometry &g) {
  QStringList texts;
  for (const ui::CanvasLabel &l : g.labels)
    texts << l.text;
  return texts;
}

} // namespace

class TstControlPlaneCanvas : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void kraftDrawsTheQuorumAndTheMetadataLog() {
    Window w(QStringLiteral("controller-quorum.json"), 4 * engine::kSecond);
    QVERIFY(w.controller.applyUserAction(engine::Fault{w.controller.view().now(), engine::PowerLoss{0}}) == std::nullopt);
    w.controller.runTo(20 * engine::kSecond);
    const model::KafkaView &k = w.controller.view().kafka();
    QCOMPARE(static_cast<int>(k.controllers.size()), 3);
    for (const QSizeF size : {QSizeF(1600, 900), QSizeF(1000, 640)}) {
      const ui::CanvasGeometry g = w.geometry(size);
      const auto shapes = controllerShapes(g);
      QCOMPARE(static_cast<int>(shapes.size()), 3);
      QVERIFY(g.metadataStrip.has_value());
      // Exactly one controller is marked active, and the picture says which.
      const QStringList texts = labelTexts(g);
      QCOMPARE(texts.filter(QStringLiteral("★ · active")).size(), 1);
      // The broker failure went through the log: its end is past the bootstrap snapshot, and
      // the running brokers' applied offsets are labelled under it.
      QVERIFY(k.metadataCommitted > k.metadataBase);
      QVERIFY2(texts.filter(QRegularExpression(QStringLiteral("^(b\\d+ ?)+$"))).size() >= 1, qPrintable(texts.join(QStringLiteral("; "))));
      const QStringList overlaps = test::labelOverlaps(g);
      QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.join(QStringLiteral("; "))));
      // A click on a controller box picks that controller (the inspector explains it).
      for (const ui::CanvasShape &s : shapes) {
        const model::WorldItem hit = g.hit(s.rect.center());
        QCOMPARE(hit.kind, Kind::Controller);
        QCOMPARE(hit.a, s.item.a);
      }
      // Dedicated controllers are nodes of their own: control messages have somewhere to fly.
      for (const model::ControllerView &c : k.controllers)
        QVERIFY(g.kafkaAnchors.count(c.node) == 1);
    }
  }

  void anOfflineControllerIsDrawnAsOffline() {
    Window w(QStringLiteral("controller-quorum.json"), 2 * engine::kSecond);
    const int active = [&] {
      for (const model::ControllerView &c : w.controller.view().kafka().controllers)
        if (c.role == model::ControllerView::Role::Leader)
          return c.id;
      return -1;
    }();
    QVERIFY(active >= 0);
    const auto refused = w.controller.applyUserAction(engine::Fault{w.controller.view().now(), engine::CrashBroker{-1, active}});
    QVERIFY2(!refused, qPrintable(refused.value_or(QString())));
    w.controller.runTo(6 * engine::kSecond);
    const QStringList texts = labelTexts(w.geometry());
    QVERIFY2(texts.filter(QStringLiteral("OFFLINE")).size() == 1, qPrintable(texts.join(QStringLiteral("; "))));
    QCOMPARE(texts.filter(QStringLiteral("★ · active")).size(), 1); // the other two elected a new leader
  }

  void theRecordsComeFirstWhenRoomIsShort() {
    // Ten strips per broker at 1600x900: the band would cost the strips their numbers, so it
    // waits until the learner zooms in.
    Window w(QStringLiteral("failover-kraft-10.json"), 2 * engine::kSecond);
    QVERIFY(controllerShapes(w.geometry()).empty());
    const ui::CanvasGeometry zoomed = w.geometry(QSizeF(1600, 900) * 2);
    QCOMPARE(static_cast<int>(controllerShapes(zoomed).size()), 3);
    QVERIFY(zoomed.metadataStrip.has_value());
  }

  void zookeeperModeDrawsOneControllerAndNoLog() {
    Window w(QStringLiteral("failover-zookeeper-10.json"), 2 * engine::kSecond);
    const ui::CanvasGeometry g = w.geometry(QSizeF(1600, 900) * 2); // ten strips per broker: room only when zoomed in
    QCOMPARE(static_cast<int>(controllerShapes(g).size()), 1);
    QVERIFY(!g.metadataStrip.has_value());
    QVERIFY(labelTexts(g).filter(QStringLiteral("ZooKeeper")).size() >= 1);
    QVERIFY(test::labelOverlaps(g).isEmpty());
  }
};

QTEST_MAIN(TstControlPlaneCanvas)
#include "tst_control_plane_canvas.moc"
