#include "recent_files.h"

#include "settings_keys.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace streamscope::ui {

QStringList recentFiles() { return QSettings().value(settings_keys::kRecentFiles).toStringList(); }

void rememberRecentFile(const QString &path) {
  QSettings settings;
  QStringList recent = settings.value(settings_keys::kRecentFiles).toStringList();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  settings.setValue(settings_keys::kRecentFiles, recent.mid(0, kMaxRecentFiles));
}

void fillRecentFilesMenu(QMenu &menu, const std::function<void(const QString &)> &open) {
  menu.clear();
  const QStringList recent = recentFiles();
  for (const QString &path : recent)
    menu.addAction(QFileInfo(path).fileName(), &menu, [open, path] { open(path); })->setToolTip(path);
  if (recent.isEmpty())
    menu.addAction(QMenu::tr("No recent scenarios or recordings"))->setEnabled(false);
}

} // namespace streamscope::ui
