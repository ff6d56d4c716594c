#pragma once
// The frame both live windows share: the view beside its inspector, the plot below them,
// the status and the probe's progress in the status bar; and the colours of plotted series.
#include <QColor>
#include <QList>

class QCustomPlot;
class QLabel;
class QMainWindow;
class QProgressBar;
class QWidget;

namespace streamscope::ui {

void layOutLiveWindow(QMainWindow &window, QWidget *view, QWidget *inspector, QCustomPlot *plot, QLabel *status, QProgressBar *progress);

/// Colours for the plots' extra series (lag per group, busiest shards), in order.
const QList<QColor> &liveSeriesColours();

} // namespace streamscope::ui
