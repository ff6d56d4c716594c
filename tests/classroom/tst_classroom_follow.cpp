// A classroom on the simulation, in one process on 127.0.0.1: a teacher and 30 students
// through real sockets. Every student's run equals the teacher's (place and event hash) after
// every lesson step and after seeks, forks, branch switches and actions; answers are tallied
// exactly; a student whose connection drops, one who explores and follows again, and one who
// joins late all end where the teacher is; a lock brings explorers back.
#include "model/classroom/student_session.h"
#include "model/classroom/teacher_session.h"
#include "model/json/fault_json.h"
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"

#include <QJsonDocument>
#include <QtTest>

#include <memory>

using namespace streamscope;
using namespace streamscope::classroom;

namespace {

struct Student {
  model::SimulationController controller;
  StudentSession session{controller};
  QStringList problems;
  int step = -1;
};

model::Lesson lesson(const char *id) {
  QString why;
  const auto file = model::lessonFileById(QLatin1String(id), &why);
  if (!file)
    qFatal("%s", qPrintable(why));
  const auto loaded = model::loadLessonFile(*file);
  if (!loaded.lesson)
    qFatal("%s", qPrintable(loaded.error));
  return *loaded.lesson;
}

} // namespace

class TstClassroomFollow : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void thirtyStudentsFollowALesson() {
    const model::Lesson taught = lesson("09");
    model::SimulationController teacherRun;
    TeacherSession teacher(teacherRun);
    ClassroomServer::Options options;
    options.code = QStringLiteral("K3Y4B2");
    SessionInfo session;
    session.kind = SessionInfo::Kind::Lesson;
    session.lessonId = taught.id;
    QString why;
    QVERIFY2(teacher.start(options, session, taught.scenarioJson, &why), qPrintable(why));

    std::vector<std::unique_ptr<Student>> students;
    for (int i = 0; i < 30; ++i) {
      auto s = std::make_unique<Student>();
      Student *raw = s.get();
      QObject::connect(&raw->session, &StudentSession::outOfStep, [raw](const QString &w) { raw->problems << w; });
      QObject::connect(&raw->session, &StudentSession::refused, [raw](const QString &w) { raw->problems << w; });
      // Student i answers choice i mod the number of choices.
      QObject::connect(&raw->session, &StudentSession::lessonStep, [raw, i, &taught](int step) {
        raw->step = step;
        const auto &p = taught.steps[static_cast<std::size_t>(step)].prediction;
        if (p)
          raw->session.answer(i % static_cast<int>(p->choices.size()), 100 + i);
      });
      ClassroomClient::Options join;
      join.host = QStringLiteral("127.0.0.1");
      join.port = teacher.server().port();
      join.code = QStringLiteral("k3y-4b2"); // as typed: normalised by the client
      join.name = QStringLiteral("student %1").arg(i);
      raw->session.join(join);
      students.push_back(std::move(s));
    }
    QTRY_COMPARE_WITH_TIMEOUT(teacher.server().students().size(), 30, 20000);

    const auto allAtTeacher = [&] {
      return std::ranges::all_of(students, [&](const auto &s) {
        return s->controller.hasSimulation() && s->controller.place() == teacherRun.place() && s->controller.eventHash() == teacherRun.eventHash();
      });
    };
    for (int i = 0; i < static_cast<int>(taught.steps.size()); ++i) {
      const model::LessonStep &step = taught.steps[static_cast<std::size_t>(i)];
      const int choices = step.prediction ? static_cast<int>(step.prediction->choices.size()) : 0;
      teacher.lessonStep(i, choices);
      if (choices > 0) {
        QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(teacher.answers(i).byStudent.size()), 30, 20000);
        std::map<int, int> expected;
        for (int s = 0; s < 30; ++s)
          ++expected[s % choices];
        QCOMPARE(teacher.answers(i).counts(), expected);
      }
      QVERIFY(model::runStepHeadless(teacherRun, step).passed);
      if (choices > 0)
        teacher.reveal(i, QStringLiteral("because"));
      teacher.flush();
      QTRY_VERIFY_WITH_TIMEOUT(allAtTeacher(), 30000);
    }

    // Off the lesson's path: back in time, an action in the past (a fork), a switch, a step back.
    teacherRun.seek(3 * engine::kSecond);
    QTRY_VERIFY_WITH_TIMEOUT(allAtTeacher(), 20000);
    QString error;
    const auto fault = model::faultFromJson(teacherRun.scenarioJson(),
                                            QJsonDocument::fromJson(R"({"at_ms": 0, "action": "power_loss", "broker": 1})").object(), &error);
    QVERIFY2(fault, qPrintable(error));
    QVERIFY(!teacherRun.applyUserAction(*fault));
    teacherRun.runTo(6 * engine::kSecond);
    teacherRun.switchBranch(0);
    teacherRun.stepEvent();
    teacherRun.stepBack();
    teacher.flush();
    QTRY_VERIFY_WITH_TIMEOUT(allAtTeacher(), 20000);
    for (const auto &s : students) {
      QVERIFY2(s->problems.isEmpty(), qPrintable(s->problems.join(QLatin1Char('\n'))));
      QCOMPARE(s->controller.history().branches().size(), teacherRun.history().branches().size());
      QCOMPARE(s->step, static_cast<int>(taught.steps.size()) - 1);
    }

    // A dropped connection: the student resumes and catches up on what it missed.
    students[3]->session.client().dropConnection();
    teacherRun.runTo(9 * engine::kSecond);
    teacher.flush();
    QTRY_VERIFY_WITH_TIMEOUT(allAtTeacher(), 20000);

    // An explorer: acts on a branch of its own, then follows again and is back at the teacher's place.
    Student &explorer = *students[7];
    QVERIFY(explorer.session.setFollowing(false));
    QVERIFY(!explorer.controller.applyUserAction(*fault));
    explorer.controller.runTo(12 * engine::kSecond);
    teacherRun.runTo(10 * engine::kSecond);
    teacher.flush();
    QTRY_VERIFY_WITH_TIMEOUT(students[0]->controller.place() == teacherRun.place(), 20000);
    QVERIFY(explorer.controller.place() != teacherRun.place());
    QVERIFY(explorer.session.setFollowing(true));
    QTRY_VERIFY_WITH_TIMEOUT(allAtTeacher(), 20000);

    // A lock: nobody may leave, and a student away comes back.
    QVERIFY(students[8]->session.setFollowing(false));
    teacher.setLocked(true);
    QTRY_VERIFY_WITH_TIMEOUT(students[8]->session.following() && students[9]->session.locked(), 20000);
    QVERIFY(!students[9]->session.setFollowing(false));
    teacher.setLocked(false);
    QTRY_VERIFY_WITH_TIMEOUT(!students[9]->session.locked(), 20000);

    // Late: a student joining now replays the whole session to the teacher's place.
    Student late;
    ClassroomClient::Options join;
    join.host = QStringLiteral("127.0.0.1");
    join.port = teacher.server().port();
    join.code = options.code;
    join.name = QStringLiteral("late");
    QSignalSpy caughtUp(&late.session, &StudentSession::catchingUp);
    late.session.join(join);
    QTRY_VERIFY_WITH_TIMEOUT(late.controller.hasSimulation() && late.controller.place() == teacherRun.place(), 30000);
    QCOMPARE(late.controller.eventHash(), teacherRun.eventHash());
    QVERIFY(caughtUp.size() > 10); // progress while it replayed

    QSignalSpy ended(&late.session, &StudentSession::ended);
    teacher.end();
    QVERIFY(ended.wait(10000));
  }

  void wrongCodeIsRefused() {
    model::SimulationController teacherRun, studentRun;
    TeacherSession teacher(teacherRun);
    ClassroomServer::Options options;
    options.code = QStringLiteral("ABCDEF");
    QString why;
    const model::Lesson taught = lesson("01");
    QVERIFY(teacher.start(options, {SessionInfo::Kind::Lesson, taught.id, {}, {}}, taught.scenarioJson, &why));
    StudentSession student(studentRun);
    QSignalSpy refused(&student, &StudentSession::refused);
    ClassroomClient::Options join;
    join.host = QStringLiteral("127.0.0.1");
    join.port = teacher.server().port();
    join.code = QStringLiteral("ABCDEG");
    join.name = QStringLiteral("guess");
    student.join(join);
    QVERIFY(refused.wait(10000));
    QVERIFY(!studentRun.hasSimulation());
    QVERIFY(teacher.server().students().isEmpty());
  }
};

QTEST_MAIN(TstClassroomFollow)
#include "tst_classroom_follow.moc"
