#include "lesson_scrub.h"

#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace streamscope::ui {

ScrubView::ScrubView(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  layout->addWidget(m_caption);
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setTickPosition(QSlider::TicksBelow);
  m_slider->setPageStep(1);
  m_slider->setToolTip(tr("Each value was run on its own branch from the same moment: move to see it on the canvas"));
  layout->addWidget(m_slider);
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumHeight(180);
  layout->addWidget(m_plot, 1);
  m_cursor = new QCPItemStraightLine(m_plot);
  m_cursor->setPen(QPen(QColor(200, 60, 60), 1.5, Qt::DashLine));
  connect(m_slider, &QSlider::valueChanged, this, &ScrubView::moveTo);
}

void ScrubView::setResult(const model::Scrub &scrub, const model::ScrubResult &result) {
  m_setting = scrub.setting;
  m_labels = scrub.labels;
  m_measures = scrub.measures;
  m_series = result.series;
  m_branches.clear();
  for (const model::FutureResult &r : result.runs)
    m_branches.push_back(r.branch);

  m_plot->clearGraphs();
  static const QColor colours[] = {QColor(0, 114, 178), QColor(230, 159, 0), QColor(0, 158, 115), QColor(204, 121, 167)};
  // Measures in milliseconds share the left axis; another kind of measure gets the right one.
  const auto sameUnit = [&](std::size_t m) {
    return m_measures[0].endsWith(QLatin1String("_ms")) && m_measures[static_cast<qsizetype>(m)].endsWith(QLatin1String("_ms"));
  };
  bool right = false;
  for (std::size_t m = 0; m < m_series.size(); ++m) {
    QCPAxis *y = m == 0 || sameUnit(m) ? m_plot->yAxis : m_plot->yAxis2;
    right = right || y == m_plot->yAxis2;
    QCPGraph *graph = m_plot->addGraph(m_plot->xAxis, y);
    graph->setName(m_measures[static_cast<qsizetype>(m)]);
    graph->setPen(QPen(colours[m % 4], 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
    for (std::size_t v = 0; v < m_series[m].size(); ++v)
      if (m_series[m][v])
        graph->addData(static_cast<double>(v), *m_series[m][v]);
    if (m == 0 || y == m_plot->yAxis2)
      y->setLabel(m_measures[static_cast<qsizetype>(m)]);
    else if (y == m_plot->yAxis) // shared: the legend names the curves, the axis its unit
      y->setLabel(tr("milliseconds"));
  }
  for (QCPAxis *y : {m_plot->yAxis, m_plot->yAxis2}) { // from zero, with room above the highest point
    double high = 1;
    for (QCPGraph *g : y->graphs()) {
      bool found = false;
      const QCPRange r = g->getValueRange(found);
      if (found)
        high = std::max(high, r.upper * 1.15);
    }
    y->setRange(0, high);
  }
  m_plot->yAxis2->setVisible(right);
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (qsizetype v = 0; v < m_labels.size(); ++v)
    ticker->addTick(static_cast<double>(v), m_labels[v]);
  m_plot->xAxis->setTicker(ticker);
  m_plot->xAxis->setLabel(m_setting);
  m_plot->xAxis->setRange(-0.5, static_cast<double>(m_labels.size()) - 0.5);
  m_plot->legend->setVisible(m_series.size() > 1);
  // A small legend above the curves' usual place, so it hides as little of them as it can.
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  m_plot->legend->setFont(small);
  m_plot->legend->setBrush(QColor(255, 255, 255, 200));
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignHCenter);
  m_cursor->point1->setCoords(0, 0);
  m_cursor->point2->setCoords(0, 1);

  const QSignalBlocker block(m_slider);
  m_slider->setRange(0, static_cast<int>(m_labels.size()) - 1);
  m_slider->setValue(m_slider->maximum()); // the controller is on the last value's branch
  moveTo(m_slider->value());
}

QString ScrubView::caption() const { return m_caption->text(); }

void ScrubView::moveTo(int index) {
  if (index < 0 || index >= static_cast<int>(m_branches.size()))
    return;
  m_controller.switchBranch(m_branches[static_cast<std::size_t>(index)]);
  QStringList outcome;
  for (std::size_t m = 0; m < m_series.size(); ++m) {
    const auto &v = m_series[m][static_cast<std::size_t>(index)];
    outcome << QStringLiteral("%1 %2").arg(m_measures[static_cast<qsizetype>(m)], v ? QString::number(*v, 'g', 6) : QStringLiteral("—"));
  }
  m_caption->setText(tr("<b>%1 = %2</b>: %3").arg(m_setting, m_labels[index], outcome.join(QStringLiteral(", "))));
  m_cursor->point1->setCoords(index, 0);
  m_cursor->point2->setCoords(index, 1);
  m_plot->replot();
}

} // namespace streamscope::ui
