#include "help_dialogs.h"

#include "model/explain/glossary.h"
#include "model/history/library_store.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QSet>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace streamscope::ui {

GlossaryDialog::GlossaryDialog(QWidget *parent) : QDialog(parent) {
  setWindowTitle(tr("Glossary"));
  resize(560, 640);
  auto *layout = new QVBoxLayout(this);
  auto *text = new QTextBrowser(this);
  text->setObjectName(QStringLiteral("glossaryText"));
  text->setHtml(model::glossaryHtml());
  layout->addWidget(text);
}

void GlossaryDialog::showTerm(const QString &id) {
  auto *text = findChild<QTextBrowser *>(QStringLiteral("glossaryText"));
  if (id.isEmpty())
    text->moveCursor(QTextCursor::Start);
  else
    text->scrollToAnchor(id);
  show();
  raise();
}

void showShortcutsDialog(QWidget *parent, const QList<QAction *> &actions) {
  QString html = QStringLiteral("<table cellpadding='3'>");
  QSet<QString> seen;
  for (QAction *a : actions) {
    const QString keys = a->shortcuts().isEmpty() ? QString() : a->shortcut().toString(QKeySequence::NativeText);
    const QString name = a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    if (keys.isEmpty() || seen.contains(name))
      continue;
    seen.insert(name);
    html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                .arg(keys.toHtmlEscaped(), name.toHtmlEscaped(), a->statusTip().toHtmlEscaped());
  }
  html += QStringLiteral("</table>");
  QMessageBox box(parent);
  box.setWindowTitle(QMessageBox::tr("Keyboard shortcuts"));
  box.setTextFormat(Qt::RichText);
  box.setText(html);
  box.exec();
}

void showAboutDialog(QWidget *parent) {
  QMessageBox::about(
      parent, QMessageBox::tr("About StreamScope"),
      QMessageBox::tr("<h3>StreamScope %1</h3><p>Apache Kafka and Amazon Kinesis Data Streams, simulated and animated.</p>"
                      "<p>Qt %2 · QCustomPlot %3 · SQLite %4</p>")
          .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()), QStringLiteral(QCUSTOMPLOT_VERSION_STR), model::sqliteVersion()));
}

} // namespace streamscope::ui
