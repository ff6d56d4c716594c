#pragma once
// Presentation mode of a main window: full screen, no menu, status bar, toolbar or side docks,
// the canvas in its large, high-contrast style and the lesson text enlarged for the back of
// the room. Leaving restores the window's dock layout as it was. GUI thread; the window and
// every part outlive this object (the window owns it).
#include <QByteArray>
#include <QList>
#include <QRect>

class QAction;
class QDockWidget;
class QMainWindow;
class QToolBar;
class QWidget;

namespace streamscope::ui {

class StreamCanvas;

struct PresentationParts {
  QToolBar *toolBar = nullptr;
  QList<QDockWidget *> docks; ///< hidden while presenting (a lesson's dock is not among them)
  StreamCanvas *canvas = nullptr;
  QWidget *lessons = nullptr; ///< its font grows while presenting
  QAction *toggle = nullptr; ///< checkable; kept in step without re-triggering
};

class PresentationMode {
public:
  PresentationMode(QMainWindow &window, PresentationParts parts) : m_window(window), m_parts(std::move(parts)) {}
  PresentationMode(const PresentationMode &) = delete;
  PresentationMode &operator=(const PresentationMode &) = delete;

  bool isOn() const { return m_on; }
  /// Enters or leaves presentation mode (nothing when already so).
  void set(bool on);

private:
  QMainWindow &m_window;
  PresentationParts m_parts;
  QByteArray m_stateBefore; ///< the dock layout to restore
  QRect m_geometryBefore; ///< the window's place to restore
  bool m_on = false;
};

} // namespace streamscope::ui
