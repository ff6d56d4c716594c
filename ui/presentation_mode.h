#pragma once
// Presentation mode of a main window: full screen, no menu, status bar, toolbar or side docks,
// the canvas in its large, high-contrast style and the lesson text enlarged for the back of
// the room. The teacher notes never show in the window the room sees. With a second screen
// the window goes to the projector (the screen it is not on) and a presenter view opens on
// the lecturer's screen, with the notes; swapScreens() exchanges the two. Leaving closes the
// presenter view and restores the window's place and dock layout as they were.
// GUI thread; the window and every part outlive this object (the window owns it).
#include <QByteArray>
#include <QList>
#include <QMetaObject>
#include <QPointer>
#include <QRect>

#include <functional>
#include <utility>

class QAction;
class QDockWidget;
class QMainWindow;
class QScreen;
class QToolBar;
class QWidget;

namespace streamscope::ui {

class LessonPanel;
class StreamCanvas;

struct PresentationParts {
  QToolBar *toolBar = nullptr;
  QList<QDockWidget *> docks; ///< hidden while presenting (a lesson's dock is not among them)
  StreamCanvas *canvas = nullptr;
  LessonPanel *lessons = nullptr; ///< its font grows while presenting; its notes are hidden
  QAction *toggle = nullptr; ///< checkable; kept in step without re-triggering
  QAction *swap = nullptr; ///< checkable "swap screens"; kept in step without re-triggering
  std::function<QWidget *()> makePresenterView; ///< a new top-level presenter view
};

class PresentationMode {
public:
  PresentationMode(QMainWindow &window, PresentationParts parts);
  ~PresentationMode();
  PresentationMode(const PresentationMode &) = delete;
  PresentationMode &operator=(const PresentationMode &) = delete;

  bool isOn() const { return m_on; }
  /// Enters or leaves presentation mode (nothing when already so).
  void set(bool on);
  /// With two screens: the canvas on the lecturer's screen and the presenter view on the
  /// other, or back. Remembered for the next time when not presenting.
  void setScreensSwapped(bool swapped);
  bool screensSwapped() const { return m_swapped; }
  /// The presenter view while presenting with two screens, else nullptr.
  QWidget *presenterView() const { return m_presenter; }

private:
  /// Puts the window (full screen) and the presenter view on their screens for the screens
  /// there are now; called on entering, on a swap and when a screen comes or goes.
  void place();
  /// The screen the room sees and the lecturer's screen (the same one with a single screen).
  std::pair<QScreen *, QScreen *> screens() const;

  QMainWindow &m_window;
  PresentationParts m_parts;
  QByteArray m_stateBefore; ///< the dock layout to restore
  QRect m_geometryBefore; ///< the window's place to restore
  bool m_maximizedBefore = false;
  QPointer<QScreen> m_home; ///< the screen the window was on before presenting
  QPointer<QWidget> m_presenter;
  QList<QMetaObject::Connection> m_screenWatch;
  bool m_on = false;
  bool m_swapped = false;
};

} // namespace streamscope::ui
