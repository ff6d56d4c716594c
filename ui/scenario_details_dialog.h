#pragma once
// Save Scenario As asks what the saved file is: its name and description, prefilled with the
// running scenario's, so a saved variant does not pass itself off as the original. GUI thread.
#include <QDialog>

class QLineEdit;
class QPlainTextEdit;

namespace streamscope::ui {

class ScenarioDetailsDialog : public QDialog {
  Q_OBJECT
public:
  ScenarioDetailsDialog(const QString &name, const QString &description, QWidget *parent = nullptr);

  QString name() const;
  QString description() const;
  /// Fills the fields as a user would (tests answer the dialog without showing it).
  void setDetails(const QString &name, const QString &description);

private:
  QLineEdit *m_name = nullptr;
  QPlainTextEdit *m_description = nullptr;
};

} // namespace streamscope::ui
