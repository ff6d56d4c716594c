#include "metrics_panel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace streamscope::ui {
namespace {

constexpr int kPlotHeight = 170;

/// Okabe–Ito's colour-blind-safe hues, one per line of a plot: blue and orange first, so the
/// plots that compare the two systems show Kafka in blue and Kinesis in orange.
QColor entityColour(std::size_t index, bool dark) {
  static const QColor hues[] = {QColor(0, 114, 178),   QColor(230, 159, 0),  QColor(0, 158, 115),   QColor(213, 94, 0),
                                QColor(204, 121, 167), QColor(86, 180, 233), QColor(120, 120, 120), QColor(240, 228, 66)};
  const QColor c = hues[index % std::size(hues)];
  return dark ? c.lighter(135) : c;
}

/// A p99 line and its p50, or a broker's flushed line and its dirty one, are the same thing
/// measured two ways: one colour, told apart by dashes.
bool isSecondVariant(const QString &key) {
  return key.endsWith(QLatin1String("p99_ms")) || key.endsWith(QLatin1String("flushed_kib")) || key.endsWith(QLatin1String("smallest_isr"));
}
QString entityOf(const QString &key) {
  QString entity = key;
  entity.replace(QLatin1String("p99_ms"), QLatin1String("p50_ms")).replace(QLatin1String("flushed_kib"), QLatin1String("dirty_kib"));
  return entity;
}

} // namespace

MetricsPanel::MetricsPanel(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  // Each plot keeps a readable height; the stack scrolls when the dock is short.
  m_scroll = new QScrollArea(this);
  m_scroll->setWidgetResizable(true);
  m_scroll->setFrameShape(QFrame::NoFrame);
  m_plot = new QCustomPlot(m_scroll);
  m_plot->installEventFilter(this); // the wheel scrolls the stack; the plots take every mouse event
  m_plot->setMinimumHeight(kPlotHeight * static_cast<int>(model::MetricsRecorder::plots().size()));
  m_plot->setToolTip(tr("Click a plot to go to that moment; right-click to export"));
  m_plot->setAutoAddPlottableToLegend(false); // each plot has its own legend
  m_scroll->setWidget(m_plot);
  layout->addWidget(m_scroll);
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
  // Equal margins for every plot, so one moment is at one x in all of them.
  auto *aligned = new QCPMarginGroup(m_plot);
  for (const auto &[key, title] : model::MetricsRecorder::plots()) {
    auto *heading = new QCPTextElement(m_plot, title, QFont(font().family(), font().pointSize(), QFont::Bold));
    heading->setTextColor(palette().color(QPalette::Text));
    m_plot->plotLayout()->addElement(row++, 0, heading);
    auto *rect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(row++, 0, rect);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, aligned);
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
    legend->setVisible(false); // until it has an entry: an empty legend is a stray box
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
  std::vector<QString> &entities = m_entities[series.plot];
  const QString entity = entityOf(series.key);
  const auto found = std::find(entities.begin(), entities.end(), entity);
  graph->setProperty("entity", static_cast<int>(found - entities.begin()));
  graph->setProperty("secondVariant", isSecondVariant(series.key));
  if (found == entities.end())
    entities.push_back(entity);
  restyle(rect, entities.size());
  graph->setName(series.label);
  auto *legend = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(0));
  if (legend)
    graph->addToLegend(legend);
  m_graphs[series.key] = graph;
  return graph;
}

void MetricsPanel::restyle(QCPAxisRect *rect, std::size_t entities) {
  const bool dark = palette().color(QPalette::Window).lightness() < 128;
  for (QCPGraph *graph : rect->graphs()) {
    const int entity = graph->property("entity").toInt();
    // Lines drawn earlier are wider: where two carry the same numbers (Kafka's and Kinesis's
    // produce rate, three brokers' page caches) each still shows beside the one drawn over it.
    const auto later = std::min<std::size_t>(entities - 1 - static_cast<std::size_t>(entity), 2);
    QPen pen(entityColour(static_cast<std::size_t>(entity), dark), 1.6 + 3.2 * static_cast<double>(later));
    if (graph->property("secondVariant").toBool())
      pen.setStyle(Qt::DashLine);
    graph->setPen(pen);
  }
  if (auto *legend = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(0)))
    legend->setVisible(legend->itemCount() > 0);
}

void MetricsPanel::rebuild() {
  clearGraphs();
  refresh();
}

void MetricsPanel::clearGraphs() {
  for (auto &[key, graph] : m_graphs)
    m_plot->removeGraph(graph);
  m_graphs.clear();
  m_entities.clear();
  for (auto &[key, rect] : m_rects)
    if (auto *legend = qobject_cast<QCPLegend *>(rect->insetLayout()->elementAt(0))) {
      legend->clearItems();
      legend->setVisible(false);
    }
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

bool MetricsPanel::eventFilter(QObject *watched, QEvent *event) {
  if (watched == m_plot && event->type() == QEvent::Wheel) {
    QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
    return true;
  }
  return QWidget::eventFilter(watched, event);
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
