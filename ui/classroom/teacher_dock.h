#pragma once
// The teacher's classroom panel: where to join (address, code, fingerprint) in type large
// enough for the room, the students (following or exploring, their step), how many answered
// the open prediction and, once revealed, a bar chart of their choices; who did the try-it;
// lock or release following, remove a student, export the class record, end the session.
#include "model/classroom/teacher_session.h"

#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QPushButton;

namespace streamscope::ui {

class TeacherDock : public QWidget {
  Q_OBJECT
public:
  /// `joinText`: the addresses and code to show; `choices`: the open step's choice texts.
  TeacherDock(classroom::TeacherSession &session, const QString &joinText, QWidget *parent = nullptr);
  /// The teacher opened a step: its prediction's choices (empty: none) and right choice.
  void setStep(int step, const QStringList &choices, int correct);
  QCustomPlot *chart() const { return m_chart; }
  /// After a reveal: the chart of the class's choices, updated as late answers come.
  void showAnswers();

signals:
  /// Reveal pressed for the open step.
  void revealRequested(int step);
  void exportRequested();
  void endRequested();

private:
  void refreshStudents();
  void refreshAnswers();

  classroom::TeacherSession &m_session;
  int m_step = -1;
  QStringList m_choices;
  int m_correct = -1;
  bool m_revealed = false;
  QLabel *m_join, *m_answered, *m_tried;
  QListWidget *m_students;
  QCheckBox *m_lock;
  QPushButton *m_reveal, *m_remove;
  QCustomPlot *m_chart;
};

} // namespace streamscope::ui
