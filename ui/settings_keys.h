#pragma once
// Every QSettings key the application reads or writes, named once. The strings are what
// earlier versions stored: changing one forgets the users' saved value. Any thread.
#include <QLatin1StringView>

namespace streamscope::settings_keys {

/// The recently opened scenarios and recordings, newest first (absolute paths).
inline constexpr QLatin1StringView kRecentFiles{"recentScenarios"};
/// The main window's geometry (QWidget::saveGeometry).
inline constexpr QLatin1StringView kWindowGeometry{"window/geometry"};
/// The main window's docks and toolbar (QMainWindow::saveState).
inline constexpr QLatin1StringView kWindowState{"window/state"};

} // namespace streamscope::settings_keys
