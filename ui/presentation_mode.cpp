#include "presentation_mode.h"

#include "canvas/stream_canvas.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QToolBar>

namespace streamscope::ui {

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
    m_window.showFullScreen();
    // Without a window manager full screen is only a state: fill the screen explicitly.
    if (const QScreen *screen = m_window.screen())
      m_window.setGeometry(screen->geometry());
  } else {
    m_window.menuBar()->show();
    m_window.statusBar()->show();
    m_window.restoreState(m_stateBefore);
    m_window.showNormal();
    m_window.setGeometry(m_geometryBefore);
  }
  m_parts.canvas->setPresenting(on);
  // The lesson's text is read from the back of the room too.
  QFont lessonFont = m_window.font();
  if (on)
    lessonFont.setPointSizeF(lessonFont.pointSizeF() * 1.5);
  m_parts.lessons->setFont(lessonFont);
  // A lesson takes at most a third of the width: the canvas is what the room looks at.
  if (auto *dock = qobject_cast<QDockWidget *>(m_parts.lessons->parentWidget()))
    dock->setMaximumWidth(on ? m_window.geometry().width() / 3 : QWIDGETSIZE_MAX);
  const QSignalBlocker block(m_parts.toggle);
  m_parts.toggle->setChecked(on);
}

} // namespace streamscope::ui
