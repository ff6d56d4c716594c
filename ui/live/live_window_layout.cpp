#include "live_window_layout.h"

#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <qcustomplot.h>

namespace streamscope::ui {

void layOutLiveWindow(QMainWindow &window, QWidget *view, QWidget *inspector, QCustomPlot *plot, QLabel *status, QProgressBar *progress) {
  auto *top = new QSplitter(Qt::Horizontal, &window);
  top->addWidget(view);
  top->addWidget(inspector);
  top->setStretchFactor(0, 3);
  top->setStretchFactor(1, 1);
  auto *all = new QSplitter(Qt::Vertical, &window);
  all->addWidget(top);
  all->addWidget(plot);
  all->setStretchFactor(0, 3);
  all->setStretchFactor(1, 1);
  window.setCentralWidget(all);
  plot->setMinimumHeight(160);
  plot->xAxis->setLabel(QObject::tr("seconds since connecting"));
  plot->legend->setVisible(true);
  window.statusBar()->addWidget(status, 1);
  window.statusBar()->addPermanentWidget(progress);
  progress->setVisible(false);
}

const QList<QColor> &liveSeriesColours() {
  static const QList<QColor> colours = {QColor(0xd9, 0x5f, 0x02), QColor(0x75, 0x70, 0xb3), QColor(0x1b, 0x9e, 0x77), QColor(0xe7, 0x29, 0x8a)};
  return colours;
}

} // namespace streamscope::ui
