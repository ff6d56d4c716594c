#pragma once
// The recently opened scenarios and recordings, kept in the user's settings (newest first, at
// most kMaxRecentFiles), and the File › Open Recent menu built from them. GUI thread.
#include <QString>
#include <QStringList>

#include <functional>

class QMenu;

namespace streamscope::ui {

inline constexpr int kMaxRecentFiles = 8;

/// The remembered files, newest first.
QStringList recentFiles();
/// Puts `path` (made absolute) first in the list.
void rememberRecentFile(const QString &path);
/// Replaces `menu`'s entries by one per recent file, each calling `open` with its path.
void fillRecentFilesMenu(QMenu &menu, const std::function<void(const QString &)> &open);

} // namespace streamscope::ui
