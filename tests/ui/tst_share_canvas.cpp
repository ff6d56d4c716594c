// Share groups (KIP-932) on the canvas: the group's box and its members (diamonds, not dots),
// the record states and SPSO/SPEO brackets on the leader strips only, in both palettes and
// while presenting, the legend, and the inspector's explanation of a group and a record.
#include "canvas_checks.h"
#include "canvas_menu.h"
#include "model/simulation_controller.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/inspector_panel.h"
#include "ui/main_window.h"

#include <QtTest>

using namespace streamscope;
using Kind = model::WorldItem::Kind;

namespace {

struct Window {
  model::SimulationController controller;
  ui::MainWindow window{controller};
  explicit Window(engine::SimTime at) {
    window.setInteractive(false);
    window.resize(1500, 900);
    if (!window.openScenario(QStringLiteral(SCENARIO_DIR "/lesson-share-groups.json")))
      qFatal("cannot open the share group scenario");
    window.show();
    controller.runTo(at);
  }
  ui::StreamCanvas &canvas() { return *window.canvas(); }
};

QPalette darkPalette() {
  QPalette dark;
  dark.setColor(QPalette::Base, QColor(20, 22, 26));
  dark.setColor(QPalette::Window, QColor(30, 32, 36));
  dark.setColor(QPalette::Text, QColor(235, 235, 235));
  dark.setColor(QPalette::WindowText, QColor(235, 235, 235));
  return dark;
}

/// Pixels of exactly `colour` in `rect`, widened by `widen` pixels (the brackets reach past the cells).
int pixelsOf(const QImage &image, const QRectF &rect, const QColor &colour, int widen = 4) {
  int hits = 0;
  const QRect r = rect.toAlignedRect().adjusted(-widen, -widen, widen, widen).intersected(image.rect());
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x)
      hits += image.pixelColor(x, y) == colour ? 1 : 0;
  return hits;
}

} // namespace

class TstShareCanvas : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void drawsTheShareGroupsAndTheirMembers() {
    Window w(20 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const auto &g = w.canvas().geometry();
    QVERIFY(!test::shapeRect(g, {Kind::ShareGroup, 0}).isEmpty());
    QVERIFY(!test::shapeRect(g, {Kind::ShareGroup, 1}).isEmpty());
    for (int m = 0; m < 3; ++m)
      QVERIFY(!test::shapeRect(g, {Kind::ShareMember, 0, m}).isEmpty());
    QVERIFY2(test::labelOverlaps(g).isEmpty(), qPrintable(test::labelOverlaps(g).join(QLatin1Char('\n'))));
    bool titled = false, captioned = false;
    for (const ui::CanvasLabel &l : g.labels) {
      titled = titled || l.text.startsWith(QStringLiteral("share group workers"));
      captioned = captioned || (l.text.contains(QStringLiteral("workers SPSO")) && l.text.contains(QStringLiteral("SPEO")));
    }
    QVERIFY2(titled, "the box says it is a share group");
    QVERIFY2(captioned, "the leader strips give the SPSO and SPEO in numbers");
    for (ui::LegendSwatch::Kind kind : {ui::LegendSwatch::ShareAcquired, ui::LegendSwatch::ShareAcknowledged, ui::LegendSwatch::ShareArchived})
      QVERIFY(std::any_of(g.swatches.begin(), g.swatches.end(), [&](const ui::LegendSwatch &s) { return s.kind == kind; }));
  }

  void marksRecordStatesOnLeaderStripsInBothPalettesAndWhilePresenting() {
    Window w(20 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const auto check = [&](const char *what) {
      const ui::CanvasTheme theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), w.canvas().presenting(), w.canvas().size());
      const QImage image = w.canvas().grab().toImage();
      const model::KafkaView &k = w.controller.view().kafka();
      int leaders = 0;
      for (const ui::StripGeometry &strip : w.canvas().geometry().strips) {
        const bool leader = k.partitions[static_cast<std::size_t>(strip.partition)].leader == strip.broker;
        if (leader) {
          ++leaders;
          QVERIFY2(pixelsOf(image, strip.cells, theme.share) > 10, what); // the SPSO and SPEO brackets
        } else {
          QVERIFY2(pixelsOf(image, strip.cells.adjusted(0, 3, 0, -3), theme.share, 0) == 0, what); // followers carry no share state
        }
      }
      QCOMPARE(leaders, 2);
      // The member rows carry the share colour (diamonds), the consumer column's box too.
      QVERIFY2(pixelsOf(image, test::shapeRect(w.canvas().geometry(), {Kind::ShareMember, 0, 1}), theme.share) > 5, what);
    };
    check("light palette");
    w.canvas().setPalette(darkPalette());
    check("dark palette");
    QTest::keyClick(&w.window, Qt::Key_F5);
    QVERIFY(w.window.isPresenting());
    check("presenting");
    QVERIFY2(test::labelOverlaps(w.canvas().geometry()).isEmpty(), qPrintable(test::labelOverlaps(w.canvas().geometry()).join(QLatin1Char('\n'))));
    QTest::keyClick(&w.window, Qt::Key_Escape);
  }

  void theInspectorExplainsStatesLocksAndDeliveries() {
    Window w(20 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const QRectF box = test::shapeRect(w.canvas().geometry(), {Kind::ShareGroup, 0});
    QTest::mouseClick(&w.canvas(), Qt::LeftButton, {}, (box.topLeft() + QPointF(20, 6)).toPoint());
    QCOMPARE(w.canvas().selected(), (model::WorldItem{Kind::ShareGroup, 0}));
    const model::Explanation e = w.window.inspector()->explanation();
    QCOMPARE(e.title, QStringLiteral("Share group workers"));
    for (const char *word : {"ACQUIRED", "AVAILABLE", "ACKNOWLEDGED", "ARCHIVED", "lock", "delivery", "SPSO"})
      QVERIFY2(e.why.contains(QLatin1String(word)), word);
    // A record in flight names its state, its delivery count and, when acquired, its lock.
    const engine::kafka::ShareGroup &sg = w.controller.world().kafka.shareGroups[0];
    const int p = w.controller.world().kafka.partitionId(sg.topic, 0);
    const int leader = w.controller.world().kafka.partitions[static_cast<std::size_t>(p)].leader;
    const model::Explanation cell = model::explainItem(w.controller.view(), {Kind::LogCell, p, leader, sg.parts[0].spso - 1});
    bool finished = false;
    for (const auto &[name, value] : cell.facts)
      finished = finished || (name == QStringLiteral("Share group workers") && value.contains(QStringLiteral("below the SPSO")));
    QVERIFY(finished);
    const QRectF member = test::shapeRect(w.canvas().geometry(), {Kind::ShareMember, 0, 2});
    QTest::mouseClick(&w.canvas(), Qt::LeftButton, {}, member.center().toPoint());
    QCOMPARE(w.canvas().selected(), (model::WorldItem{Kind::ShareMember, 0, 2}));
    QVERIFY(w.window.inspector()->toPlainText().contains(QStringLiteral("Rejects / releases")));
  }
};

QTEST_MAIN(TstShareCanvas)
#include "tst_share_canvas.moc"
