#pragma once
// The first screen: start the side-by-side demo, open a scenario or a recording, reopen a
// recent file, or pick a lesson (with the learner's progress), from the list or the course map. The window switches to the
// canvas as soon as one is chosen.
// Contract: a widget; GUI thread only.
#include "course_map.h"

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace streamscope::ui {

class WelcomePage : public QWidget {
  Q_OBJECT
public:
  explicit WelcomePage(QWidget *parent = nullptr);

  /// Recent scenarios and recordings, newest first (absolute paths).
  void setRecent(const QStringList &paths);
  /// Lessons as (id, label), the label carrying the progress mark; each is shown with its
  /// number ("07 · ..."), as the docs and `--lesson 07` name it.
  void setLessons(const QList<QPair<QString, QString>> &lessons);

  /// The course map: lessons as a graph of prerequisites, those done marked.
  void setCourse(std::vector<CourseMap::Node> nodes);

  QPushButton *demoButton() const { return m_demo; }
  CourseMap *courseMap() const { return m_map; }
  QListWidget *recentList() const { return m_recent; }
  QListWidget *lessonList() const { return m_lessons; }

signals:
  void demoRequested();
  void openScenarioRequested();
  void openRecordingRequested();
  void recentChosen(const QString &path);
  void lessonChosen(const QString &id);

private:
  QPushButton *m_demo = nullptr;
  QListWidget *m_recent = nullptr;
  QListWidget *m_lessons = nullptr;
  CourseMap *m_map = nullptr;
};

} // namespace streamscope::ui
