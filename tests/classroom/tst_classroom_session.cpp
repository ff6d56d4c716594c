// A classroom session over real sockets on 127.0.0.1: joining, following the teacher's
// commands, refusals, bad frames, removal and resuming after a dropped connection.
#include "classroom_fixture.h"

using namespace streamscope::classroom;
using namespace streamscope::classroom::testing;

class TestClassroomSession : public QObject {
  Q_OBJECT
private slots:
  void thirtyStudentsFollowEveryBroadcastInOrder() {
    ClassroomServer host;
    QVERIFY2(host.listen(hostOptions()), qPrintable(host.errorString()));
    QVERIFY(host.setSession(scenarioSession()));
    std::vector<std::unique_ptr<Student>> students;
    for (int i = 0; i < 30; ++i) {
      students.push_back(std::make_unique<Student>());
      students.back()->join(host.port(), QStringLiteral("Sam"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(host.students().size(), 30, 10000);
    for (const auto &s : students)
      QTRY_COMPARE_WITH_TIMEOUT(s->welcomes.size(), 1, 10000);
    // Same typed name, 30 different names on the teacher's list.
    QSet<QString> names;
    for (const auto &info : host.students())
      names.insert(info.name);
    QCOMPARE(names.size(), 30);
    QVERIFY(names.contains(QStringLiteral("Sam")) && names.contains(QStringLiteral("Sam (30)")));
    QCOMPARE(students.front()->welcomes.first().session, scenarioSession());

    for (int i = 1; i <= 20; ++i)
      QCOMPARE(host.broadcast(play(i * 1000)), qint64(i));
    QList<qint64> expected;
    for (int i = 1; i <= 20; ++i)
      expected.append(i);
    for (const auto &s : students)
      QTRY_COMPARE_WITH_TIMEOUT(s->seqs, expected, 10000);
  }

  void lateStudentGetsTheLogAndTheLock() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    QVERIFY(host.setSession(SessionInfo{SessionInfo::Kind::Lesson, QStringLiteral("kafka-01"), {}, std::nullopt}));
    host.broadcast(play());
    host.broadcast(commandPayload(QStringLiteral("lesson_step"), 10, 1, {{QStringLiteral("step"), 2}}));
    host.broadcast(commandPayload(QStringLiteral("lock"), 10, 1));
    QVERIFY(host.locked());
    Student late;
    late.join(host.port(), QStringLiteral("Late"));
    QTRY_COMPARE(late.welcomes.size(), 1);
    const Welcome &welcome = late.welcomes.first();
    QCOMPARE(welcome.log.size(), 3);
    QCOMPARE(welcome.log.at(1).payload.value(QStringLiteral("step")).toInt(), 2);
    QVERIFY(welcome.locked);
    QCOMPARE(welcome.session.lessonId, QStringLiteral("kafka-01"));
    QCOMPARE(late.client->lastSeq(), 3);
    // A new session starts a new log, and every student is welcomed into it.
    QVERIFY(host.setSession(scenarioSession()));
    QTRY_COMPARE(late.welcomes.size(), 2);
    QVERIFY(late.welcomes.last().log.isEmpty());
    QVERIFY(!late.welcomes.last().locked);
    host.broadcast(play());
    QTRY_COMPARE(late.seqs.last(), 4);
  }

  void welcomeLargerThanAFrameArrivesWhole() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    // A scenario filling most of the 4 MiB frame, and a log that cannot fit beside it.
    SessionInfo big = scenarioSession();
    big.scenarioText = "{\"name\":\"big\",\"description\":\"" + QByteArray(kMaxHostFrameBytes - 20000, 'x') + "\"}";
    QVERIFY(host.setSession(big));
    const QString note(300, QLatin1Char('n'));
    for (int i = 0; i < 200; ++i)
      QVERIFY(host.broadcast(commandPayload(QStringLiteral("step_event"), i, i, {{QStringLiteral("note"), note}})) > 0);
    Student late;
    late.join(host.port(), QStringLiteral("Late"));
    QTRY_COMPARE_WITH_TIMEOUT(late.seqs.size(), 200, 10000);
    QCOMPARE(late.welcomes.size(), 1);
    QVERIFY(late.welcomes.first().log.size() < 200); // the rest came as commands
    QCOMPARE(late.welcomes.first().session.scenarioText, big.scenarioText);
    for (int i = 0; i < 200; ++i)
      QCOMPARE(late.seqs.at(i), qint64(i + 1));
    // A session that cannot fit in any welcome is refused and the current one kept.
    SessionInfo tooBig = big;
    tooBig.scenarioText += QByteArray(30000, 'y');
    QString error;
    QVERIFY(!host.setSession(tooBig, &error));
    QVERIFY(error.contains(QStringLiteral("does not fit")));
    QCOMPARE(host.log().size(), 200);
  }

  void wrongCodeIsRefused() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    Student student;
    student.join(host.port(), QStringLiteral("Eve"), QStringLiteral("AAAAAA"));
    QTRY_COMPARE(student.refusals, QStringList{QStringLiteral("wrong join code")});
    QVERIFY(host.students().isEmpty());
    QVERIFY(!student.client->isJoined());
  }

  void versionMismatchNamesBothVersions() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    RawSocket raw(host.port());
    QVERIFY(raw.waitConnected());
    raw.hello(99);
    QTRY_VERIFY(raw.closed);
    const auto reply = raw.last();
    QVERIFY(reply && std::holds_alternative<Refused>(*reply));
    const QString reason = std::get<Refused>(*reply).reason;
    QVERIFY2(reason.contains(QStringLiteral("version %1").arg(kProtocolVersion)) && reason.contains(QStringLiteral("version 99")),
             qPrintable(reason));
    QVERIFY(host.students().isEmpty());
  }

  void silentConnectionIsRefusedAfterTheHelloTimeout() {
    ClassroomServer host;
    auto options = hostOptions();
    options.helloTimeoutMs = 300;
    QVERIFY(host.listen(options));
    RawSocket raw(host.port());
    QVERIFY(raw.waitConnected());
    QTRY_VERIFY_WITH_TIMEOUT(raw.closed, 3000);
    QVERIFY(raw.last() && std::holds_alternative<Refused>(*raw.last()));
  }

  void garbageInsteadOfAHelloIsRefused() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    RawSocket raw(host.port());
    QVERIFY(raw.waitConnected());
    raw.send(encode(StudentMessage(Answer{1, 1, 1})));
    QTRY_VERIFY(raw.closed);
    QCOMPARE(std::get<Refused>(*raw.last()).reason, QStringLiteral("expected a hello, got answer"));
  }

  void badFramesAreDroppedAndOthersContinue() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    QSignalSpy fromStudents(&host, &ClassroomServer::messageFrom);
    Student good;
    good.join(host.port(), QStringLiteral("Good"));
    RawSocket raw(host.port());
    QVERIFY(raw.waitConnected());
    raw.hello();
    QTRY_COMPARE(host.students().size(), 2);
    QTRY_VERIFY(!raw.received.isEmpty());

    // Malformed, unknown, and host-only messages from a student: dropped, connection kept.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("dropped a message from student s2 : not JSON")));
    raw.send("{not json");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unknown message type \"shutdown\"")));
    raw.send(R"({"type":"shutdown"})");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("message type \"command\" may only come from the host")));
    raw.send(encode(HostMessage(Command{1, commandPayload(QStringLiteral("pause"), 0, 0)})));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("message type \"end\" may only come from the host")));
    raw.send(encode(HostMessage(End{})));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("dropped a second hello")));
    raw.hello();
    raw.send(encode(StudentMessage(Tried{4})));
    QTRY_COMPARE(fromStudents.size(), 1); // only the tried step got through
    QCOMPARE(fromStudents.first().at(0).toString(), QStringLiteral("s2"));
    QVERIFY(std::holds_alternative<Tried>(fromStudents.first().at(1).value<StudentMessage>()));
    QCOMPARE(host.log().size(), 0); // nothing a student sent became a command
    QVERIFY(!raw.closed);

    // A frame over the student limit closes that student's socket only.
    raw.send(QByteArray(kMaxStudentFrameBytes + 100, 'x'));
    QTRY_VERIFY(raw.closed);
    QTRY_VERIFY(!host.student(QStringLiteral("s2"))->connected);
    host.broadcast(play());
    QTRY_COMPARE(good.seqs, QList<qint64>{1});
    QVERIFY(host.student(QStringLiteral("s1"))->connected);
  }

  void floodingStudentIsThrottled() {
    ClassroomServer host;
    auto options = hostOptions();
    options.maxMessagesPerSecond = 10;
    QVERIFY(host.listen(options));
    QSignalSpy fromStudents(&host, &ClassroomServer::messageFrom);
    RawSocket raw(host.port());
    QVERIFY(raw.waitConnected());
    raw.hello();
    QTRY_COMPARE(host.students().size(), 1);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("sends more than 10 messages a second")));
    for (int i = 0; i < 30; ++i)
      raw.send(encode(StudentMessage(Tried{i})));
    QTRY_COMPARE(fromStudents.size(), 10);
    QTest::qWait(1100);
    QCOMPARE(fromStudents.size(), 10);
    raw.send(encode(StudentMessage(Tried{99})));
    QTRY_COMPARE(fromStudents.size(), 11);
    QVERIFY(!raw.closed);
  }

  void studentMessagesReachTheTeacher() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    QSignalSpy fromStudents(&host, &ClassroomServer::messageFrom);
    QSignalSpy updated(&host, &ClassroomServer::studentUpdated);
    Student student;
    student.join(host.port(), QStringLiteral("  Bob\u202E  "));
    QTRY_VERIFY(student.client->isConnected());
    QCOMPARE(student.client->name(), QStringLiteral("Bob"));
    QVERIFY(student.client->send(Answer{2, 1, 3500}));
    QVERIFY(student.client->send(Tried{3}));
    QVERIFY(student.client->send(Status{3, 42000, QStringLiteral("abc"), false}));
    QVERIFY(!student.client->send(Hello{}));
    QTRY_COMPARE(fromStudents.size(), 3);
    const auto answer = std::get<Answer>(fromStudents.at(0).at(1).value<StudentMessage>());
    QCOMPARE(answer.choice, 1);
    QCOMPARE(answer.answerMs, 3500);
    QCOMPARE(std::get<Tried>(fromStudents.at(1).at(1).value<StudentMessage>()).step, 3);
    QCOMPARE(updated.size(), 1);
    const auto info = host.student(student.client->studentId());
    QVERIFY(info && !info->following && info->status->positionUs == 42000);
  }

  void removedStudentIsDisconnectedForGood() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    Student student;
    student.join(host.port(), QStringLiteral("Mallory"));
    QTRY_VERIFY(student.client->isConnected());
    const QString id = student.client->studentId();
    QSignalSpy left(&host, &ClassroomServer::studentLeft);
    host.remove(id, QStringLiteral("please rejoin later"));
    QCOMPARE(left.size(), 1);
    QVERIFY(host.students().isEmpty());
    QTRY_COMPARE(student.others.size(), 1);
    QCOMPARE(std::get<Removed>(student.others.first()).reason, QStringLiteral("please rejoin later"));
    QTest::qWait(600); // longer than the first reconnection pause: the client must not come back
    QVERIFY(host.students().isEmpty());
    QVERIFY(!student.client->isConnected());
  }

  void removedStudentsTokenIsRefused() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    RawSocket first(host.port());
    QVERIFY(first.waitConnected());
    first.hello();
    QTRY_VERIFY(first.last() && std::holds_alternative<Welcome>(*first.last()));
    const Welcome welcome = std::get<Welcome>(*first.last());
    host.remove(welcome.student, QStringLiteral("off you go"));
    QTRY_VERIFY(first.closed);
    QCOMPARE(std::get<Removed>(*first.last()).reason, QStringLiteral("off you go"));
    RawSocket again(host.port());
    QVERIFY(again.waitConnected());
    again.hello(kProtocolVersion, kCode, welcome.resume);
    QTRY_VERIFY(again.closed);
    QCOMPARE(std::get<Refused>(*again.last()).reason, QStringLiteral("the teacher removed you from this session"));
    QVERIFY(host.students().isEmpty());
  }

  void droppedStudentResumesAndCatchesUp() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    QVERIFY(host.setSession(scenarioSession()));
    Student student;
    student.join(host.port(), QStringLiteral("Ann"));
    QTRY_VERIFY(student.client->isConnected());
    const QString id = student.client->studentId();
    host.broadcast(play(0));
    host.broadcast(commandPayload(QStringLiteral("speed"), 10, 1, {{QStringLiteral("speed"), 2}}));
    QTRY_COMPARE(student.seqs, (QList<qint64>{1, 2}));

    QSignalSpy left(&host, &ClassroomServer::studentLeft);
    QSignalSpy rejoined(&host, &ClassroomServer::studentRejoined);
    student.client->dropConnection();
    QTRY_COMPARE(left.size(), 1);
    QCOMPARE(student.lost, 1);
    // Commands while the student is away, and an answer it gives meanwhile.
    host.broadcast(commandPayload(
        QStringLiteral("seek"), 20, 2,
        {{QStringLiteral("target"), QJsonObject{{QStringLiteral("branch"), 0}, {QStringLiteral("at_us"), 5}, {QStringLiteral("processed"), 0}}}}));
    host.broadcast(commandPayload(QStringLiteral("pause"), 30, 3));
    QSignalSpy fromStudents(&host, &ClassroomServer::messageFrom);
    QVERIFY(student.client->send(Answer{1, 0, 10}));

    QTRY_COMPARE_WITH_TIMEOUT(rejoined.size(), 1, 5000);
    QCOMPARE(rejoined.first().at(0).toString(), id);
    QTRY_COMPARE(student.seqs, (QList<qint64>{1, 2, 3, 4}));
    QCOMPARE(student.reconnects, 1);
    QCOMPARE(student.welcomes.size(), 1); // a resume is not a new welcome
    QCOMPARE(student.client->studentId(), id);
    QCOMPARE(host.students().size(), 1);
    QVERIFY(host.students().first().connected);
    QTRY_COMPARE(fromStudents.size(), 1);
    host.broadcast(play(40));
    QTRY_COMPARE(student.seqs.last(), 5);
  }

  void hostGoneStudentIsToldWhyItCannotJoin() {
    quint16 port = 0;
    {
      ClassroomServer host;
      QVERIFY(host.listen(hostOptions()));
      port = host.port();
    }
    Student student;
    student.join(port, QStringLiteral("Ann"));
    QTRY_COMPARE(student.refusals.size(), 1);
    QVERIFY(student.refusals.first().startsWith(QStringLiteral("cannot reach the host")));
  }

  void endClosesEveryStudent() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    Student a, b;
    a.join(host.port(), QStringLiteral("A"));
    b.join(host.port(), QStringLiteral("B"));
    QTRY_COMPARE(host.students().size(), 2);
    QTRY_VERIFY(a.client->isConnected() && b.client->isConnected());
    host.end();
    QTRY_VERIFY(a.others.size() == 1 && b.others.size() == 1);
    QVERIFY(std::holds_alternative<End>(a.others.first()));
    QTRY_VERIFY(!host.students().first().connected && !host.students().last().connected);
  }

  void invalidCommandIsNotBroadcast() {
    ClassroomServer host;
    QVERIFY(host.listen(hostOptions()));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not broadcasting an invalid command")));
    QCOMPARE(host.broadcast(commandPayload(QStringLiteral("speed"), 0, 0)), 0);
    QVERIFY(host.log().isEmpty());
  }

  void hostListensOnlyOnItsInterface() {
    ClassroomServer host;
    auto options = hostOptions();
    options.address = QHostAddress(QStringLiteral("127.0.0.2"));
    QVERIFY2(host.listen(options), qPrintable(host.errorString()));
    Student elsewhere;
    elsewhere.join(host.port(), QStringLiteral("Ann")); // to 127.0.0.1, the same port
    QTRY_COMPARE(elsewhere.refusals.size(), 1);
    QVERIFY(elsewhere.refusals.first().startsWith(QStringLiteral("cannot reach the host")));
    Student student;
    ClassroomClient::Options join;
    join.host = QStringLiteral("127.0.0.2");
    join.port = host.port();
    join.code = kCode;
    join.name = QStringLiteral("Bo");
    student.client->connectTo(join);
    QTRY_VERIFY(student.client->isConnected());
    QCOMPARE(host.students().size(), 1);
  }

  void listeningOnABusyPortFails() {
    ClassroomServer first, second;
    QVERIFY(first.listen(hostOptions()));
    auto options = hostOptions();
    options.port = first.port();
    QVERIFY(!second.listen(options));
    QVERIFY(second.errorString().contains(QString::number(first.port())));
  }
};

QTEST_MAIN(TestClassroomSession)
#include "tst_classroom_session.moc"
