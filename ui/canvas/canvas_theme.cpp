#include "canvas_theme.h"

#include <algorithm>
#include <cmath>

namespace streamscope::ui {

CanvasTheme CanvasTheme::from(const QPalette &palette, const QFont &base, bool presenting, QSizeF room) {
  CanvasTheme t;
  t.scale = presenting ? 1.6 : 1.0;
  if (presenting && !room.isEmpty())
    t.scale = std::clamp(1.6 * std::min(room.width() / 1150, room.height() / 720), 1.3, 1.6);
  t.presenting = presenting;
  t.background = palette.color(QPalette::Base);
  t.dark = t.background.lightness() < 128;
  if (presenting) // maximum contrast for a projector
    t.background = t.dark ? QColor(0, 0, 0) : QColor(255, 255, 255);
  t.text = presenting ? (t.dark ? QColor(255, 255, 255) : QColor(0, 0, 0)) : palette.color(QPalette::Text);
  t.mutedText = t.dark ? QColor(170, 176, 186) : QColor(92, 98, 108);
  t.panel = t.dark ? QColor(38, 42, 50) : QColor(244, 246, 250);
  t.panelBorder = t.dark ? QColor(96, 104, 118) : QColor(160, 168, 182);
  // The panel, a shade lighter (dark) or darker (light).
  t.track = t.dark ? t.panel.lighter(118) : t.panel.darker(106);

  // Hues chosen to stay apart for the common colour-vision deficiencies (blue/orange axis).
  t.onDisk = t.dark ? QColor(86, 156, 230) : QColor(36, 102, 184);
  t.inCache = t.dark ? QColor(242, 182, 50) : QColor(226, 150, 0);
  t.pending = t.dark ? QColor(120, 126, 138) : QColor(176, 182, 192);
  t.leader = t.dark ? QColor(255, 214, 64) : QColor(196, 140, 0);
  t.outOfIsr = t.dark ? QColor(255, 112, 112) : QColor(206, 40, 40);
  t.failure = t.outOfIsr;
  // Magenta: apart from the leader's amber, out-of-ISR red and the blue/teal traffic.
  t.eligibleLeader = t.dark ? QColor(240, 130, 235) : QColor(176, 38, 160);
  t.warning = t.dark ? QColor(255, 160, 64) : QColor(214, 110, 0);
  t.healthy = t.dark ? QColor(96, 206, 128) : QColor(30, 140, 70);
  t.produce = t.dark ? QColor(186, 140, 255) : QColor(120, 70, 210);
  t.response = t.healthy;
  t.replication = t.dark ? QColor(110, 200, 255) : QColor(0, 120, 200);
  t.consume = t.dark ? QColor(90, 220, 210) : QColor(0, 140, 130);
  t.zone = t.dark ? QColor(64, 200, 176) : QColor(0, 128, 110);
  t.throttle = t.failure;
  t.highWatermark = t.dark ? QColor(255, 255, 255) : QColor(20, 20, 20);
  t.logEnd = t.mutedText;
  t.committed = t.healthy;
  t.position = t.consume;
  // Markers differ in shape too (filled "C", hollow crossed "A"): green and red alone fail
  // the commonest colour-vision deficiencies.
  t.commitMarker = t.healthy;
  t.abortMarker = t.failure;
  t.openTxn = t.dark ? QColor(235, 235, 245) : QColor(30, 30, 40);
  // Magenta-pink: apart from the HW's black or white and the offsets' green and teal.
  t.lastStable = t.dark ? QColor(255, 120, 200) : QColor(200, 20, 130);
  // Rose and lime: apart from the cells' blue and amber and from the ELR magenta.
  t.duplicate = t.dark ? QColor(255, 96, 150) : QColor(210, 20, 100);
  t.reordered = t.dark ? QColor(190, 255, 90) : QColor(70, 150, 0);
  t.share = t.dark ? QColor(255, 128, 186) : QColor(196, 34, 118);

  t.font = base;
  t.font.setPointSizeF(base.pointSizeF() * t.scale);
  t.font.setBold(true);
  t.small = base;
  t.small.setPointSizeF(base.pointSizeF() * 0.9 * t.scale);
  t.headline = t.font;
  t.headline.setPointSizeF(t.font.pointSizeF() * 1.25);
  return t;
}

QColor CanvasTheme::aboveHighWatermark(const QColor &cell) const {
  const auto mix = [](int a, int b) { return (a * 35 + b * 65) / 100; };
  return QColor(mix(cell.red(), track.red()), mix(cell.green(), track.green()), mix(cell.blue(), track.blue()));
}

QColor blend(const QColor &a, const QColor &b, double f) {
  f = std::clamp(f, 0.0, 1.0);
  const auto mix = [f](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * f)); };
  return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

} // namespace streamscope::ui
