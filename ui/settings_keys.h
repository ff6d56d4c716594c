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

/// A random id made once per install: it seeds the order of each prediction's choices, so one
/// learner always sees the same order and two learners usually do not.
inline constexpr QLatin1StringView kLearnerId{"lessons/learnerId"};
/// The ids of the lessons the learner has played to the end (the course map marks them).
inline constexpr QLatin1StringView kLessonsPassed{"lessons/passed"};

/// The memory budget of a run in MiB (world, snapshots and metrics); absent: a quarter of the
/// machine's memory.
inline constexpr QLatin1StringView kMemoryBudgetMiB{"run/memoryBudgetMiB"};

} // namespace streamscope::settings_keys
