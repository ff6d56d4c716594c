#pragma once
// The library: the scenarios and recordings the user saved or opened, newest first, with
// name, kind, systems, duration and date. Double-click (or Open) to open one.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "model/history/library_store.h"

#include <QDialog>

class QTableWidget;

namespace streamscope::ui {

class LibraryDialog : public QDialog {
  Q_OBJECT
public:
  LibraryDialog(model::LibraryStore &library, QWidget *parent = nullptr);
  /// The path chosen, empty if none.
  QString chosenPath() const { return m_chosen; }
  QTableWidget *table() const { return m_table; }

private:
  void fill();

  model::LibraryStore &m_library;
  QTableWidget *m_table = nullptr;
  QString m_chosen;
};

} // namespace streamscope::ui
