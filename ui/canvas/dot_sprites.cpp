#include "dot_sprites.h"

#include <QHash>
#include <QImage>
#include <QPaintEngine>

#include <cmath>

namespace streamscope::ui {
namespace {

constexpr double kQuantum = 0.25; ///< sizes are rounded to a quarter of a pixel
constexpr int kMaxSprites = 512; ///< looks in use at once are few; the cache is cleared past this

void drawEllipse(QPainter &p, QPointF centre, double radius, const QColor &colour, double ringWidth) {
  if (ringWidth > 0) {
    p.setPen(QPen(colour, ringWidth));
    p.setBrush(Qt::NoBrush);
  } else {
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
  }
  p.drawEllipse(centre, radius, radius);
}

QImage makeSprite(double radius, const QColor &colour, double ringWidth, qreal dpr) {
  const double logicalSide = std::ceil(2 * radius + ringWidth + 2);
  const int side = static_cast<int>(std::ceil(logicalSide * dpr));
  QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
  sprite.setDevicePixelRatio(dpr);
  sprite.fill(Qt::transparent);
  QPainter p(&sprite);
  p.setRenderHint(QPainter::Antialiasing);
  drawEllipse(p, QPointF(logicalSide / 2, logicalSide / 2), radius, colour, ringWidth);
  return sprite;
}

} // namespace

void paintDot(QPainter &painter, QPointF centre, double radius, const QColor &colour, double ringWidth) {
  const bool raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster;
  if (!raster || painter.transform().type() > QTransform::TxTranslate) {
    drawEllipse(painter, centre, radius, colour, ringWidth);
    return;
  }
  const qreal dpr = painter.device()->devicePixelRatioF();
  const auto radiusSteps = static_cast<quint64>(std::lround(radius / kQuantum));
  const auto widthSteps = static_cast<quint64>(std::lround(ringWidth / kQuantum));
  const auto dprSteps = static_cast<quint64>(std::lround(dpr * 4));
  const quint64 key = (quint64{colour.rgba()} << 32) | ((radiusSteps & 0x3ff) << 20) | ((widthSteps & 0xff) << 12) | (dprSteps & 0xfff);
  static QHash<quint64, QImage> sprites;
  auto it = sprites.constFind(key);
  if (it == sprites.constEnd()) {
    if (sprites.size() >= kMaxSprites)
      sprites.clear();
    it = sprites.insert(key, makeSprite(static_cast<double>(radiusSteps) * kQuantum, colour, static_cast<double>(widthSteps) * kQuantum, dpr));
  }
  const double half = it->deviceIndependentSize().width() / 2;
  painter.drawImage(centre - QPointF(half, half), *it);
}

} // namespace streamscope::ui
