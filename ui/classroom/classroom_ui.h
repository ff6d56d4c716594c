#pragma once
// The app's classroom: Classroom › Host Session… (the teacher's panel beside the canvas, the
// lesson's steps and reveals sent to the class, answers recorded) and Classroom › Join
// Session… (the student's panel; the canvas follows the teacher). The main window owns one.
#include "model/classroom/class_record.h"
#include "model/classroom/student_session.h"
#include "model/classroom/teacher_session.h"

#include <QObject>

#include <memory>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace streamscope::ui {

class LessonPanel;
class StudentDock;
class TeacherDock;

class ClassroomUi : public QObject {
  Q_OBJECT
public:
  /// `scenarioText` gives the text of the scenario open in the window.
  ClassroomUi(QMainWindow &window, model::SimulationController &controller, LessonPanel &lessons, std::function<QByteArray()> scenarioText);
  ~ClassroomUi() override;
  QMenu *menu() const { return m_menu; }

  /// Hosts the lesson open in the lesson panel, or else the open scenario. False with `error`.
  bool host(const classroom::ClassroomServer::Options &options, bool tls, QString *error);
  void join(const classroom::ClassroomClient::Options &options);
  /// Ends hosting or leaves the session.
  void stop();
  /// Shows the class the open step's answer and the chart of their choices.
  void reveal(int step);
  classroom::TeacherSession *teacher() const { return m_teacher.get(); }
  classroom::StudentSession *student() const { return m_student.get(); }
  TeacherDock *teacherDock() const { return m_teacherDock; }
  StudentDock *studentDock() const { return m_studentDock; }

private:
  void onLessonStep();
  void exportRecord();
  void showDock(QWidget *panel, const QString &title);

  QMainWindow &m_window;
  model::SimulationController &m_controller;
  LessonPanel &m_lessons;
  std::function<QByteArray()> m_scenarioText;
  QMenu *m_menu;
  QAction *m_host, *m_join, *m_stop, *m_export;
  std::unique_ptr<classroom::ClassRecord> m_record;
  std::unique_ptr<classroom::TeacherSession> m_teacher;
  std::unique_ptr<classroom::StudentSession> m_student;
  QDockWidget *m_dock = nullptr;
  TeacherDock *m_teacherDock = nullptr;
  StudentDock *m_studentDock = nullptr;
};

} // namespace streamscope::ui
