// The animated canvas as a user meets it: it paints, a click fills the inspector, a
// right-click injects a fault, presentation mode toggles, exports write real images, and big
// clusters and wide streams lay out without overlapping text.
#include "canvas_checks.h"
#include "canvas_menu.h"
#include "model/simulation_controller.h"
#include "ui/canvas/dot_sprites.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/inspector_panel.h"
#include "ui/main_window.h"

#include <QMenuBar>
#include <QStatusBar>
#include <QSvgGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace streamscope;
using Kind = model::WorldItem::Kind;

namespace {

/// Distinct colours in the image, sampled on a grid: a blank image has one.
int colourCount(const QImage &image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7)
      colours.insert(image.pixel(x, y));
  return static_cast<int>(colours.size());
}

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
  ui::StreamCanvas &canvas() { return *window.canvas(); }
};

} // namespace

class TstCanvas : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // keep the user's settings and library out of it

  void paintsTheDefaultSideBySideScenario() {
    Window w(QStringLiteral("first-look.json"), 3 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const QImage image = w.canvas().grab().toImage();
    QVERIFY2(colourCount(image) > 8, "the canvas looks blank");
    const auto &g = w.canvas().geometry();
    QVERIFY(!g.kafkaPane.isEmpty());
    QVERIFY(!g.kinesisPane.isEmpty());
    QVERIFY(g.kafkaPane.bottom() <= g.kinesisPane.top());
    QCOMPARE(static_cast<int>(g.strips.size()), 9); // 3 partitions x RF 3
    QCOMPARE(static_cast<int>(g.lanes.size()), 3);
    QVERIFY(g.strips.front().cellWidth > 0);
  }

  void clickingABrokerFillsTheInspector() {
    Window w(QStringLiteral("first-look.json"), 2 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const QRectF broker = test::shapeRect(w.canvas().geometry(), {Kind::Broker, 1});
    QVERIFY(!broker.isEmpty());
    QTest::mouseClick(&w.canvas(), Qt::LeftButton, {}, (broker.topLeft() + QPointF(12, 6)).toPoint());
    QCOMPARE(w.canvas().selected(), (model::WorldItem{Kind::Broker, 1}));
    QCOMPARE(w.window.inspector()->explanation().title, QStringLiteral("Broker 1"));
    QVERIFY(w.window.inspector()->toPlainText().contains(QStringLiteral("Leads")));

    // A record cell explains itself in terms of the high watermark.
    const ui::StripGeometry &strip = w.canvas().geometry().strips.front();
    QVERIFY(strip.cellWidth > 0 && strip.end > strip.first);
    const QPointF cell(strip.xOf(strip.first) + strip.cellWidth / 2, strip.cells.center().y());
    QTest::mouseClick(&w.canvas(), Qt::LeftButton, {}, cell.toPoint());
    QCOMPARE(w.canvas().selected().kind, Kind::LogCell);
    QVERIFY(w.window.inspector()->explanation().why.contains(QStringLiteral("high watermark")) ||
            w.window.inspector()->explanation().why.contains(QStringLiteral("page cache")) ||
            w.window.inspector()->explanation().why.contains(QStringLiteral("flushed")));
  }

  void powerLossFromTheContextMenuChangesEngineAndPicture() {
    Window w(QStringLiteral("first-look.json"), 2 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const QImage before = w.canvas().grab().toImage();
    const QRectF broker = test::shapeRect(w.canvas().geometry(), {Kind::Broker, 0});
    const QPoint at = (broker.topLeft() + QPointF(12, 6)).toPoint();
    QVERIFY(test::pickFromCanvasMenu(w.canvas(), at, QStringLiteral("Power off broker 0")));
    QCOMPARE(w.controller.world().kafka.brokers[0].state, engine::kafka::BrokerState::PoweredOff);
    QCOMPARE(w.controller.userActions().size(), std::size_t{1});
    bool labelled = false;
    for (const ui::CanvasLabel &l : w.canvas().geometry().labels)
      labelled = labelled || l.text == QStringLiteral("POWER OFF");
    QVERIFY(labelled);
    QVERIFY(w.canvas().grab().toImage() != before);
  }

  void streamCapacityFromTheContextMenu() {
    Window w(QStringLiteral("kinesis-stream.json"), engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const auto stream = [&] { return w.controller.world().kinesis.streams.front().capacity; };
    const QRectF box = test::shapeRect(w.canvas().geometry(), {Kind::Stream, 0});
    QVERIFY(!box.isEmpty());
    const QPoint at = (box.topRight() + QPointF(-20, 8)).toPoint(); // the heading, right of its title
    QVERIFY(test::pickFromCanvasMenu(w.canvas(), at, QStringLiteral("Update shard count to 8 (double)")));
    QCOMPARE(stream().status, engine::kinesis::StreamStatus::Updating);
    // A second resharding while UPDATING: Kinesis refuses it, and nothing is recorded.
    QVERIFY(test::pickFromCanvasMenu(w.canvas(), at, QStringLiteral("Update shard count to 2 (half)")));
    QCOMPARE(w.controller.userActions().size(), std::size_t{1});
    QVERIFY(w.window.statusBar()->currentMessage().contains(QStringLiteral("ResourceInUseException")));
    w.controller.runTo(w.controller.world().now + 11 * engine::kSecond);
    QCOMPARE(stream().status, engine::kinesis::StreamStatus::Active);
    int open = 0;
    for (int slot : w.controller.world().kinesis.streams.front().shards)
      open += w.controller.world().kinesis.shardAt(slot).open() ? 1 : 0;
    QCOMPARE(open, 8);
    QVERIFY(test::pickFromCanvasMenu(w.canvas(), at, QStringLiteral("Switch to on-demand capacity")));
    QCOMPARE(stream().status, engine::kinesis::StreamStatus::Updating); // the switch, too, takes reshard_ms
    w.controller.runTo(w.controller.world().now + 11 * engine::kSecond);
    QCOMPARE(stream().mode, engine::CapacityMode::OnDemand);
  }

  void refusedFaultsAreReportedAndNotRecorded() {
    Window w(QStringLiteral("first-look.json"), engine::kSecond);
    const engine::Fault merge{0, engine::MergeShards{"orders", 0, 2}}; // not adjacent: Kinesis refuses
    w.window.applyFault(merge);
    QVERIFY(w.controller.userActions().empty());
    QVERIFY(w.window.statusBar()->currentMessage().contains(QStringLiteral("Refused")));
  }

  void presentationModeToggles() {
    Window w(QStringLiteral("first-look.json"), engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTest::keyClick(&w.window, Qt::Key_F5);
    QVERIFY(w.window.isPresenting());
    QVERIFY(w.canvas().presenting());
    QVERIFY(!w.window.menuBar()->isVisible());
    const double presentingFont = w.canvas().geometry().labels.empty() ? 0 : 1;
    QVERIFY(presentingFont > 0);
    const auto before = w.controller.world().now;
    QTest::keyClick(&w.window, Qt::Key_Right); // keyboard stepping works without menus
    QVERIFY(w.controller.world().now >= before);
    QVERIFY(w.controller.world().events.count() > 0);
    QTest::keyClick(&w.window, Qt::Key_Escape);
    QVERIFY(!w.window.isPresenting());
    QVERIFY(w.window.menuBar()->isVisible());
  }

  void annotationsDrawOverThePicture() {
    Window w(QStringLiteral("first-look.json"), engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QTest::keyClick(&w.window, Qt::Key_A);
    QVERIFY(w.canvas().annotating());
    const QImage before = w.canvas().grab().toImage();
    QTest::mousePress(&w.canvas(), Qt::LeftButton, {}, QPoint(300, 300));
    for (int x = 300; x < 600; x += 20) {
      QMouseEvent move(QEvent::MouseMove, QPointF(x, 300 + x / 10), w.canvas().mapToGlobal(QPointF(x, 300)), Qt::NoButton, Qt::LeftButton,
                       Qt::NoModifier);
      QApplication::sendEvent(&w.canvas(), &move);
    }
    QTest::mouseRelease(&w.canvas(), Qt::LeftButton, {}, QPoint(600, 360));
    QCOMPARE(w.canvas().annotationCount(), std::size_t{1});
    QVERIFY(w.canvas().grab().toImage() != before);
    QCOMPARE(w.canvas().selected(), model::WorldItem{}); // drawing does not select
    QTest::keyClick(&w.window, Qt::Key_C);
    QCOMPARE(w.canvas().annotationCount(), std::size_t{0});
  }

  void followsADarkPalette() {
    Window w(QStringLiteral("side-by-side.json"), engine::kSecond);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(20, 22, 26));
    dark.setColor(QPalette::Window, QColor(30, 32, 36));
    dark.setColor(QPalette::Text, QColor(235, 235, 235));
    dark.setColor(QPalette::WindowText, QColor(235, 235, 235));
    w.canvas().setPalette(dark);
    const ui::CanvasTheme theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), false);
    QVERIFY(theme.dark);
    QVERIFY(theme.text.lightness() > 200);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("dark.png"));
    QVERIFY(w.canvas().exportPng(png, QSize(800, 500)));
    const QImage image(png);
    QVERIFY(QColor(image.pixel(2, 2)).lightness() < 60); // the background follows the palette
    const ui::CanvasTheme light = ui::CanvasTheme::from(QPalette(QColor(240, 240, 240)), w.canvas().font(), false);
    QVERIFY(!light.dark);
  }

  void marksSecondCopiesAndReorderedRecordsInBothPalettes() {
    // At 3.15 s the resends after the responses lost at 2 s are stored: plain-0 holds one
    // record twice, and the Kinesis shard a second copy behind newer records.
    Window w(QStringLiteral("duplicates-from-lost-responses.json"), 3150 * engine::kMillisecond);
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(20, 22, 26));
    dark.setColor(QPalette::Window, QColor(30, 32, 36));
    dark.setColor(QPalette::Text, QColor(235, 235, 235));
    dark.setColor(QPalette::WindowText, QColor(235, 235, 235));
    for (const QPalette &palette : {w.canvas().palette(), dark}) {
      w.canvas().setPalette(palette);
      const ui::CanvasTheme theme = ui::CanvasTheme::from(palette, w.canvas().font(), false);
      QTemporaryDir dir;
      const QString png = dir.filePath(QStringLiteral("copies.png"));
      QVERIFY(w.canvas().exportPng(png, QSize(1400, 800)));
      const QImage image(png);
      int duplicate = 0, reordered = 0;
      for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
          const QRgb c = image.pixel(x, y);
          duplicate += c == theme.duplicate.rgb() ? 1 : 0;
          reordered += c == theme.reordered.rgb() ? 1 : 0;
        }
      QVERIFY2(duplicate > 50, qPrintable(QStringLiteral("dark %1: %2 duplicate pixels").arg(theme.dark).arg(duplicate)));
      QVERIFY2(reordered > 10, qPrintable(QStringLiteral("dark %1: %2 reordered pixels").arg(theme.dark).arg(reordered)));
    }
    // Before any resend nothing is marked.
    Window calm(QStringLiteral("duplicates-from-lost-responses.json"), 1900 * engine::kMillisecond);
    const ui::CanvasTheme theme = ui::CanvasTheme::from(calm.canvas().palette(), calm.canvas().font(), false);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("calm.png"));
    QVERIFY(calm.canvas().exportPng(png, QSize(1400, 800)));
    const QImage image(png);
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x)
        QVERIFY(image.pixel(x, y) != theme.duplicate.rgb() && image.pixel(x, y) != theme.reordered.rgb());
  }

  void showsConsumerProtocolReconciliation() {
    // At 26 s member 3 of "incremental" waits for partition 5, which member 2 has just released.
    Window w(QStringLiteral("lesson-group-protocols.json"), 26 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const auto &g = w.canvas().geometry();
    QVERIFY2(test::labelOverlaps(g).isEmpty(), qPrintable(test::labelOverlaps(g).join(QLatin1Char('\n'))));
    int reading = 0, pending = 0;
    for (const ui::PartitionChip &chip : g.chips) {
      reading += chip.kind == ui::PartitionChip::Reading ? 1 : 0;
      pending += chip.kind == ui::PartitionChip::Pending ? 1 : 0;
    }
    QCOMPARE(reading, 5); // the classic groups draw no chips
    QCOMPARE(pending, 1);
    const auto legend =
        std::count_if(g.swatches.begin(), g.swatches.end(), [](const ui::LegendSwatch &s) { return s.kind == ui::LegendSwatch::ChipPending; });
    QCOMPARE(legend, 1L);
    const QImage image = w.canvas().grab().toImage();
    const QRectF chip = g.chips.front().rect;
    QVERIFY(test::darkestIn(image, chip) < 200); // its number is drawn on it
  }

  void marksEligibleLeaderReplicasInBothPalettes() {
    // At 29 s the ISR of payments-0 is empty and broker 2 is its only eligible leader replica.
    Window w(QStringLiteral("last-replica-standing.json"), 29 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const auto &g = w.canvas().geometry();
    bool captioned = false;
    for (const ui::CanvasLabel &l : g.labels)
      captioned = captioned || (l.owner == model::WorldItem{Kind::Replica, 0, 2} && l.text.contains(QStringLiteral("ELR")));
    QVERIFY2(captioned, "the ELR replica says so in its caption");
    QVERIFY2(test::labelOverlaps(g).isEmpty(), qPrintable(test::labelOverlaps(g).join(QStringLiteral("; "))));
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(20, 22, 26));
    dark.setColor(QPalette::Window, QColor(30, 32, 36));
    dark.setColor(QPalette::Text, QColor(235, 235, 235));
    dark.setColor(QPalette::WindowText, QColor(235, 235, 235));
    for (const QPalette &palette : {QPalette(QColor(240, 240, 240)), dark}) {
      w.canvas().setPalette(palette);
      const ui::CanvasTheme theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), false);
      const QImage image = w.canvas().grab().toImage(); // a new palette rebuilt the geometry: read it again
      // The magenta outline runs along the ELR strip's cells, and nowhere on the other strips.
      const auto outlined = [&](const ui::StripGeometry &strip) {
        int hits = 0;
        const QRect r = strip.cells.toAlignedRect().adjusted(-5, -5, 5, 5).intersected(image.rect());
        for (int y = r.top(); y <= r.bottom(); ++y)
          for (int x = r.left(); x <= r.right(); ++x)
            hits += image.pixelColor(x, y) == theme.eligibleLeader ? 1 : 0;
        return hits;
      };
      for (const ui::StripGeometry &strip : w.canvas().geometry().strips) {
        if (strip.broker == 2)
          QVERIFY2(outlined(strip) > 20, theme.dark ? "dark palette" : "light palette");
        else
          QCOMPARE(outlined(strip), 0);
      }
      QVERIFY(std::any_of(w.canvas().geometry().swatches.begin(), w.canvas().geometry().swatches.end(),
                          [](const ui::LegendSwatch &s) { return s.kind == ui::LegendSwatch::EligibleLeader; }));
    }
  }

  void exportsWriteRealImages() {
    Window w(QStringLiteral("side-by-side.json"), 2 * engine::kSecond);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("view.png"));
    QVERIFY(w.canvas().exportPng(png, QSize(900, 600)));
    QImage image(png);
    QCOMPARE(image.size() / image.devicePixelRatio(), QSize(900, 600));
    QVERIFY(colourCount(image) > 8);
    const QString svg = dir.filePath(QStringLiteral("view.svg"));
    QVERIFY(w.canvas().exportSvg(svg, QSize(900, 600)));
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("<svg"));
    QVERIFY(text.contains("broker 0"));
  }

  void messageDotsLookTheSameFromTheCacheAndAsVectors() {
    const QColor colour(120, 70, 210);
    for (const qreal dpr : {1.0, 2.0}) {
      QImage image(QSize(60, 30) * dpr, QImage::Format_ARGB32_Premultiplied);
      image.setDevicePixelRatio(dpr);
      image.fill(Qt::white);
      QPainter p(&image);
      p.setRenderHint(QPainter::Antialiasing);
      ui::paintDot(p, QPointF(15.3, 15), 6, colour); // filled
      ui::paintDot(p, QPointF(45.3, 15), 6, colour, 1.8); // ring
      p.end();
      const auto at = [&](double x, double y) { return image.pixelColor(QPoint(qRound(x * dpr), qRound(y * dpr))); };
      QCOMPARE(at(15, 15), colour); // the middle of a dot is its colour
      QCOMPARE(at(15, 24), QColor(Qt::white)); // outside its radius, nothing
      QCOMPARE(at(45, 15), QColor(Qt::white)); // a ring is hollow
      const QColor ring = at(45, 9); // and drawn on its radius (antialiased)
      QVERIFY2(std::abs(ring.red() - colour.red()) + std::abs(ring.green() - colour.green()) < 40, qPrintable(ring.name()));
    }
    QBuffer svg;
    svg.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&svg);
    QPainter p(&generator);
    ui::paintDot(p, QPointF(10, 10), 6, colour);
    p.end();
    QVERIFY2(!svg.data().contains("<image"), "an SVG export should hold vector dots, not pictures");
    QVERIFY(svg.data().contains("<path") || svg.data().contains("<ellipse") || svg.data().contains("<circle"));
  }

  void clientRowsStayDistinctWhenNarrow() {
    Window w(QStringLiteral("side-by-side.json"), 3 * engine::kSecond);
    const ui::CanvasTheme theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), false);
    for (const QSizeF size : {QSizeF(1600, 900), QSizeF(1000, 640)}) {
      const auto g = ui::CanvasGeometry::build(w.controller.view(), QRectF(QPointF(), size), theme);
      QStringList members;
      for (const ui::CanvasLabel &l : g.labels)
        if (l.text.startsWith(QStringLiteral("member ")))
          members << l.text;
      QVERIFY2(members.size() >= 2, qPrintable(members.join(QStringLiteral("; "))));
      QCOMPARE(QSet<QString>(members.begin(), members.end()).size(), members.size());
      // The partition count is readable: whole, or in its compact form, never cut.
      for (const QString &m : members)
        QVERIFY2(!m.endsWith(QStringLiteral("…")) &&
                     QRegularExpression(QStringLiteral("^member \\d+ · (\\d+ partitions?|\\d+p|dead|left)$")).match(m).hasMatch(),
                 qPrintable(m));
    }
  }

  void bigLayoutsHaveNoOverlappingText_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<double>("zoom");
    for (const char *s : {"big-cluster.json", "wide-stream.json", "side-by-side.json", "kinesis-throttling.json"})
      for (double zoom : {1.0, 2.5})
        QTest::addRow("%s at %gx", s, zoom) << QString::fromLatin1(s) << zoom;
  }

  void bigLayoutsHaveNoOverlappingText() {
    QFETCH(QString, scenario);
    QFETCH(double, zoom);
    Window w(scenario, 25 * engine::kSecond);
    const ui::CanvasTheme theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), false);
    for (const QSizeF size : {QSizeF(1600, 900), QSizeF(1000, 640)}) {
      const auto g = ui::CanvasGeometry::build(w.controller.view(), QRectF(QPointF(), size * zoom), theme);
      QVERIFY(g.labels.size() > 10);
      const QStringList found = test::labelOverlaps(g);
      QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral("; "))));
      auto crowded = g; // the check itself must see a label placed on top of another
      crowded.labels.push_back(crowded.labels.back());
      QVERIFY(!test::labelOverlaps(crowded).isEmpty());
    }
    // Level of detail: a 64-partition cluster at 1x shows bars, and zooming in shows cells.
    if (scenario == QLatin1String("big-cluster.json")) {
      const auto g = ui::CanvasGeometry::build(w.controller.view(), QRectF(0, 0, 1600 * zoom, 900 * zoom), theme);
      QCOMPARE(static_cast<int>(g.strips.size()), 64 * 3);
      if (zoom > 2)
        QVERIFY(g.strips.front().cellWidth > 0);
    }
  }
};

QTEST_MAIN(TstCanvas)
#include "tst_canvas.moc"
