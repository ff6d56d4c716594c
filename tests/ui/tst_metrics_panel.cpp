// The metrics dock: plots fill as the run goes, clicking one seeks, exports write valid PNG,
// PDF and CSV files, every line can be seen and told apart, the wheel scrolls the stack and
// the cursors stand at one x.
#include "model/simulation_controller.h"
#include "ui/main_window.h"
#include "ui/metrics_panel.h"

#include <QDockWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace streamscope;

namespace {

/// A main window showing the side-by-side scenario run to 12 s, its metrics dock open.
struct ShownMetrics {
  model::SimulationController controller;
  ui::MainWindow window{controller};
  ShownMetrics() {
    window.setInteractive(false);
    window.resize(1400, 900);
    if (!window.openScenario(QStringLiteral(SCENARIO_DIR "/side-by-side.json")))
      qFatal("side-by-side.json did not open");
    window.show();
    window.metricsDock()->show();
    controller.runTo(12 * engine::kSecond);
    window.metrics()->refresh();
    window.metrics()->plot()->replot();
  }
  QCustomPlot *plot() { return window.metrics()->plot(); }
};

/// Columns of `area` in `image` with at least one pixel within a small distance of `colour`.
int columnsShowing(const QImage &image, const QRect &area, const QColor &colour) {
  int count = 0;
  for (int x = area.left(); x <= area.right(); ++x)
    for (int y = area.top(); y <= area.bottom(); ++y) {
      const QColor c = image.pixelColor(x, y);
      if (std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) + std::abs(c.blue() - colour.blue()) < 40) {
        ++count;
        break;
      }
    }
  return count;
}

} // namespace

class TstMetricsPanel : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // keep the user's settings and library out of it

  void plotsFollowSeekAndExport() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.resize(1400, 900);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/side-by-side.json")));
    window.show();
    window.metricsDock()->show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.runTo(12 * engine::kSecond);
    ui::MetricsPanel *panel = window.metrics();
    QCustomPlot *plot = panel->plot();
    QVERIFY(plot->graphCount() >= 10);
    // Kafka and Kinesis throughput share one plot, told apart by colour and legend.
    QCPGraph *kafka = nullptr, *kinesis = nullptr;
    for (int i = 0; i < plot->graphCount(); ++i) {
      if (plot->graph(i)->name() == QLatin1String("Kafka") && plot->graph(i)->valueAxis() == plot->graph(0)->valueAxis())
        kafka = plot->graph(i);
      if (plot->graph(i)->name() == QLatin1String("Kinesis") && plot->graph(i)->valueAxis() == plot->graph(0)->valueAxis())
        kinesis = plot->graph(i);
    }
    QVERIFY(kafka && kinesis);
    QVERIFY(kafka->pen().color() != kinesis->pen().color());
    QCOMPARE(kafka->data()->size(), 49); // samples every 250 ms up to 12 s

    // Clicking at x = 5 s seeks there.
    QCPAxis *x = plot->graph(0)->keyAxis();
    const int px = static_cast<int>(x->coordToPixel(5.0));
    const int py = static_cast<int>(plot->graph(0)->valueAxis()->axisRect()->center().y());
    QTest::mouseClick(plot, Qt::LeftButton, {}, QPoint(px, py));
    QVERIFY(std::abs(engine::toMs(controller.world().now) - 5000) < 100);

    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("plots.png")), pdf = dir.filePath(QStringLiteral("plots.pdf")),
                  csv = dir.filePath(QStringLiteral("plots.csv"));
    QVERIFY(panel->exportPng(png));
    QVERIFY(!QImage(png).isNull());
    QVERIFY(panel->exportPdf(pdf));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.read(5) == "%PDF-");
    QVERIFY(panel->exportCsv(csv));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QByteArray header = csvFile.readLine();
    QVERIFY(header.startsWith("time_s,kafka.produce.records_per_s,"));
    QVERIFY(header.contains("kinesis.latency.p99_ms"));
  }

  void bothSystemsLinesShowWhereTheyCoincide() {
    ShownMetrics shown;
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    QCustomPlot *plot = shown.plot();
    QCPGraph *kafka = nullptr, *kinesis = nullptr;
    for (int i = 0; i < plot->graphCount(); ++i) {
      kafka = plot->graph(i)->name() == QLatin1String("Kafka") && !kafka ? plot->graph(i) : kafka;
      kinesis = plot->graph(i)->name() == QLatin1String("Kinesis") && !kinesis ? plot->graph(i) : kinesis;
    }
    QVERIFY(kafka && kinesis && kafka->valueAxis() == kinesis->valueAxis());
    // Both systems carry the same produce rate here, so the lines lie on top of each other.
    const QImage image = plot->toPixmap(plot->width(), plot->height(), 1.0).toImage();
    const QRect area = kafka->valueAxis()->axisRect()->rect();
    if (qEnvironmentVariableIsSet("METRICS_PNG"))
      image.copy(area.left(), area.top(), 300, area.height()).scaled(900, area.height() * 3).save(qEnvironmentVariable("METRICS_PNG"));
    // Each line shows along most of the plot's width.
    const int kafkaColumns = columnsShowing(image, area, kafka->pen().color());
    const int kinesisColumns = columnsShowing(image, area, kinesis->pen().color());
    QVERIFY2(kafkaColumns > area.width() * 3 / 4 && kinesisColumns > area.width() * 3 / 4,
             qPrintable(QStringLiteral("of %1 columns, Kafka shows in %2, Kinesis in %3").arg(area.width()).arg(kafkaColumns).arg(kinesisColumns)));
  }

  void eachLineOfAPlotHasItsOwnHue() {
    ShownMetrics shown;
    QCustomPlot *plot = shown.plot();
    std::map<QCPAxisRect *, std::vector<QCPGraph *>> byPlot;
    for (int i = 0; i < plot->graphCount(); ++i)
      byPlot[plot->graph(i)->valueAxis()->axisRect()].push_back(plot->graph(i));
    int compared = 0;
    for (const auto &[rect, graphs] : byPlot)
      for (std::size_t a = 0; a < graphs.size(); ++a)
        for (std::size_t b = a + 1; b < graphs.size(); ++b) {
          // One thing measured two ways (p50 and p99, dirty and flushed) shares a hue and differs in dashes.
          if (graphs[a]->pen().style() != graphs[b]->pen().style())
            continue;
          const int hueA = graphs[a]->pen().color().hslHue(), hueB = graphs[b]->pen().color().hslHue();
          const int apart = std::min(std::abs(hueA - hueB), 360 - std::abs(hueA - hueB));
          const bool greyInvolved = graphs[a]->pen().color().hslSaturation() < 30 || graphs[b]->pen().color().hslSaturation() < 30;
          QVERIFY2(apart >= 15 || greyInvolved,
                   qPrintable(graphs[a]->name() + QLatin1String(" and ") + graphs[b]->name() + QLatin1String(" look alike")));
          ++compared;
        }
    QVERIFY(compared >= 6); // the storage plot alone has three brokers
  }

  void wheelScrollsTheStack() {
    ShownMetrics shown;
    shown.window.metricsDock()->setFloating(true);
    shown.window.metricsDock()->resize(600, 300);
    QVERIFY(QTest::qWaitForWindowExposed(shown.window.metricsDock()));
    auto *scroll = shown.window.metrics()->findChild<QScrollArea *>();
    QVERIFY(scroll && scroll->verticalScrollBar()->maximum() > 0);
    QCOMPARE(scroll->verticalScrollBar()->value(), 0);
    QCustomPlot *plot = shown.plot();
    const QPoint at(plot->width() / 2, 100);
    QWheelEvent wheel(at, plot->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(plot, &wheel);
    QVERIFY(scroll->verticalScrollBar()->value() > 0);
  }

  void cursorsStandAtOneX() {
    ShownMetrics shown;
    shown.controller.seek(7 * engine::kSecond); // a moment inside the plotted range
    shown.window.metrics()->refresh();
    QCustomPlot *plot = shown.plot();
    plot->replot();
    std::vector<double> xs;
    for (int i = 0; i < plot->itemCount(); ++i)
      if (auto *cursor = qobject_cast<QCPItemStraightLine *>(plot->item(i)))
        xs.push_back(cursor->point1->pixelPosition().x());
    QCOMPARE(xs.size(), model::MetricsRecorder::plots().size());
    for (double x : xs)
      QVERIFY2(std::abs(x - xs.front()) < 1.0, qPrintable(QStringLiteral("cursor at %1, first at %2").arg(x).arg(xs.front())));
  }
};

QTEST_MAIN(TstMetricsPanel)
#include "tst_metrics_panel.moc"
