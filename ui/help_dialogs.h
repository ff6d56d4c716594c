#pragma once
// The Help menu's windows: the glossary (one per main window, kept open beside it and
// scrolled to a term), the keyboard shortcuts built from a window's own actions, and About.
// GUI thread.
#include <QDialog>
#include <QList>

class QAction;
class QWidget;

namespace streamscope::ui {

class GlossaryDialog : public QDialog {
  Q_OBJECT
public:
  explicit GlossaryDialog(QWidget *parent = nullptr);
  /// Shows and raises the dialog, scrolled to the term `id` or, when empty, at the top.
  void showTerm(const QString &id);
};

/// A modal table of every action with a shortcut: keys, name, what it does. Built from the
/// actions themselves, so it cannot go out of date.
void showShortcutsDialog(QWidget *parent, const QList<QAction *> &actions);
/// The About box: version, and the versions of Qt, QCustomPlot and SQLite in use.
void showAboutDialog(QWidget *parent);

} // namespace streamscope::ui
