#include "classroom_ui.h"

#include "model/classroom/self_signed_cert.h"
#include "model/history/library_store.h"
#include "session_dialogs.h"
#include "student_dock.h"
#include "teacher_dock.h"
#include "ui/lesson_panel.h"

#include <QAbstractButton>
#include <QAction>
#include <QButtonGroup>
#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSaveFile>
#include <QStatusBar>

namespace streamscope::ui {

ClassroomUi::ClassroomUi(QMainWindow &window, model::SimulationController &controller, LessonPanel &lessons, std::function<QByteArray()> scenarioText)
    : QObject(&window), m_window(window), m_controller(controller), m_lessons(lessons), m_scenarioText(std::move(scenarioText)),
      m_menu(new QMenu(tr("&Classroom"), &window)) {
  m_host = m_menu->addAction(tr("&Host Session…"), this, [this] {
    const model::Lesson *lesson = m_lessons.currentLesson();
    HostSessionDialog dialog(lesson ? tr("the lesson \"%1\"").arg(lesson->title) : tr("the open scenario"), &m_window);
    if (dialog.exec() != QDialog::Accepted)
      return;
    QString why;
    if (!host(dialog.options(), dialog.tls(), &why))
      QMessageBox::warning(&m_window, tr("Host a Classroom Session"), why);
  });
  m_host->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H));
  m_host->setToolTip(tr("Let students' apps follow this one, collect their predictions, let them explore and come back"));
  m_join = m_menu->addAction(tr("&Join Session…"), this, [this] {
    JoinSessionDialog dialog(&m_window);
    if (dialog.exec() == QDialog::Accepted)
      join(dialog.options());
  });
  m_join->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_J));
  m_join->setToolTip(tr("Follow a teacher's app: the same lesson, the same run, your own window"));
  m_export = m_menu->addAction(tr("&Export Class Record…"), this, &ClassroomUi::exportRecord);
  m_export->setToolTip(tr("A session's answers as CSV, with a summary per step"));
  m_stop = m_menu->addAction(tr("&End or Leave Session"), this, &ClassroomUi::stop);
  m_stop->setEnabled(false);
}

ClassroomUi::~ClassroomUi() { stop(); }

void ClassroomUi::showDock(QWidget *panel, const QString &title) {
  if (!m_dock) {
    m_dock = new QDockWidget(&m_window);
    m_dock->setObjectName(QStringLiteral("classroomDock"));
    m_window.addDockWidget(Qt::LeftDockWidgetArea, m_dock);
  }
  m_dock->setWindowTitle(title);
  m_dock->setWidget(panel);
  m_dock->show();
}

bool ClassroomUi::host(const classroom::ClassroomServer::Options &given, bool tls, QString *error) {
  stop();
  classroom::ClassroomServer::Options options = given;
  if (tls) {
    options.tls = classroom::loadOrCreateTlsIdentity(classroom::defaultTlsDirectory(), error);
    if (!options.tls)
      return false;
  }
  const model::Lesson *lesson = m_lessons.currentLesson();
  classroom::SessionInfo session;
  QByteArray scenario = m_scenarioText();
  if (lesson) {
    session.kind = classroom::SessionInfo::Kind::Lesson;
    session.lessonId = lesson->id;
    scenario = lesson->scenarioJson;
  } else {
    session.scenarioText = scenario;
  }
  const QString lessonId = lesson ? lesson->id : QString();
  m_teacher = std::make_unique<classroom::TeacherSession>(m_controller);
  if (!m_teacher->start(options, session, scenario, error)) {
    m_teacher.reset();
    return false;
  }
  m_record = std::make_unique<classroom::ClassRecord>(model::LibraryStore::defaultPath());
  if (m_record->ok())
    m_teacher->setRecord(m_record.get(), lessonId.isEmpty() ? tr("scenario") : lessonId);
  else
    m_window.statusBar()->showMessage(tr("Answers are not recorded: %1").arg(m_record->error()), 10000);
  if (!lessonId.isEmpty()) { // the load above left the lesson; it starts again, with the class
    m_lessons.selectLessonById(lessonId);
    connect(&m_lessons, &LessonPanel::stepChanged, this, &ClassroomUi::onLessonStep);
  }
  QStringList where;
  const QString scheme = options.tls ? QStringLiteral("wss") : QStringLiteral("ws");
  if (options.address == QHostAddress::AnyIPv4 || options.address == QHostAddress::Any) {
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
      if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
        where << QStringLiteral("%1:%2").arg(a.toString()).arg(m_teacher->server().port());
  }
  if (where.isEmpty())
    where << QStringLiteral("%1:%2").arg(options.address.toString()).arg(m_teacher->server().port());
  QString join = tr("Join at <b>%1</b><br>code <b>%2</b>").arg(where.join(QStringLiteral(" or ")), options.code);
  if (options.tls)
    join += tr("<br><small>fingerprint %1</small>").arg(options.tls->fingerprint());
  Q_UNUSED(scheme);
  m_teacherDock = new TeacherDock(*m_teacher, join);
  connect(m_teacherDock, &TeacherDock::revealRequested, this, &ClassroomUi::reveal);
  connect(m_teacherDock, &TeacherDock::exportRequested, this, &ClassroomUi::exportRecord);
  connect(m_teacherDock, &TeacherDock::endRequested, this, &ClassroomUi::stop);
  showDock(m_teacherDock, tr("Classroom: hosting"));
  m_stop->setEnabled(true);
  m_host->setEnabled(false);
  m_join->setEnabled(false);
  onLessonStep();
  return true;
}

void ClassroomUi::onLessonStep() {
  const model::Lesson *lesson = m_lessons.currentLesson();
  if (!m_teacher || !lesson)
    return;
  const int step = m_lessons.stepIndex();
  const bool inStep = step >= 0 && step < static_cast<int>(lesson->steps.size());
  const auto &prediction = inStep ? lesson->steps[static_cast<std::size_t>(step)].prediction : std::nullopt;
  if (step == m_teacher->currentStep())
    return;
  m_teacher->lessonStep(step, prediction ? static_cast<int>(prediction->choices.size()) : 0, prediction ? prediction->answer : -1);
  m_teacherDock->setStep(step, prediction ? prediction->choices : QStringList(), prediction ? prediction->answer : -1);
}

void ClassroomUi::reveal(int step) {
  if (!m_teacher)
    return;
  // The reveal explains what the step's run shows: a step still asking runs first (with the
  // teacher's choice, or the right one), and a try-it waiting is shown done, so every student
  // sees the values of the step's end.
  if (m_lessons.asking()) {
    const model::Lesson *lesson = m_lessons.currentLesson();
    if (m_lessons.choices()->checkedId() < 0 && lesson && step >= 0 && step < static_cast<int>(lesson->steps.size()) &&
        lesson->steps[static_cast<std::size_t>(step)].prediction)
      if (QAbstractButton *right = m_lessons.choices()->button(lesson->steps[static_cast<std::size_t>(step)].prediction->answer))
        right->setChecked(true);
    m_lessons.answer();
  }
  if (m_lessons.waitingForTryIt())
    m_lessons.showMe();
  m_teacher->reveal(step, m_lessons.stepNarration().explanation);
  m_teacherDock->showAnswers();
}

void ClassroomUi::join(const classroom::ClassroomClient::Options &options) {
  stop();
  m_lessons.leaveLesson(); // the teacher's lesson drives this run now
  m_student = std::make_unique<classroom::StudentSession>(m_controller);
  m_studentDock = new StudentDock(*m_student, m_controller);
  showDock(m_studentDock, tr("Classroom: %1").arg(options.host));
  m_student->join(options);
  m_stop->setEnabled(true);
  m_host->setEnabled(false);
  m_join->setEnabled(false);
}

void ClassroomUi::stop() {
  if (m_teacher) {
    disconnect(&m_lessons, &LessonPanel::stepChanged, this, &ClassroomUi::onLessonStep);
    m_teacher->end();
  }
  if (m_student)
    m_student->leave();
  if (m_dock) {
    m_dock->setWidget(nullptr);
    m_dock->hide();
  }
  delete m_teacherDock;
  delete m_studentDock;
  m_teacherDock = nullptr;
  m_studentDock = nullptr;
  m_teacher.reset();
  m_student.reset();
  m_stop->setEnabled(false);
  m_host->setEnabled(true);
  m_join->setEnabled(true);
}

void ClassroomUi::exportRecord() {
  classroom::ClassRecord record(model::LibraryStore::defaultPath());
  const QStringList sessions = record.sessions();
  if (!record.ok() || sessions.isEmpty()) {
    QMessageBox::information(&m_window, tr("Export Class Record"), record.ok() ? tr("No answers have been recorded yet.") : record.error());
    return;
  }
  const QString session = m_teacher ? m_teacher->sessionId() : sessions.front();
  const QString path = QFileDialog::getSaveFileName(&m_window, tr("Export Class Record"), QStringLiteral("class-record.csv"), tr("CSV (*.csv)"));
  if (path.isEmpty())
    return;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(record.csv(session).toUtf8()) < 0 || !file.commit())
    QMessageBox::warning(&m_window, tr("Export Class Record"), tr("Cannot write %1: %2").arg(path, file.errorString()));
  else
    m_window.statusBar()->showMessage(tr("Exported the class record of %1 to %2").arg(session, path), 6000);
}

} // namespace streamscope::ui
