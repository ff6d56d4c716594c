#include "live_kafka_window.h"

#include "live_cluster_view.h"
#include "live_window_layout.h"
#include "model/live/kafka/live_kafka_json.h"
#include "model/live/kafka/mirror.h"
#include "model/live/kafka/mirror_comparison.h"
#include "probe_dialog.h"

#include <QDialog>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace streamscope::ui {

LiveKafkaWindow::LiveKafkaWindow(const live::KafkaConnection &c, int mockBrokers, QWidget *parent)
    : QMainWindow(parent), m_session(new live::LiveKafkaSession(c, mockBrokers, this)), m_view(new LiveClusterView(this)),
      m_inspector(new QTextBrowser(this)), m_plot(new QCustomPlot(this)), m_status(new QLabel(this)), m_progress(new QProgressBar(this)) {
  setAttribute(Qt::WA_DeleteOnClose);
  setWindowTitle(m_session->isMock() ? tr("Live: librdkafka mock cluster") : tr("Live: %1").arg(c.bootstrap));
  layOutLiveWindow(*this, m_view, m_inspector, m_plot, m_status, m_progress);
  m_inspector->setHtml(explainLivePartition({}, -1));
  m_plot->yAxis->setLabel(tr("records/s · lag"));
  m_plot->setToolTip(tr("Throughput: growth of the sum of high watermarks per second. Lag: high watermark minus committed offset, per group."));

  QToolBar *tools = addToolBar(tr("Live"));
  QAction *probe = tools->addAction(tr("Run &Probe…"), this, &LiveKafkaWindow::runProbe);
  probe->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
  probe->setToolTip(tr("Produce numbered records, read them back, and count what the cluster lost (Ctrl+P)"));
  QAction *mirrorAction = tools->addAction(tr("&Mirror into Simulator"), this, &LiveKafkaWindow::mirror);
  mirrorAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  mirrorAction->setToolTip(tr("Write a scenario of this cluster and the probe's workload, and open it in the simulator (Ctrl+M)"));
  if (m_session->isMock())
    buildMockMenu();

  connect(m_session, &live::LiveKafkaSession::refreshed, this, &LiveKafkaWindow::refresh);
  connect(m_session, &live::LiveKafkaSession::failed, this,
          [this](const QString &why) { m_status->setText(tr("Cannot read the cluster: %1").arg(why)); });
  connect(m_view, &LiveClusterView::partitionSelected, this, [this](int i) { m_inspector->setHtml(explainLivePartition(m_session->latest(), i)); });
  connect(m_session, &live::LiveKafkaSession::probeProgress, this, [this](qint64 sent, qint64 acked, int records) {
    m_progress->setVisible(true);
    m_progress->setRange(0, records);
    m_progress->setValue(static_cast<int>(sent));
    m_progress->setFormat(tr("probe: %1 sent, %2 acknowledged").arg(sent).arg(acked));
  });
  connect(m_session, &live::LiveKafkaSession::probeFinished, this, [this](const live::ProbeReport &r) {
    m_progress->setVisible(false);
    m_lastReport = r;
    m_probeSummary = live::probeToText(r).trimmed();
    m_status->setText(m_probeSummary);
    if (r.acknowledgedLost > 0)
      QMessageBox::warning(this, tr("Acknowledged Records Lost"), m_probeSummary);
  });
  connect(m_session, &live::LiveKafkaSession::probeFailed, this, [this](const QString &why) {
    m_progress->setVisible(false);
    m_status->setText(tr("The probe could not run: %1").arg(why));
  });
  m_status->setText(tr("Connecting to %1…").arg(m_session->connection().bootstrap));
  m_session->start();
  resize(1280, 800);
}

LiveKafkaWindow::~LiveKafkaWindow() = default;

QString LiveKafkaWindow::inspectorText() const { return m_inspector->toPlainText(); }

void LiveKafkaWindow::refresh() {
  const live::ClusterSnapshot &s = m_session->latest();
  const QString where = m_session->isMock() ? tr("librdkafka mock cluster (not a real cluster)") : m_session->connection().bootstrap;
  m_view->setSnapshot(s, tr("Apache Kafka, live · %1 · %n broker(s)", nullptr, static_cast<int>(s.brokers.size())).arg(where));
  if (m_view->selectedPartition() >= 0)
    m_inspector->setHtml(explainLivePartition(s, m_view->selectedPartition()));
  if (!m_session->probing())
    m_status->setText(m_probeSummary.isEmpty() ? tr("Read %1 partitions · every second").arg(s.partitions.size()) : m_probeSummary);
  updatePlots();
}

void LiveKafkaWindow::updatePlots() {
  const std::vector<live::LiveSample> &h = m_session->history();
  m_plot->clearGraphs();
  QVector<double> t, rate;
  for (const live::LiveSample &s : h) {
    t << s.seconds;
    rate << s.recordsPerSecond;
  }
  QCPGraph *throughput = m_plot->addGraph();
  throughput->setName(tr("records/s"));
  throughput->setData(t, rate);
  throughput->setPen(QPen(palette().color(QPalette::Highlight), 2));
  const QList<QColor> &colours = liveSeriesColours();
  int n = 0;
  for (const live::LiveGroup &g : m_session->latest().groups) {
    QVector<double> lag, at;
    for (const live::LiveSample &s : h)
      if (const auto it = s.lagByGroup.find(g.group); it != s.lagByGroup.end()) {
        at << s.seconds;
        lag << static_cast<double>(it->second);
      }
    QCPGraph *graph = m_plot->addGraph();
    graph->setName(tr("lag %1").arg(g.group));
    graph->setData(at, lag);
    graph->setPen(QPen(colours[n++ % colours.size()], 1.5));
  }
  m_plot->rescaleAxes();
  m_plot->yAxis->setRangeLower(0);
  m_plot->replot();
}

void LiveKafkaWindow::runProbe() {
  if (m_session->probing())
    return;
  ProbeDialog dialog(this);
  if (dialog.exec() != QDialog::Accepted)
    return;
  const live::KafkaProbeSettings settings = dialog.settings();
  if (const auto problem = live::probeSettingsProblem(settings)) {
    QMessageBox::warning(this, tr("Probe"), *problem);
    return;
  }
  m_status->setText(tr("Probing %1…").arg(settings.topic));
  m_session->runProbe(settings);
}

void LiveKafkaWindow::mirror() {
  const live::KafkaProbeSettings &probe = m_session->lastProbe();
  live::MirrorSource source{
      m_session->isMock() ? tr("librdkafka's mock cluster") : m_session->connection().bootstrap, m_session->latest(), probe, {}, {}};
  if (probe.createTopic)
    source.minInsyncReplicas[probe.topic] = probe.minInsyncReplicas;
  if (source.cluster.partitions.empty()) {
    QMessageBox::information(this, tr("Mirror"), tr("The cluster has no topics yet: run the probe first."));
    return;
  }
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  QDir().mkpath(dir);
  const QString path = dir + QStringLiteral("/mirror.json");
  QFile file(path);
  const QJsonObject scenario = live::mirrorScenario(source);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(QJsonDocument(scenario).toJson()) < 0) {
    QMessageBox::warning(this, tr("Mirror"), tr("Cannot write %1: %2").arg(path, file.errorString()));
    return;
  }
  file.close();
  emit openScenario(path);
  if (m_lastReport)
    showComparison(live::compareWithMirror(*m_lastReport, scenario));
}

void LiveKafkaWindow::showComparison(const live::MirrorComparison &c) {
  auto *dialog = new QDialog(this);
  dialog->setObjectName(QStringLiteral("mirrorComparison"));
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("The Real Cluster and Its Mirror"));
  auto *layout = new QVBoxLayout(dialog);
  auto *note = new QLabel(c.error.isEmpty() ? tr("The probe on the real cluster, and the same workload run to its end in the mirrored "
                                                 "simulation. Add faults to the mirror in the main window and run it again to compare.")
                                            : tr("The mirror could not run: %1").arg(c.error),
                          dialog);
  note->setWordWrap(true);
  layout->addWidget(note);
  auto *table = new QTableWidget(static_cast<int>(c.rows.size()), 3, dialog);
  table->setHorizontalHeaderLabels({tr("measure"), tr("real cluster"), tr("simulated mirror")});
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  for (int i = 0; i < static_cast<int>(c.rows.size()); ++i) {
    const live::ComparisonRow &row = c.rows[static_cast<std::size_t>(i)];
    table->setItem(i, 0, new QTableWidgetItem(row.measure));
    table->setItem(i, 1, new QTableWidgetItem(QLocale().toString(row.real, 'g', 8)));
    table->setItem(i, 2, new QTableWidgetItem(QLocale().toString(row.simulated, 'g', 8)));
  }
  table->resizeColumnsToContents();
  layout->addWidget(table);
  dialog->resize(520, 340);
  dialog->show();
}

void LiveKafkaWindow::buildMockMenu() {
  QMenu *menu = menuBar()->addMenu(tr("&Mock Cluster"));
  for (int b = 1; b <= 16; ++b) {
    if (b > static_cast<int>(m_session->connection().bootstrap.count(QLatin1Char(','))) + 1)
      break;
    menu->addAction(tr("Take Broker %1 Down").arg(b), this, [this, b] { m_session->setMockBroker(b, false); })
        ->setToolTip(tr("Its connections close; its leaderships move to the next replica, as an election would"));
    menu->addAction(tr("Bring Broker %1 Back").arg(b), this, [this, b] { m_session->setMockBroker(b, true); });
  }
}

} // namespace streamscope::ui
