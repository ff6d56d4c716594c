// Kafka transactions on the canvas: commit and abort markers, aborted records and the last
// stable offset are painted in their own colours and shapes in both palettes; the leader's
// caption gives the LSO next to the HW; a crashed transactional producer is drawn down and
// its restart shows the new instance; groups say their isolation.level; and while presenting,
// with the new captions and legend entries, every label stays whole and apart.
#include "canvas_checks.h"
#include "canvas_menu.h"
#include "model/simulation_controller.h"
#include "projector_screen.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/main_window.h"

#include <QtTest>

using namespace streamscope;
using Kind = model::WorldItem::Kind;
using model::TxnMark;

namespace {

struct Window {
  model::SimulationController controller;
  ui::MainWindow window{controller};
  Window(const QString &scenario, engine::SimTime at, QSize size = QSize(1500, 900)) {
    window.setInteractive(false);
    if (!window.openScenario(QStringLiteral(SCENARIO_DIR "/") + scenario))
      qFatal("cannot open %s", qPrintable(scenario));
    window.show();
    window.setWindowState(Qt::WindowNoState);
    window.setGeometry(QRect(QPoint(0, 0), size));
    controller.runTo(at);
    QCoreApplication::processEvents();
    window.canvas()->refresh();
  }
  ui::StreamCanvas &canvas() { return *window.canvas(); }
  const ui::CanvasGeometry &geometry() { return canvas().geometry(); }
  bool hasLabel(const QString &text) {
    for (const ui::CanvasLabel &l : geometry().labels)
      if (l.text == text)
        return true;
    return false;
  }
  bool hasLabelStarting(const QString &text) {
    for (const ui::CanvasLabel &l : geometry().labels)
      if (l.text.startsWith(text))
        return true;
    return false;
  }
};

/// Pixels of `image` inside `rect` within a small distance of `colour`.
int pixelsOf(const QImage &image, const QRectF &rect, const QColor &colour) {
  int n = 0;
  const QRect r = rect.toAlignedRect().intersected(image.rect());
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x) {
      const QColor c(image.pixel(x, y));
      n += std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) + std::abs(c.blue() - colour.blue()) <= 24 ? 1 : 0;
    }
  return n;
}

/// The first cell drawn with `mark` (its rectangle), or an empty one.
QRectF cellWith(const model::WorldView &view, const ui::CanvasGeometry &g, TxnMark mark) {
  const model::KafkaView &k = view.kafka();
  for (const ui::StripGeometry &s : g.strips) {
    if (s.cellWidth <= 0)
      continue;
    const model::ReplicaLog &log = k.partitions[static_cast<std::size_t>(s.partition)].logOf(s.broker);
    for (std::size_t i = log.lowerBound(s.first); i < log.entries().size() && log.entries()[i].offset < s.end; ++i)
      if (k.txnMarkOf(log.entries()[i]) == mark)
        return QRectF(s.xOf(log.entries()[i].offset), s.cells.top(), s.cellWidth, s.cells.height());
  }
  return {};
}

QPalette darkPalette() {
  QPalette dark;
  dark.setColor(QPalette::Base, QColor(20, 22, 26));
  dark.setColor(QPalette::Window, QColor(30, 32, 36));
  dark.setColor(QPalette::Text, QColor(235, 235, 235));
  dark.setColor(QPalette::WindowText, QColor(235, 235, 235));
  return dark;
}

const QStringList kTxnLegend = {QStringLiteral("last stable offset (LSO)"), QStringLiteral("in an open transaction"), QStringLiteral("commit marker"),
                                QStringLiteral("abort marker"), QStringLiteral("aborted (skipped by read_committed)")};

} // namespace

class TstTransactionsCanvas : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void markersAbortedRecordsAndTheLsoArePaintedInBothPalettes_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
  }

  void markersAbortedRecordsAndTheLsoArePaintedInBothPalettes() {
    QFETCH(bool, dark);
    Window w(QStringLiteral("transactions.json"), 2 * engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    w.canvas().setPalette(dark ? darkPalette() : QPalette(QColor(240, 240, 240)));
    const ui::CanvasTheme theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), false);
    QCOMPARE(theme.dark, dark);
    // Each kind of cell is checked at the first moment it is on screen.
    bool commitSeen = false, abortSeen = false, abortedSeen = false, plainSeen = false;
    for (engine::SimTime at = 2 * engine::kSecond; at <= 15 * engine::kSecond && !(commitSeen && abortSeen && abortedSeen && plainSeen);
         at += 250 * engine::kMillisecond) {
      w.controller.runTo(at);
      w.canvas().refresh();
      const QImage image = w.canvas().grab().toImage();
      const ui::CanvasGeometry &g = w.geometry();
      const model::WorldView &view = w.controller.view();
      if (const QRectF commit = cellWith(view, g, TxnMark::CommitMarker); !commit.isEmpty() && !commitSeen) {
        commitSeen = true;
        QVERIFY2(pixelsOf(image, commit, theme.commitMarker) > commit.width() * commit.height() * 0.3, "a commit marker is filled in its colour");
      }
      if (const QRectF abort = cellWith(view, g, TxnMark::AbortMarker); !abort.isEmpty() && !abortSeen) {
        abortSeen = true;
        QVERIFY2(pixelsOf(image, abort, theme.abortMarker) > 0, "an abort marker is outlined in its colour");
        QVERIFY2(pixelsOf(image, abort, theme.abortMarker) < abort.width() * abort.height() * 0.6, "an abort marker is hollow");
      }
      if (const QRectF aborted = cellWith(view, g, TxnMark::Aborted); !aborted.isEmpty() && !abortedSeen) {
        abortedSeen = true;
        QVERIFY2(pixelsOf(image, aborted, theme.pending) > aborted.width() * aborted.height() * 0.2, "an aborted record is greyed out");
        QVERIFY2(pixelsOf(image, aborted, theme.abortMarker) > 0, "an aborted record is struck through");
      }
      if (const QRectF plain = cellWith(view, g, TxnMark::Committed); !plain.isEmpty() && !plainSeen) {
        plainSeen = true;
        QCOMPARE(pixelsOf(image, plain, theme.commitMarker), 0);
        QCOMPARE(pixelsOf(image, plain, theme.pending), 0);
      }
      // The LSO's bracket on every leader strip of a partition transactions wrote to.
      int brackets = 0;
      for (const ui::StripGeometry &strip : g.strips) {
        const model::PartitionView &part = view.kafka().partitions[static_cast<std::size_t>(strip.partition)];
        if (part.leader == strip.broker && part.transactional)
          brackets += pixelsOf(image, strip.rect.adjusted(0, -4, 0, 4), theme.lastStable) > 0 ? 1 : 0;
      }
      QCOMPARE(brackets, 3);
      QVERIFY2(test::labelOverlaps(g).isEmpty(), qPrintable(test::labelOverlaps(g).join(QStringLiteral("; "))));
    }
    QVERIFY(commitSeen && abortSeen && abortedSeen && plainSeen);
  }

  void captionsTitlesAndLegendSayWhatTransactionsDo() {
    Window w(QStringLiteral("transactions.json"), 2250 * engine::kMillisecond, QSize(1900, 1000));
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const model::KafkaView &k = w.controller.view().kafka();
    bool lsoBelowHw = false;
    for (const model::PartitionView &p : k.partitions) {
      if (!p.transactional)
        continue;
      const QLocale locale;
      const QString lso = QStringLiteral("LSO %1").arg(locale.toString(static_cast<qlonglong>(p.lastStable)));
      bool captioned = false;
      for (const ui::CanvasLabel &l : w.geometry().labels)
        captioned = captioned || (l.owner == model::WorldItem{Kind::Replica, p.id, p.leader} && l.text.contains(lso));
      QVERIFY2(captioned, p.name.c_str());
      lsoBelowHw = lsoBelowHw || p.lastStable < p.highWatermark;
    }
    QVERIFY(lsoBelowHw);
    // Spelled out, or by initials in a narrow column.
    QVERIFY(w.hasLabel(QStringLiteral("committed-reader · read_committed")) || w.hasLabel(QStringLiteral("committed-reader · RC")));
    QVERIFY(w.hasLabel(QStringLiteral("uncommitted-reader · read_uncommitted")) || w.hasLabel(QStringLiteral("uncommitted-reader · RU")));
    QVERIFY(w.hasLabelStarting(QStringLiteral("txn open")) || w.hasLabelStarting(QStringLiteral("committing")) ||
            w.hasLabelStarting(QStringLiteral("aborting")));
    for (const QString &entry : kTxnLegend)
      QVERIFY2(w.hasLabel(entry), qPrintable(entry));
    // The internal topic is out of the heading and its strips are named as the coordinator's log.
    QVERIFY(w.hasLabelStarting(QStringLiteral("txn log 0")));
    for (const ui::CanvasLabel &l : w.geometry().labels)
      QVERIFY2(!(l.title && l.text.contains(QStringLiteral("__transaction_state"))), qPrintable(l.text));

    // A crashed producer is drawn as a process that is down; its restart as a new instance.
    w.controller.runTo(6 * engine::kSecond);
    w.canvas().refresh();
    QVERIFY(w.hasLabelStarting(QStringLiteral("CRASHED")));
    const ui::CanvasTheme theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), false);
    const QRectF box = test::shapeRect(w.geometry(), {Kind::KafkaProducer, 0});
    QVERIFY(pixelsOf(w.canvas().grab().toImage(), box, theme.failure) > 20);
    w.controller.runTo(8500 * engine::kMillisecond);
    w.canvas().refresh();
    QVERIFY(w.hasLabel(QStringLiteral("payments-app · instance 1")) || w.hasLabel(QStringLiteral("payments-app #1")));
    QVERIFY(!w.hasLabelStarting(QStringLiteral("CRASHED")));
  }

  void aClusterWithoutTransactionsKeepsItsLegend() {
    Window w(QStringLiteral("calm-cluster.json"), 3 * engine::kSecond);
    for (const QString &entry : kTxnLegend)
      QVERIFY2(!w.hasLabel(entry), qPrintable(entry));
    for (const ui::CanvasLabel &l : w.geometry().labels)
      QVERIFY2(!l.text.contains(QStringLiteral("LSO")), qPrintable(l.text));
  }

  void presentingKeepsEveryLabelWholeAndApart_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("atMs");
    QTest::addColumn<QSize>("size");
    for (const auto &[s, at] : {std::pair{"transactions.json", 2250},
                                {"transactions.json", 6000},
                                {"transactions.json", 9500},
                                {"pipeline-crash.json", 7000},
                                {"pipeline-crash.json", 12000}})
      for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)})
        QTest::addRow("%s at %d ms, %dx%d", s, at, size.width(), size.height()) << QString::fromLatin1(s) << at << size;
  }

  void presentingKeepsEveryLabelWholeAndApart() {
    QFETCH(QString, scenario);
    QFETCH(int, atMs);
    QFETCH(QSize, size);
    Window w(scenario, atMs * engine::kMillisecond, size);
    w.window.setPresenting(true);
    w.window.setWindowState(Qt::WindowNoState);
    w.window.setGeometry(QRect(QPoint(0, 0), size));
    QCoreApplication::processEvents();
    w.canvas().refresh();
    QVERIFY(w.window.isPresenting());
    const ui::CanvasGeometry &g = w.geometry();
    const QStringList overlaps = test::labelOverlaps(g);
    QVERIFY2(overlaps.isEmpty(), qPrintable(overlaps.join(QStringLiteral("; "))));
    QStringList cut; // in the Kafka pane (a Kinesis stall's caption may be cut)
    for (const ui::CanvasLabel &l : g.labels)
      if (g.kafkaPane.contains(l.rect) && (l.elided || l.text.endsWith(QChar(0x2026))))
        cut << l.text;
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("; "))));
    for (const QString &entry : kTxnLegend)
      QVERIFY2(w.hasLabel(entry), qPrintable(entry));
  }
};

PROJECTOR_TEST_MAIN(TstTransactionsCanvas, 1920, 1080)
#include "tst_transactions_canvas.moc"
