#include "presentation_mode.h"

#include "canvas/stream_canvas.h"
#include "lesson_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace streamscope::ui {

PresentationMode::PresentationMode(QMainWindow &window, PresentationParts parts) : m_window(window), m_parts(std::move(parts)) {
  // A projector plugged in or out while presenting: place everything again, once Qt has
  // moved the windows of a screen that went away.
  const auto again = [this] {
    QTimer::singleShot(0, &m_window, [this] {
      if (m_on)
        place();
    });
  };
  m_screenWatch << QObject::connect(qApp, &QGuiApplication::screenAdded, &m_window, again)
                << QObject::connect(qApp, &QGuiApplication::screenRemoved, &m_window, again);
}

PresentationMode::~PresentationMode() {
  for (const QMetaObject::Connection &c : m_screenWatch)
    QObject::disconnect(c);
  delete m_presenter;
}

void PresentationMode::set(bool on) {
  if (on == m_on)
    return;
  m_on = on;
  if (on) {
    m_stateBefore = m_window.saveState();
    m_window.menuBar()->hide();
    m_window.statusBar()->hide();
    m_parts.toolBar->hide();
    for (QDockWidget *dock : m_parts.docks) // a lesson in progress stays: the class reads it from the screen
      dock->hide();
    m_geometryBefore = m_window.geometry();
    m_maximizedBefore = m_window.isMaximized();
    m_home = m_window.screen();
    place();
  } else {
    if (m_presenter) { // deleted later: this may run from one of its own buttons
      m_presenter->hide();
      m_presenter->deleteLater();
      m_presenter = nullptr;
    }
    m_window.menuBar()->show();
    m_window.statusBar()->show();
    m_window.restoreState(m_stateBefore);
    if (m_home)
      m_window.setScreen(m_home);
    m_window.showNormal();
    m_window.setGeometry(m_geometryBefore);
    if (m_maximizedBefore)
      m_window.showMaximized();
  }
  m_parts.canvas->setPresenting(on);
  // The lesson's text is read from the back of the room too; the notes are not for the room.
  QFont lessonFont = m_window.font();
  if (on)
    lessonFont.setPointSizeF(lessonFont.pointSizeF() * 1.5);
  m_parts.lessons->setFont(lessonFont);
  m_parts.lessons->setNotesAllowed(!on);
  // A lesson takes at most a third of the width: the canvas is what the room looks at.
  if (auto *dock = qobject_cast<QDockWidget *>(m_parts.lessons->parentWidget()))
    dock->setMaximumWidth(on ? m_window.geometry().width() / 3 : QWIDGETSIZE_MAX);
  const QSignalBlocker block(m_parts.toggle);
  m_parts.toggle->setChecked(on);
}

void PresentationMode::setScreensSwapped(bool swapped) {
  m_swapped = swapped;
  if (m_parts.swap) {
    const QSignalBlocker block(m_parts.swap);
    m_parts.swap->setChecked(swapped);
  }
  if (m_on)
    place();
}

std::pair<QScreen *, QScreen *> PresentationMode::screens() const {
  QScreen *home = m_home ? m_home.data() : m_window.screen();
  // The projector is the first other screen the system lists.
  for (QScreen *screen : QGuiApplication::screens())
    if (screen != home)
      return m_swapped ? std::pair{home, screen} : std::pair{screen, home};
  return {home, home};
}

void PresentationMode::place() {
  const auto [room, lecturer] = screens();
  if (room && m_window.screen() != room) {
    if (m_window.isFullScreen()) // a window manager moves a normal window more willingly
      m_window.showNormal();
    m_window.setScreen(room);
    m_window.setGeometry(room->geometry());
  }
  m_window.showFullScreen();
  // Without a window manager full screen is only a state: fill the screen explicitly.
  if (room)
    m_window.setGeometry(room->geometry());

  if (room == lecturer) { // one screen: the room sees it all, so no presenter view
    if (m_presenter) {
      m_presenter->hide();
      m_presenter->deleteLater();
      m_presenter = nullptr;
    }
    return;
  }
  if (!m_presenter) {
    m_presenter = m_parts.makePresenterView();
    m_presenter->setAttribute(Qt::WA_DeleteOnClose); // closed by hand: gone until the next placing
  }
  m_presenter->setScreen(lecturer);
  m_presenter->setGeometry(lecturer->availableGeometry());
  m_presenter->showMaximized();
  m_presenter->raise();
  m_presenter->activateWindow(); // the lecturer's keys go to the lecturer's screen
}

} // namespace streamscope::ui
