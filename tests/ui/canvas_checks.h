// What a lecturer needs from the canvas, as checks over the labels it drew and the picture it
// painted: no two labels overlap, none is cut, and what a lesson highlights is in the clear.
#pragma once

#include "ui/canvas/canvas_painter.h"
#include "ui/canvas/stream_canvas.h"

#include <QImage>
#include <QStringList>

namespace streamscope::test {

/// Every label outside the scene and every pair of labels that intersect, as text.
inline QStringList labelOverlaps(const ui::CanvasGeometry &g) {
  QStringList found;
  for (std::size_t i = 0; i < g.labels.size(); ++i) {
    if (!g.scene.contains(g.labels[i].rect))
      found << QStringLiteral("\"%1\" outside the scene").arg(g.labels[i].text);
    for (std::size_t j = i + 1; j < g.labels.size(); ++j)
      if (g.labels[i].rect.intersects(g.labels[j].rect))
        found << QStringLiteral("\"%1\" / \"%2\"").arg(g.labels[i].text, g.labels[j].text);
  }
  return found;
}

/// The far levels of detail: every label that lies on a pixel matrix or a key-space band (text
/// over pixels cannot be read), every matrix or band overlapping another, and every tile
/// overlapping another tile.
inline QStringList overviewOverlaps(const ui::CanvasGeometry &g) {
  QStringList found;
  std::vector<std::pair<QRectF, QString>> areas;
  for (const ui::PixelMatrix &m : g.matrices)
    areas.emplace_back(m.rect,
                       m.broker >= 0 ? QStringLiteral("broker %1's replicas").arg(m.broker) : QStringLiteral("topic %1's partitions").arg(m.topic));
  for (const ui::KeySpaceGeometry &k : g.keySpaces)
    for (const QRectF &band : k.bands)
      areas.emplace_back(band, QStringLiteral("stream %1's key space").arg(k.stream));
  for (std::size_t i = 0; i < areas.size(); ++i) {
    for (const ui::CanvasLabel &l : g.labels)
      if (l.rect.intersects(areas[i].first))
        found << QStringLiteral("\"%1\" on %2").arg(l.text, areas[i].second);
    for (std::size_t j = i + 1; j < areas.size(); ++j)
      if (areas[i].first.intersects(areas[j].first))
        found << QStringLiteral("%1 / %2").arg(areas[i].second, areas[j].second);
  }
  for (std::size_t i = 0; i < g.tiles.size(); ++i)
    for (std::size_t j = i + 1; j < g.tiles.size(); ++j)
      if (g.tiles[i].rect.intersects(g.tiles[j].rect))
        found << QStringLiteral("tiles of brokers %1 / %2").arg(g.tiles[i].broker).arg(g.tiles[j].broker);
  return found;
}

/// Every label cut to fit (drawn ending in "…").
inline QStringList elidedLabels(const ui::CanvasGeometry &g) {
  QStringList found;
  for (const ui::CanvasLabel &l : g.labels)
    if (l.elided || l.text.endsWith(QChar(0x2026)))
      found << l.text;
  return found;
}

/// The darkest pixel (its lightness) of `image` inside `rect`: text drawn in full contrast on a
/// light canvas reaches near black; text under the highlights' veil does not.
inline int darkestIn(const QImage &image, const QRectF &rect) {
  int darkest = 255;
  const QRect r = rect.toAlignedRect().intersected(image.rect());
  for (int y = r.top(); y <= r.bottom(); ++y)
    for (int x = r.left(); x <= r.right(); ++x)
      darkest = std::min(darkest, QColor(image.pixel(x, y)).lightness());
  return darkest;
}

/// What is wrong with the canvas's highlights as painted in `image` (a grab of the canvas at
/// fit-to-window): each highlighted item must be drawn, inside the canvas, out of the veil, and
/// each caption describing it whole, in the clear and in full contrast. A strip's highlight
/// needs its caption (the numbers a lesson's text points at).
inline QStringList highlightProblems(const ui::StreamCanvas &canvas, const QImage &image) {
  using Kind = model::WorldItem::Kind;
  QStringList found;
  const ui::CanvasGeometry &g = canvas.geometry();
  const QPainterPath clear = canvas.highlightArea();
  const QRectF bounds(canvas.rect());
  for (const model::WorldItem &item : canvas.highlights()) {
    if (item.kind == Kind::Message)
      continue; // every message of a kind: there may be none in flight
    const QString name = QStringLiteral("%1(%2,%3,%4)").arg(static_cast<int>(item.kind)).arg(item.a).arg(item.b).arg(item.c);
    const QRectF r = g.rectOf(item);
    if (r.isEmpty()) {
      found << name + QStringLiteral(" is not drawn");
      continue;
    }
    if (!bounds.contains(r))
      found << name + QStringLiteral(" is outside the canvas");
    if (!clear.contains(r.adjusted(1, 1, -1, -1)))
      found << name + QStringLiteral(" is under the veil");
    int captions = 0;
    for (const ui::CanvasLabel &l : g.labels) {
      if (!ui::captionOf(l.owner, item))
        continue;
      ++captions;
      if (l.elided)
        found << name + QStringLiteral(" caption \"%1\" is cut").arg(l.text);
      if (!bounds.contains(l.rect))
        found << name + QStringLiteral(" caption \"%1\" is outside the canvas").arg(l.text);
      if (!clear.contains(l.rect))
        found << name + QStringLiteral(" caption \"%1\" is under the veil").arg(l.text);
      if (const int dark = darkestIn(image, l.rect); dark > 90)
        found << name + QStringLiteral(" caption \"%1\" is dimmed (darkest %2)").arg(l.text).arg(dark);
    }
    if (item.kind == Kind::Replica && captions == 0)
      found << name + QStringLiteral(" has no caption");
  }
  return found;
}

} // namespace streamscope::test
