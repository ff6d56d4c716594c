#include "metrics_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QScrollArea>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace streamscope::ui {
namespace {

constexpr int kPlotHeight = 170;

/// Kafka in blues, Kinesis in oranges: the same hue family per system across every plot.
QColor seriesColour(model::MetricSystem system, int index, bool dark) {
  static const QColor kafka[] = {QColor(36, 102, 184), QColor(0, 150, 200), QColor(90, 80, 200), QColor(20, 60, 120)};
  static const QColor kinesis[] = {QColor(226, 120, 0), QColor(200, 60, 40), QColor(230, 170, 30), QColor(160, 80, 0)};
  QColor c = system == model::MetricSystem::Kafka ? kafka[index % 4] : kinesis[index % 4];
  return dark ? c.lighter(150) : c;
}

} // namespace

MetricsPanel::MetricsPanel(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  // Each plot keeps a readable height; the stack scrolls when the dock is short.
  auto *scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  m_plot = new QCustomPlot(scroll);
  m_plot->setMinimumHeight(kPlotHeight * static_cast<int>(model::MetricsRecorder::plots().size()));
  m_plot->setToolTip(tr("Click a plot to go to that moment; right-click to export"));
  m_plot->setAutoAddPlottableToLegend(false); // each plot has its own legend
  scroll->setWidget(m_plot);
  layout->addWidget(scroll);
  connect(&controller, &model::SimulationController::frameReady, this, &MetricsPanel::refresh);
  connect(&controller, &model::SimulationController::jumped, this, &MetricsPanel::refresh);
  connect(&controller, &model::SimulationController::scenarioLoaded, this, &MetricsPanel::rebuild);
  connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent *event) {
    if (event->button() == Qt::LeftButton && m_controller.hasSimulation())
      m_controller.seek(static_cast<model::SimTime>(std::max(0.0, secondsAt(static_cast<int>(event->position().x()))) * model::kSecond));
  });
}

void MetricsPanel::ensureLayout() {
  if (!m_rects.empty())
    return;
  m_plot->plotLayout()->clear();
  const bool dark = palette().color(QPalette::Window).lightness() < 128;
  m_plot->setBackground(palette().color(QPalette::Base));
  int row = 0;
  QCPAxisRect *first = nullptr;
  for (const auto &[key, title] : model::MetricsRecorder::plots()) {
    auto *heading = new QCPTextElement(m_plot, title, QFont(font().family(), font().pointSize(), QFont::Bold));
    heading->setTextColor(palette().color(QPalette::Text));
    m_plot->plotLayout()->addElement(row++, 0, heading);
    auto *rect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(row++, 0, rect);
    for (QCPAxis *axis : rect->axes()) {
      axis->setBasePen(QPen(palette().color(QPalette::Text)));
      axis->setTickPen(QPen(palette().color(QPalette::Text)));
      axis->setSubTickPen(QPen(palette().color(QPalette::Text)));
      axis->setTickLabelColor(palette().color(QPalette::Text));
      axis->setLabelColor(palette().color(QPalette::Text));
      axis->grid()->setPen(QPen(dark ? QColor(80, 80, 80) : QColor(220, 220, 220)));
    }
    rect->axis(QCPAxis::atBottom)
        ->setLabel(row == 2 * static_cast<int>(model::MetricsRecorder::plots().size()) ? tr("simulated time (s)") : QString());
    auto *legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(3); // items side by side, three to a row
    legend->setLayer(QStringLiteral("legend"));
    legend->setBrush(QBrush(palette().color(QPalette::Base)));
    legend->setTextColor(palette().color(QPalette::Text));
    legend->setFont(QFont(font().family(), font().pointSize() - 1));
    legend->setVisible(true);
    if (first) // time-aligned: one x range for all
      connect(first->axis(QCPAxis::atBottom), qOverload<const QCPRange &>(&QCPAxis::rangeChanged), rect->axis(QCPAxis::atBottom),
              qOverload<const QCPRange &>(&QCPAxis::setRange));
    else
      first = rect;
    auto *cursor = new QCPItemStraightLine(m_plot);
    cursor->setClipAxisRect(rect);
    cursor->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    cursor->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    cursor->setPen(QPen(palette().color(QPalette::Highlight), 2));
    m_cursors[key] = cursor;
    m_rects[key] = rect;
  }
}

QCPGraph *MetricsPanel::graphFor(const model::MetricSeries &series) {
  const auto it = m_graphs.find(series.key);
  if (it != m_graphs.end())
    return it->second;
  QCPAxisRect *rect = m_rects.at(series.plot);
  auto *graph = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  int sameSystem = 0;
  for (QCPGraph *g : rect->graphs())
    sameSystem += g != graph && g->property("system").toInt() == static_cast<int>(series.system) ? 1 : 0;
  graph->setProperty("system", static_cast<int>(series.system));
  QPen pen(seriesColour(series.system, sameSystem, palette().color(QPalette::Window).lightness() < 128), 1.6);
  if (series.key.endsWith(QLatin1String("p99_ms")) || series.key.endsWith(QLatin1String("flushed_kib")) ||
      series.key.endsWith(QLatin1String("smallest_isr")))
    pen.setStyle(Qt::DashLine);
  graph->setPen(pen);
  graph->setName(series.label);
  auto *legend = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(0));
  if (legend)
    graph->addToLegend(legend);
  m_graphs[series.key] = graph;
  return graph;
}

void MetricsPanel::rebuild() {
  clearGraphs();
  refresh();
}

void MetricsPanel::clearGraphs() {
  for (auto &[key, graph] : m_graphs)
    m_plot->removeGraph(graph);
  m_graphs.clear();
  for (auto &[key, rect] : m_rects)
    if (auto *legend = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(0)))
      legend->clearItems();
  m_drawn = 0;
}

void MetricsPanel::refresh() {
  if (!m_controller.hasSimulation())
    return;
  ensureLayout();
  const auto &history = m_controller.history();
  const model::MetricsRecorder &metrics = history.branch().metrics;
  if (history.current() != m_branch || metrics.times().size() < m_drawn) { // another branch's series
    clearGraphs();
    m_branch = history.current();
  }
  if (!isVisible() && m_drawn > 0) // hidden: catch up when shown
    return;
  const auto &times = metrics.times();
  for (const model::MetricSeries &series : metrics.series()) {
    QCPGraph *graph = graphFor(series);
    for (std::size_t i = m_drawn; i < times.size(); ++i)
      graph->addData(model::toMs(times[i]) / 1000, series.values[i]);
  }
  m_drawn = times.size();
  const double explored = model::toMs(history.branch().explored) / 1000;
  const double now = model::toMs(m_controller.view().now()) / 1000;
  for (auto &entry : m_rects) {
    QCPAxisRect *rect = entry.second; // a plain name: lambdas below capture it
    rect->axis(QCPAxis::atBottom)->setRange(0, std::max(10.0, explored));
    bool found = false;
    const QCPRange y = [&] {
      QCPRange r(0, 1);
      for (QCPGraph *g : rect->graphs()) {
        bool ok = false;
        const QCPRange gr = g->getValueRange(ok);
        if (ok)
          r = found ? QCPRange(std::min(r.lower, gr.lower), std::max(r.upper, gr.upper)) : gr;
        found = found || ok;
      }
      return r;
    }();
    rect->axis(QCPAxis::atLeft)->setRange(std::min(0.0, y.lower), std::max(1.0, y.upper * 1.1));
    m_cursors[entry.first]->point1->setCoords(now, 0);
    m_cursors[entry.first]->point2->setCoords(now, 1);
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double MetricsPanel::secondsAt(int x) const {
  if (m_rects.empty())
    return 0;
  return m_rects.begin()->second->axis(QCPAxis::atBottom)->pixelToCoord(x);
}

bool MetricsPanel::exportPng(const QString &path) const { return m_plot->savePng(path, m_plot->width(), m_plot->height()); }
bool MetricsPanel::exportPdf(const QString &path) const { return m_plot->savePdf(path, m_plot->width(), m_plot->height()); }

bool MetricsPanel::exportCsv(const QString &path) const {
  QFile file(path);
  if (!m_controller.hasSimulation() || !file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    return false;
  const QByteArray text = m_controller.history().branch().metrics.csv().toUtf8();
  return file.write(text) == text.size();
}

void MetricsPanel::copyToClipboard() const {
  if (m_controller.hasSimulation())
    QApplication::clipboard()->setText(m_controller.history().branch().metrics.csv());
}

void MetricsPanel::contextMenuEvent(QContextMenuEvent *event) {
  QMenu menu(this);
  const auto save = [this](const QString &title, const QString &filter, auto write) {
    const QString path = QFileDialog::getSaveFileName(this, title, QString(), filter);
    if (!path.isEmpty() && !write(path))
      QMessageBox::warning(this, tr("Export failed"), tr("%1 could not be written.").arg(path));
  };
  menu.addAction(tr("Export as PNG…"), this,
                 [&] { save(tr("Export plots as PNG"), tr("PNG images (*.png)"), [this](const QString &p) { return exportPng(p); }); });
  menu.addAction(tr("Export as PDF…"), this,
                 [&] { save(tr("Export plots as PDF"), tr("PDF documents (*.pdf)"), [this](const QString &p) { return exportPdf(p); }); });
  menu.addAction(tr("Export data as CSV…"), this,
                 [&] { save(tr("Export data as CSV"), tr("CSV files (*.csv)"), [this](const QString &p) { return exportCsv(p); }); });
  menu.addAction(tr("Copy data"), this, &MetricsPanel::copyToClipboard);
  menu.exec(event->globalPos());
}

} // namespace streamscope::ui
