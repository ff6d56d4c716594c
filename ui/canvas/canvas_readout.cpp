// The header row of presentation mode: the status bar (clock, counters) and the toolbar (speed)
// are hidden then, yet these are the numbers a lecturer points at, so the canvas draws them,
// large, above the panes. The row wraps rather than cutting a number.
#include "canvas_geometry.h"
#include "ui/speed_control.h"

#include <QFontMetricsF>
#include <QLocale>

namespace streamscope::ui {

double layoutReadout(CanvasGeometry *g, const QRectF &area, const CanvasReadout &r, const CanvasTheme &t) {
  const QLocale locale;
  const auto n = [&](std::int64_t v) { return locale.toString(static_cast<qlonglong>(v)); };
  const QStringList texts = {QObject::tr("t = %1 s of %2 s").arg(r.seconds, 0, 'f', 3).arg(r.durationSeconds, 0, 'f', 0),
                             QObject::tr("speed %1").arg(speedText(r.speed)), QObject::tr("produced %1").arg(n(r.produced)),
                             QObject::tr("acknowledged %1").arg(n(r.acknowledged)), QObject::tr("acknowledged but lost %1").arg(n(r.lost))};
  // The clock and the speed in the headline font, the counters in the title font.
  const QFontMetricsF big(t.headline), counter(t.font);
  std::vector<double> widths;
  for (int i = 0; i < static_cast<int>(texts.size()); ++i)
    widths.push_back((i < 2 ? big : counter).horizontalAdvance(texts[i]) + 2);
  const double pad = t.px(8);
  std::vector<std::pair<int, double>> places;
  const int rows = flowRows(widths, area.width() - 2 * pad, t.px(24), places);
  const double rowH = big.height() + t.px(2);
  if (g)
    for (int i = 0; i < static_cast<int>(texts.size()); ++i) {
      const auto &[row, x] = places[static_cast<std::size_t>(i)];
      const double h = (i < 2 ? big : counter).height();
      const QRectF rect(area.left() + pad + x, area.top() + t.px(4) + row * rowH + (big.height() - h) * 0.7, widths[static_cast<std::size_t>(i)], h);
      g->labels.push_back({rect, texts[i], i >= 2, Qt::AlignLeft | Qt::AlignVCenter, false, i < 2, false, {}});
    }
  return rows * rowH + t.px(8);
}

} // namespace streamscope::ui
