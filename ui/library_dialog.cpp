#include "library_dialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace streamscope::ui {

LibraryDialog::LibraryDialog(model::LibraryStore &library, QWidget *parent) : QDialog(parent), m_library(library) {
  setWindowTitle(tr("Library"));
  resize(760, 420);
  auto *layout = new QVBoxLayout(this);
  m_table = new QTableWidget(this);
  m_table->setColumnCount(5);
  m_table->setHorizontalHeaderLabels({tr("Name"), tr("Kind"), tr("Systems"), tr("Duration"), tr("Saved")});
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setStretchLastSection(true);
  layout->addWidget(m_table);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Close, this);
  QPushButton *forget = buttons->addButton(tr("Forget"), QDialogButtonBox::ActionRole);
  forget->setToolTip(tr("Remove the entry from the library (the file stays)"));
  layout->addWidget(buttons);
  const auto open = [this] {
    const int row = m_table->currentRow();
    if (row < 0)
      return;
    m_chosen = m_table->item(row, 0)->data(Qt::UserRole).toString();
    accept();
  };
  connect(m_table, &QTableWidget::cellDoubleClicked, this, open);
  connect(buttons->button(QDialogButtonBox::Open), &QPushButton::clicked, this, open);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(forget, &QPushButton::clicked, this, [this] {
    const int row = m_table->currentRow();
    if (row >= 0) {
      m_library.forget(m_table->item(row, 0)->data(Qt::UserRole).toString());
      fill();
    }
  });
  fill();
}

void LibraryDialog::fill() {
  const auto entries = m_library.entries();
  m_table->setRowCount(static_cast<int>(entries.size()));
  for (int row = 0; row < static_cast<int>(entries.size()); ++row) {
    const model::LibraryEntry &e = entries[static_cast<std::size_t>(row)];
    const bool missing = !QFileInfo::exists(e.path);
    auto *name = new QTableWidgetItem(missing ? tr("%1 (missing)").arg(e.name) : e.name);
    name->setData(Qt::UserRole, e.path);
    name->setToolTip(e.path);
    m_table->setItem(row, 0, name);
    m_table->setItem(row, 1, new QTableWidgetItem(e.kind == QLatin1String("recording") ? tr("recording") : tr("scenario")));
    m_table->setItem(row, 2, new QTableWidgetItem(e.systems));
    m_table->setItem(row, 3, new QTableWidgetItem(tr("%1 s").arg(static_cast<double>(e.durationMs) / 1000, 0, 'f', 0)));
    m_table->setItem(row, 4, new QTableWidgetItem(QLocale().toString(e.savedAt.toLocalTime(), QLocale::ShortFormat)));
  }
  m_table->resizeColumnsToContents();
  if (!entries.empty())
    m_table->selectRow(0);
}

} // namespace streamscope::ui
