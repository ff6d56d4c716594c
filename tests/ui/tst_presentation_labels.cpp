// Presentation mode at the sizes of real projectors, for Kafka, Kinesis and both side by side:
// the canvas keeps the numbers a lecturer points at (a large clock and speed, the produced,
// acknowledged and lost counters, though the status bar and toolbar are hidden), the whole
// legend, and every label whole and apart from the others; the timeline's times stay readable.
#include "canvas_checks.h"
#include "engine/sim/report.h"
#include "model/settings/run_counters.h"
#include "model/simulation_controller.h"
#include "projector_screen.h"
#include "ui/main_window.h"
#include "ui/speed_control.h"
#include "ui/timeline_bar.h"

#include <QLocale>
#include <QStatusBar>
#include <QtTest>

using namespace streamscope;

namespace {

/// The window presenting `scenario` at `at`, the screen being `size`.
struct Presenting {
  model::SimulationController controller;
  ui::MainWindow window{controller};
  Presenting(const QString &scenario, engine::SimTime at, QSize size) {
    window.setInteractive(false);
    if (!window.openScenario(QStringLiteral(SCENARIO_DIR "/") + scenario))
      qFatal("cannot open %s", qPrintable(scenario));
    window.show();
    controller.runTo(at);
    window.setPresenting(true);
    // A projector's screen: full screen on the test's 1920x1080 screen is undone for smaller ones.
    window.setWindowState(Qt::WindowNoState);
    window.setGeometry(QRect(QPoint(0, 0), size));
    QCoreApplication::processEvents();
    window.canvas()->refresh();
  }
  const ui::CanvasGeometry &geometry() const { return window.canvas()->geometry(); }
  bool hasLabel(const QString &text) const {
    for (const ui::CanvasLabel &l : geometry().labels)
      if (l.text == text)
        return true;
    return false;
  }
};

QStringList legendTexts(bool kafka, bool kinesis) {
  QStringList texts;
  if (kafka)
    texts << QStringLiteral("flushed to disk") << QStringLiteral("page cache only") << QStringLiteral("above high watermark (not readable)")
          << QStringLiteral("high watermark") << QStringLiteral("committed offset");
  if (kinesis)
    texts << QStringLiteral("copy in an availability zone") << QStringLiteral("not yet acknowledged") << QStringLiteral("throttled (dashed: reads)");
  return texts << QStringLiteral("message in flight");
}

} // namespace

class TstPresentationLabels : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void everyNumberAndLabelIsWholeAndApart_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QSize>("size");
    for (const char *s : {"calm-cluster.json", "kinesis-stream.json", "side-by-side.json"})
      for (const QSize size : {QSize(1280, 720), QSize(1600, 1000), QSize(1920, 1080)})
        QTest::addRow("%s at %dx%d", s, size.width(), size.height()) << QString::fromLatin1(s) << size;
  }

  void everyNumberAndLabelIsWholeAndApart() {
    QFETCH(QString, scenario);
    QFETCH(QSize, size);
    Presenting p(scenario, 6 * engine::kSecond, size);
    QVERIFY(p.window.isPresenting());
    QVERIFY(!p.window.statusBar()->isVisible()); // hence the numbers on the canvas
    QVERIFY2(p.window.canvas()->width() >= size.width() - 2, qPrintable(QString::number(p.window.canvas()->width())));
    QVERIFY(p.window.canvas()->height() >= size.height() * 0.8);
    const ui::CanvasGeometry &g = p.geometry();

    const QStringList overlaps = test::labelOverlaps(g);
    QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.join(QStringLiteral("; "))));
    const QStringList cut = test::elidedLabels(g);
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("; "))));

    // The engine's numbers, as the status bar would say them.
    const engine::World &world = p.controller.world();
    const QLocale locale;
    const auto n = [&](std::int64_t v) { return locale.toString(static_cast<qlonglong>(v)); };
    const model::RunCounters counters = model::runCounters(p.controller);
    QVERIFY(counters.produced > 0);
    const QString clock = QStringLiteral("t = %1 s of %2 s")
                              .arg(engine::toMs(world.now) / 1000, 0, 'f', 3)
                              .arg(engine::toMs(world.scenario.duration) / 1000, 0, 'f', 0);
    for (const QString &text : {clock, QStringLiteral("speed ") + ui::speedText(p.controller.speed()),
                                QStringLiteral("produced ") + n(world.kafka.counters.produced + world.kinesis.counters.produced),
                                QStringLiteral("acknowledged ") + n(world.kafka.counters.acknowledged + world.kinesis.counters.acknowledged),
                                QStringLiteral("acknowledged but lost ") + n(engine::makeReport(world).acknowledgedLost)})
      QVERIFY2(p.hasLabel(text), qPrintable(text));
    // The clock and the speed are large: larger than any label of the picture itself.
    double clockHeight = 0, tallestElse = 0;
    for (const ui::CanvasLabel &l : g.labels) {
      double &h = l.text == clock || l.text.startsWith(QStringLiteral("speed ")) ? clockHeight : tallestElse;
      h = std::max(h, l.rect.height());
    }
    QVERIFY2(clockHeight > tallestElse && clockHeight >= 24, qPrintable(QStringLiteral("%1 / %2").arg(clockHeight).arg(tallestElse)));

    // Every replica strip keeps its HW and LEO in numbers (from 1600x1000 when Kinesis shares
    // the height; below, only highlighted strips are sure to keep theirs).
    const bool roomForCaptions = g.kinesisPane.isEmpty() || size.height() >= 1000;
    for (const ui::StripGeometry &strip : roomForCaptions ? g.strips : std::vector<ui::StripGeometry>{}) {
      bool captioned = false;
      for (const ui::CanvasLabel &l : g.labels)
        captioned = captioned ||
            (l.owner == model::WorldItem{model::WorldItem::Kind::Replica, strip.partition, strip.broker} && l.text.contains(QStringLiteral("LEO ")));
      QVERIFY2(captioned, qPrintable(QStringLiteral("partition %1 on broker %2 has no caption").arg(strip.partition).arg(strip.broker)));
    }

    // The whole legend, each entry with its swatch.
    const QStringList legend = legendTexts(!g.kafkaPane.isEmpty(), !g.kinesisPane.isEmpty());
    QCOMPARE(static_cast<int>(g.swatches.size()), legend.size());
    for (const QString &entry : legend)
      QVERIFY2(p.hasLabel(entry), qPrintable(entry));

    // The timeline's times are read from the back of the room.
    const ui::TimelineBar &timeline = *p.window.timeline();
    QVERIFY(timeline.presenting());
    QVERIFY2(QFontInfo(timeline.tickFont()).pixelSize() >= 14, qPrintable(QString::number(QFontInfo(timeline.tickFont()).pixelSize())));
    QVERIFY(timeline.height() >= QFontMetrics(timeline.tickFont()).height() + 20);
    QVERIFY(!timeline.ticks().isEmpty());
  }

  void theNumbersFollowTheRunAndTheSpeed() {
    Presenting p(QStringLiteral("side-by-side.json"), 2 * engine::kSecond, QSize(1280, 720));
    const auto label = [&](const QString &prefix) {
      for (const ui::CanvasLabel &l : p.geometry().labels)
        if (l.text.startsWith(prefix))
          return l.text;
      return QString();
    };
    const QString before = label(QStringLiteral("produced "));
    QVERIFY(!before.isEmpty());
    p.controller.runTo(4 * engine::kSecond);
    QVERIFY(label(QStringLiteral("produced ")) != before);
    QCOMPARE(label(QStringLiteral("t = ")),
             QStringLiteral("t = 4.000 s of %1 s").arg(engine::toMs(p.controller.world().scenario.duration) / 1000, 0, 'f', 0));
    p.controller.setSpeed(8);
    p.window.canvas()->repaint(); // a speed change while paused shows at once
    QCOMPARE(label(QStringLiteral("speed ")), QStringLiteral("speed 8.0×"));
    // Leaving presentation mode hands the numbers back to the status bar and the timeline shrinks back.
    p.window.setPresenting(false);
    QVERIFY(label(QStringLiteral("produced ")).isEmpty());
    QVERIFY(QFontInfo(p.window.timeline()->tickFont()).pixelSize() < 14);
  }
};

PROJECTOR_TEST_MAIN(TstPresentationLabels, 1920, 1080)
#include "tst_presentation_labels.moc"
