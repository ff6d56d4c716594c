#pragma once
// Building the main window's actions the same way everywhere. GUI thread.
#include <QKeySequence>
#include <QString>

class QAction;
class QObject;

namespace streamscope::ui {

/// An action whose tooltip names its shortcut, so the keyboard is discoverable; `tip` is also
/// its status tip (the shortcuts list shows it).
QAction *makeAction(QObject *parent, const QString &text, const QKeySequence &key, const QString &tip);

} // namespace streamscope::ui
