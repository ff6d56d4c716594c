// The metrics dock: plots fill as the run goes, clicking one seeks, and exports write valid
// PNG, PDF and CSV files.
#include "model/simulation_controller.h"
#include "ui/main_window.h"
#include "ui/metrics_panel.h"

#include <QDockWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

using namespace streamscope;

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
};

QTEST_MAIN(TstMetricsPanel)
#include "tst_metrics_panel.moc"
