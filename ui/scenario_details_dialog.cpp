#include "scenario_details_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace streamscope::ui {

ScenarioDetailsDialog::ScenarioDetailsDialog(const QString &name, const QString &description, QWidget *parent) : QDialog(parent) {
  setWindowTitle(tr("Save Scenario"));
  auto *form = new QFormLayout(this);
  m_name = new QLineEdit(name, this);
  m_name->setObjectName(QStringLiteral("scenarioName"));
  m_name->selectAll();
  m_description = new QPlainTextEdit(description, this);
  m_description->setObjectName(QStringLiteral("scenarioDescription"));
  m_description->setTabChangesFocus(true);
  form->addRow(tr("&Name:"), m_name);
  form->addRow(tr("&Description:"), m_description);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  // A scenario needs a name: the title bar, the library and the welcome page show it.
  connect(m_name, &QLineEdit::textChanged, this,
          [buttons](const QString &text) { buttons->button(QDialogButtonBox::Save)->setEnabled(!text.trimmed().isEmpty()); });
  buttons->button(QDialogButtonBox::Save)->setEnabled(!name.trimmed().isEmpty());
  resize(480, 240);
}

QString ScenarioDetailsDialog::name() const { return m_name->text().trimmed(); }

QString ScenarioDetailsDialog::description() const { return m_description->toPlainText().trimmed(); }

void ScenarioDetailsDialog::setDetails(const QString &name, const QString &description) {
  m_name->setText(name);
  m_description->setPlainText(description);
}

} // namespace streamscope::ui
