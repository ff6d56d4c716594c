// Right-clicks a point of the canvas and picks one item from the context menu that opens.
#pragma once

#include "ui/canvas/stream_canvas.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QTimer>

namespace streamscope::test {

/// The rectangle of `item` on the canvas; empty when it is not drawn.
inline QRectF shapeRect(const ui::CanvasGeometry &g, model::WorldItem item) {
  for (const ui::CanvasShape &s : g.shapes)
    if (s.item == item)
      return s.rect;
  return {};
}

/// True when the menu opened at `at` had an item titled `text` and it was triggered.
inline bool pickFromCanvasMenu(ui::StreamCanvas &canvas, QPoint at, const QString &text) {
  bool triggered = false;
  QTimer::singleShot(50, [&] { // the menu runs its own event loop: pick the item from inside it
    auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    if (!menu)
      return;
    for (QAction *a : menu->actions())
      if (a->text() == text) {
        a->trigger();
        triggered = true;
      }
    menu->close();
  });
  QContextMenuEvent event(QContextMenuEvent::Mouse, at, canvas.mapToGlobal(at));
  QApplication::sendEvent(&canvas, &event);
  return triggered;
}

} // namespace streamscope::test
