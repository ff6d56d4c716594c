#include "live_kinesis_window.h"

#include "kinesis_probe_dialog.h"
#include "live_stream_view.h"
#include "live_window_layout.h"
#include "model/live/kinesis/kinesis_json.h"

#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolBar>
#include <qcustomplot.h>

#include <algorithm>

namespace streamscope::ui {

LiveKinesisWindow::LiveKinesisWindow(const live::kinesis::ClientOptions &options, const QString &stream, int createShards, QWidget *parent)
    : QMainWindow(parent), m_session(new live::kinesis::LiveKinesisSession(options, stream, createShards, this)), m_view(new LiveStreamView(this)),
      m_inspector(new QTextBrowser(this)), m_plot(new QCustomPlot(this)), m_status(new QLabel(this)), m_progress(new QProgressBar(this)) {
  setAttribute(Qt::WA_DeleteOnClose);
  setWindowTitle(tr("Live: Kinesis stream %1 at %2").arg(stream, m_session->endpointText()));
  layOutLiveWindow(*this, m_view, m_inspector, m_plot, m_status, m_progress);
  m_inspector->setHtml(explainLiveShard({}, {}, -1));
  m_plot->yAxis->setLabel(tr("records/s"));
  m_plot->setToolTip(tr("Records per second arriving in the stream and in its busiest shards, as the live reader (one GetRecords a "
                        "second per shard) sees them."));

  QToolBar *tools = addToolBar(tr("Live"));
  QAction *probe = tools->addAction(tr("Run &Probe…"), this, &LiveKinesisWindow::runProbe);
  probe->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
  probe->setToolTip(tr("Put numbered records, read them back, and count what the stream lost (Ctrl+P)"));
  m_stop = tools->addAction(tr("&Stop Probe"), m_session, &live::kinesis::LiveKinesisSession::cancelProbe);
  m_stop->setShortcut(QKeySequence(Qt::Key_Escape));
  m_stop->setToolTip(tr("Stop putting and reading; the report counts what was seen so far (Esc)"));
  m_stop->setEnabled(false);

  connect(m_session, &live::kinesis::LiveKinesisSession::refreshed, this, &LiveKinesisWindow::refresh);
  connect(m_session, &live::kinesis::LiveKinesisSession::failed, this,
          [this](const QString &why) { m_status->setText(tr("Cannot read the stream: %1").arg(why)); });
  connect(m_view, &LiveStreamView::shardSelected, this,
          [this](int i) { m_inspector->setHtml(explainLiveShard(m_session->latest(), m_session->shardRates(), i)); });
  connect(m_session, &live::kinesis::LiveKinesisSession::probeProgress, this, &LiveKinesisWindow::showProgress);
  connect(m_session, &live::kinesis::LiveKinesisSession::probeFinished, this, [this](const live::kinesis::ProbeReport &r) {
    m_progress->setVisible(false);
    m_stop->setEnabled(false);
    m_probeSummary = live::kinesis::probeToText(r).trimmed();
    m_status->setText(m_probeSummary.section(QLatin1Char('\n'), 0, 0));
    m_status->setToolTip(m_probeSummary);
    if (r.acknowledgedLost > 0)
      QMessageBox::warning(this, tr("Acknowledged Records Lost"), m_probeSummary);
  });
  connect(m_session, &live::kinesis::LiveKinesisSession::probeFailed, this, [this](const QString &why) {
    m_progress->setVisible(false);
    m_stop->setEnabled(false);
    m_status->setText(tr("The probe could not run: %1").arg(why));
  });
  m_status->setText(tr("Connecting to %1…").arg(m_session->endpointText()));
  m_session->start();
  resize(1280, 800);
}

LiveKinesisWindow::~LiveKinesisWindow() = default;

QString LiveKinesisWindow::inspectorText() const { return m_inspector->toPlainText(); }

QString LiveKinesisWindow::statusText() const { return m_status->text(); }

void LiveKinesisWindow::refresh() {
  const live::kinesis::StreamSnapshot &s = m_session->latest();
  m_view->setSnapshot(s, m_session->shardRates(), m_session->recordsSeen(),
                      tr("Amazon Kinesis, live · %1 · %2 · %n shard(s)", nullptr, static_cast<int>(s.shards.size()))
                          .arg(m_session->stream(), m_session->endpointText()));
  if (m_view->selectedShard() >= 0)
    m_inspector->setHtml(explainLiveShard(s, m_session->shardRates(), m_view->selectedShard()));
  if (!m_session->probing())
    m_status->setText(m_probeSummary.isEmpty() ? tr("Read %n shard(s) · every second", nullptr, static_cast<int>(s.shards.size()))
                                               : m_probeSummary.section(QLatin1Char('\n'), 0, 0));
  updatePlots();
}

void LiveKinesisWindow::showProgress(const live::kinesis::ProbeProgress &p) {
  m_progress->setVisible(true);
  m_progress->setRange(0, std::max(1, p.total));
  const bool writing = p.phase == live::kinesis::ProbeProgress::Phase::Writing;
  m_progress->setValue(writing ? p.produced : p.consumed);
  m_progress->setFormat(writing ? tr("probe: %1 put, %2 acknowledged").arg(p.produced).arg(p.acknowledged)
                                : tr("probe: %1 of %2 read back").arg(p.consumed).arg(p.acknowledged));
}

void LiveKinesisWindow::updatePlots() {
  const std::vector<live::kinesis::StreamSample> &h = m_session->history();
  m_plot->clearGraphs();
  QVector<double> t, total;
  for (const live::kinesis::StreamSample &s : h) {
    t << s.seconds;
    total << s.recordsPerSecond;
  }
  QCPGraph *stream = m_plot->addGraph();
  stream->setName(tr("stream records/s"));
  stream->setData(t, total);
  stream->setPen(QPen(palette().color(QPalette::Highlight), 2));
  // The busiest shards now, each with its own line (a hot shard shows as one line far above the rest).
  std::vector<std::pair<double, QString>> busiest;
  for (const auto &[id, rate] : m_session->shardRates())
    busiest.emplace_back(rate, id);
  std::ranges::sort(busiest, std::greater<>());
  const QList<QColor> &colours = liveSeriesColours();
  for (std::size_t n = 0; n < std::min<std::size_t>(4, busiest.size()); ++n) {
    const QString &id = busiest[n].second;
    QVector<double> at, rate;
    for (const live::kinesis::StreamSample &s : h)
      if (const auto it = s.perShard.find(id); it != s.perShard.end()) {
        at << s.seconds;
        rate << it->second;
      }
    QCPGraph *graph = m_plot->addGraph();
    graph->setName(id);
    graph->setData(at, rate);
    graph->setPen(QPen(colours[static_cast<int>(n) % colours.size()], 1.5));
  }
  m_plot->rescaleAxes();
  m_plot->yAxis->setRangeLower(0);
  m_plot->replot();
}

void LiveKinesisWindow::runProbe() {
  if (m_session->probing())
    return;
  KinesisProbeDialog dialog(this);
  if (dialog.exec() != QDialog::Accepted)
    return;
  m_status->setText(tr("Probing %1…").arg(m_session->stream()));
  m_stop->setEnabled(true);
  m_session->runProbe(dialog.options());
}

} // namespace streamscope::ui
