#pragma once
// Message dots. Hundreds of antialiased ellipses per frame cost more than the rest of the
// picture, so on raster devices each look (colour, size, ring or fill) is drawn once into
// an image and then copied; vector devices (SVG export) still get real ellipses.
// Contract: the sprite cache belongs to one canvas; GUI thread only.
#include <QPainter>

namespace streamscope::ui {

/// A filled dot (ringWidth 0) or a ring drawn with a pen of `ringWidth`, centred on `centre`.
void paintDot(QPainter &painter, QPointF centre, double radius, const QColor &colour, double ringWidth = 0);

} // namespace streamscope::ui
