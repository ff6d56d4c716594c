#pragma once
// The app's classroom options: join a teacher's session at startup (--join), or host the open
// lesson or scenario (--host-session); with --screenshot, picture the window once the student
// has caught up, or once the teacher has revealed a prediction answered by N students.
#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace streamscope::ui {
class MainWindow;
}

namespace streamscope::app {

struct ClassroomStartupOptions {
  QCommandLineOption join, host, code, name, revealAfter;
  ClassroomStartupOptions();
  void addTo(QCommandLineParser &parser) const;
  bool anySet(const QCommandLineParser &parser) const;
};

/// Joins or hosts as asked. nullopt: run on as usual; else the exit status (2 after a bad
/// option; with a screenshot, once it was taken: 0, or 1 if it could not be written).
/// `lessonSteps`: steps the teacher's lesson plays once the class is hosted.
std::optional<int> startClassroom(const QCommandLineParser &parser, const ClassroomStartupOptions &o, ui::MainWindow &window, int lessonSteps,
                                  const QString &screenshot);

} // namespace streamscope::app
