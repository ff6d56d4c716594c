#pragma once
// A student's classroom panel: the connection and whether the app follows the teacher (a
// switch to explore alone and to follow again, off while the teacher locks following), the
// progress of catching up, the lesson step the teacher has open with its prediction to answer
// here, and after the teacher's reveal the explanation and the class's answers. A try-it done
// while exploring is reported to the teacher.
#include "model/classroom/student_session.h"
#include "model/lessons/lesson.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QButtonGroup;
class QCheckBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace streamscope::ui {

class StudentDock : public QWidget {
  Q_OBJECT
public:
  StudentDock(classroom::StudentSession &session, model::SimulationController &controller, QWidget *parent = nullptr);
  QString stepText() const;

private:
  void sessionStarted(const classroom::SessionInfo &session);
  void showStep(int step);
  void showReveal(int step, const QString &explanation, const std::map<int, int> &answers);
  void setStatus(const QString &text);

  classroom::StudentSession &m_session;
  model::SimulationController &m_controller;
  std::optional<model::Lesson> m_lesson;
  int m_step = -1;
  bool m_answered = false;
  bool m_triedSent = false; ///< the open step's try-it was reported
  QElapsedTimer m_asked;
  QLabel *m_status;
  QCheckBox *m_follow;
  QProgressBar *m_progress;
  QTextBrowser *m_text;
  QGroupBox *m_prediction;
  QButtonGroup *m_choices;
  QPushButton *m_answer;
};

} // namespace streamscope::ui
