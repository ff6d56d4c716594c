#include "action_factory.h"

#include <QAction>

namespace streamscope::ui {

QAction *makeAction(QObject *parent, const QString &text, const QKeySequence &key, const QString &tip) {
  auto *a = new QAction(text, parent);
  a->setShortcut(key);
  const QString keyText = key.toString(QKeySequence::NativeText);
  a->setToolTip(keyText.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keyText));
  a->setStatusTip(tip);
  return a;
}

} // namespace streamscope::ui
