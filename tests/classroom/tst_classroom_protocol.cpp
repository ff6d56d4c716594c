// The classroom wire format: every message survives encode and decode unchanged, and every kind
// of bad frame is refused with a reason that names what is wrong.
#include "model/classroom/classroom_protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace streamscope::classroom;

namespace {

QByteArray json(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

QString studentError(const QByteArray &frame) {
  QString error;
  const auto message = decodeStudentMessage(frame, &error);
  return message ? QStringLiteral("accepted") : error;
}

QString hostError(const QByteArray &frame) {
  QString error;
  const auto message = decodeHostMessage(frame, &error);
  return message ? QStringLiteral("accepted") : error;
}

Welcome sampleWelcome() {
  Welcome welcome;
  welcome.seq = 7;
  welcome.student = QStringLiteral("s3");
  welcome.name = QStringLiteral("Ada (2)");
  welcome.resume = QStringLiteral("tok");
  welcome.sessionStart = 4;
  welcome.session.kind = SessionInfo::Kind::Scenario;
  welcome.session.scenarioText = R"({"name":"x","seed":3})";
  welcome.session.seed = 42;
  welcome.log = {
      Command{5, commandPayload(QStringLiteral("play"), 0, 0)},
      Command{6, commandPayload(QStringLiteral("speed"), 1000, 12, {{QStringLiteral("speed"), 2.5}})},
      Command{7,
              commandPayload(QStringLiteral("seek"), 5000, 40,
                             {{QStringLiteral("target"),
                               QJsonObject{{QStringLiteral("branch"), 0}, {QStringLiteral("at_us"), 10}, {QStringLiteral("processed"), 3}}}})}};
  welcome.locked = true;
  return welcome;
}

} // namespace

class TestClassroomProtocol : public QObject {
  Q_OBJECT
private slots:
  void studentMessagesRoundTrip() {
    const QList<StudentMessage> messages{Hello{kProtocolVersion, QStringLiteral("ABC234"), QStringLiteral("Ada"), QStringLiteral("tok"), 9},
                                         Hello{kProtocolVersion, QStringLiteral("ABC234"), QStringLiteral("Ada"), {}, 0}, Answer{3, 1, 4200},
                                         Tried{5}, Status{2, 123456, QStringLiteral("9f3a"), false}};
    for (const StudentMessage &message : messages) {
      QString error;
      const auto back = decodeStudentMessage(encode(message), &error);
      QVERIFY2(back, qPrintable(error));
      QCOMPARE(back->index(), message.index());
      QCOMPARE(encode(*back), encode(message));
    }
  }

  void hostMessagesRoundTrip() {
    Welcome lesson = sampleWelcome();
    lesson.session = SessionInfo{SessionInfo::Kind::Lesson, QStringLiteral("kafka-01-partitions"), {}, std::nullopt};
    const QList<HostMessage> messages{
        sampleWelcome(),
        lesson,
        Refused{QStringLiteral("wrong join code")},
        Command{8,
                commandPayload(QStringLiteral("user_action"), 7, 8,
                               {{QStringLiteral("fault"), QJsonObject{{QStringLiteral("at_ms"), 5}}}, {QStringLiteral("join_group"), false}})},
        Removed{QStringLiteral("bye")},
        End{}};
    for (const HostMessage &message : messages) {
      QString error;
      const auto back = decodeHostMessage(encode(message, 8), &error);
      QVERIFY2(back, qPrintable(error));
      QCOMPARE(back->index(), message.index());
      QCOMPARE(encode(*back, 8), encode(message, 8));
    }
    QString error;
    const auto welcome = std::get<Welcome>(*decodeHostMessage(encode(HostMessage(sampleWelcome())), &error));
    QCOMPARE(welcome.log.size(), 3);
    QCOMPARE(welcome.log.at(1).kind(), QStringLiteral("speed"));
    QCOMPARE(welcome.log.at(2).atUs(), 5000);
    QCOMPARE(welcome.log.at(2).processed(), 40);
    QCOMPARE(welcome.session.seed, std::optional<qint64>(42));
    QCOMPARE(welcome.session.scenarioText, sampleWelcome().session.scenarioText);
    QVERIFY(welcome.locked);
  }

  void everyCommandKindHasASchema() {
    const QHash<QString, QJsonObject> fields{
        {QStringLiteral("speed"), {{QStringLiteral("speed"), 4}}},
        {QStringLiteral("load"), {{QStringLiteral("scenario"), QStringLiteral("{}")}, {QStringLiteral("speed"), 1}}},
        {QStringLiteral("run_to"),
         {{QStringLiteral("target"), QJsonObject{{QStringLiteral("branch"), 0}, {QStringLiteral("at_us"), 10}, {QStringLiteral("processed"), 3}}}}},
        {QStringLiteral("seek"),
         {{QStringLiteral("target"), QJsonObject{{QStringLiteral("branch"), 0}, {QStringLiteral("at_us"), 10}, {QStringLiteral("processed"), 3}}}}},
        {QStringLiteral("switch_branch"),
         {{QStringLiteral("target"), QJsonObject{{QStringLiteral("branch"), 0}, {QStringLiteral("at_us"), 10}, {QStringLiteral("processed"), 3}}}}},
        {QStringLiteral("fork_branch"), {{QStringLiteral("name"), QStringLiteral("mine")}}},
        {QStringLiteral("user_action"), {{QStringLiteral("fault"), QJsonObject{}}, {QStringLiteral("join_group"), false}}},
        {QStringLiteral("lesson_step"), {{QStringLiteral("step"), 3}}},
        {QStringLiteral("reveal"), {{QStringLiteral("step"), 3}, {QStringLiteral("explanation"), QStringLiteral("because")}}}};
    QCOMPARE(commandKinds().size(), 16);
    for (const QString &kind : commandKinds()) {
      QVERIFY2(validateCommandPayload(commandPayload(kind, 1, 2, fields.value(kind))).isEmpty(), qPrintable(kind));
      if (fields.contains(kind)) // the kind's own fields are required
        QVERIFY2(!validateCommandPayload(commandPayload(kind, 1, 2)).isEmpty(), qPrintable(kind));
    }
    // Fields beyond the schema pass through for the app to use.
    QVERIFY(validateCommandPayload(commandPayload(QStringLiteral("play"), 0, 0, {{QStringLiteral("note"), QStringLiteral("x")}})).isEmpty());
  }

  void commandRefusals_data() {
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("error");
    QTest::newRow("no kind") << QJsonObject{{QStringLiteral("at_us"), 0}} << QStringLiteral("command: missing field \"kind\"");
    QTest::newRow("unknown kind") << commandPayload(QStringLiteral("explode"), 0, 0) << QStringLiteral("command: unknown kind \"explode\"");
    QTest::newRow("no at_us") << QJsonObject{{QStringLiteral("kind"), QStringLiteral("play")}, {QStringLiteral("processed"), 0}}
                              << QStringLiteral("command \"play\": missing field \"at_us\"");
    QTest::newRow("negative processed") << commandPayload(QStringLiteral("play"), 0, -1)
                                        << QStringLiteral("command \"play\": field \"processed\" must be between 0 and 9007199254740991, not -1");
    QTest::newRow("fractional at_us") << QJsonObject{{QStringLiteral("kind"), QStringLiteral("play")},
                                                     {QStringLiteral("at_us"), 1.5},
                                                     {QStringLiteral("processed"), 0}}
                                      << QStringLiteral("command \"play\": field \"at_us\" must be an integer");
    QTest::newRow("zero speed") << commandPayload(QStringLiteral("speed"), 0, 0, {{QStringLiteral("speed"), 0}})
                                << QStringLiteral("command \"speed\": field \"speed\" must be a number greater than 0");
    QTest::newRow("fault not an object") << commandPayload(QStringLiteral("user_action"), 0, 0,
                                                           {{QStringLiteral("fault"), QJsonArray{1}}, {QStringLiteral("join_group"), true}})
                                         << QStringLiteral("command \"user_action\": field \"fault\" must be an object");
    QTest::newRow("explanation not text") << commandPayload(QStringLiteral("reveal"), 0, 0,
                                                            {{QStringLiteral("step"), 1}, {QStringLiteral("explanation"), 3}})
                                          << QStringLiteral("command \"reveal\": field \"explanation\" must be a string");
  }
  void commandRefusals() {
    QFETCH(QJsonObject, payload);
    QFETCH(QString, error);
    QCOMPARE(validateCommandPayload(payload), error);
  }

  void studentFrameRefusals_data() {
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("error");
    QTest::newRow("too large") << QByteArray(kMaxStudentFrameBytes + 1, ' ')
                               << QStringLiteral("frame of 8193 bytes is larger than the 8192-byte limit");
    QTest::newRow("not json") << QByteArray("{\"type\":") << QStringLiteral("not JSON: unterminated object at offset 8");
    QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("not a JSON object");
    QTest::newRow("no type") << QByteArray("{}") << QStringLiteral("message: missing field \"type\"");
    QTest::newRow("type not text") << QByteArray("{\"type\":1}") << QStringLiteral("message: field \"type\" must be a string");
    QTest::newRow("unknown type") << QByteArray("{\"type\":\"dance\"}") << QStringLiteral("unknown message type \"dance\"");
    QTest::newRow("host type") << encode(HostMessage(Command{1, commandPayload(QStringLiteral("play"), 0, 0)}))
                               << QStringLiteral("message type \"command\" may only come from the host");
    QTest::newRow("welcome") << encode(HostMessage(sampleWelcome())) << QStringLiteral("message type \"welcome\" may only come from the host");
    QTest::newRow("hello without code") << json({{QStringLiteral("type"), QStringLiteral("hello")},
                                                 {QStringLiteral("version"), 1},
                                                 {QStringLiteral("name"), QStringLiteral("a")}})
                                        << QStringLiteral("hello: missing field \"code\"");
    QTest::newRow("hello extra field") << json({{QStringLiteral("type"), QStringLiteral("hello")},
                                                {QStringLiteral("version"), 1},
                                                {QStringLiteral("code"), QStringLiteral("A")},
                                                {QStringLiteral("name"), QStringLiteral("a")},
                                                {QStringLiteral("admin"), true}})
                                       << QStringLiteral("hello: unknown field \"admin\"");
    QTest::newRow("version as text") << json({{QStringLiteral("type"), QStringLiteral("hello")},
                                              {QStringLiteral("version"), QStringLiteral("1")},
                                              {QStringLiteral("code"), QStringLiteral("A")},
                                              {QStringLiteral("name"), QStringLiteral("a")}})
                                     << QStringLiteral("hello: field \"version\" must be an integer");
    QTest::newRow("negative choice") << json({{QStringLiteral("type"), QStringLiteral("answer")},
                                              {QStringLiteral("step"), 1},
                                              {QStringLiteral("choice"), -2},
                                              {QStringLiteral("answer_ms"), 5}})
                                     << QStringLiteral("answer: field \"choice\" must be between 0 and 1000000, not -2");
    QTest::newRow("following not bool") << json({{QStringLiteral("type"), QStringLiteral("status")},
                                                 {QStringLiteral("step"), 1},
                                                 {QStringLiteral("position_us"), 2},
                                                 {QStringLiteral("event_hash"), QStringLiteral("h")},
                                                 {QStringLiteral("following"), 1}})
                                        << QStringLiteral("status: field \"following\" must be true or false");
    QTest::newRow("huge integer") << QByteArray("{\"type\":\"tried\",\"step\":1e300}") << QStringLiteral("tried: field \"step\" must be an integer");
  }
  void studentFrameRefusals() {
    QFETCH(QByteArray, frame);
    QFETCH(QString, error);
    QCOMPARE(studentError(frame), error);
  }

  void hostFrameRefusals_data() {
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("error");
    QJsonObject welcome = QJsonDocument::fromJson(encode(HostMessage(sampleWelcome()))).object();
    QTest::newRow("too large") << QByteArray(kMaxHostFrameBytes + 1, ' ')
                               << QStringLiteral("frame of 4194305 bytes is larger than the 4194304-byte limit");
    QTest::newRow("student type") << encode(StudentMessage(Tried{1})) << QStringLiteral("message type \"tried\" may only come from a student");
    QTest::newRow("command without seq") << json({{QStringLiteral("type"), QStringLiteral("command")},
                                                  {QStringLiteral("command"), commandPayload(QStringLiteral("play"), 0, 0)}})
                                         << QStringLiteral("command: missing field \"seq\"");
    QTest::newRow("command of unknown kind") << json({{QStringLiteral("type"), QStringLiteral("command")},
                                                      {QStringLiteral("seq"), 2},
                                                      {QStringLiteral("command"), commandPayload(QStringLiteral("reboot"), 0, 0)}})
                                             << QStringLiteral("command: command: unknown kind \"reboot\"");
    QJsonObject badKind = welcome;
    badKind.insert(QStringLiteral("session"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("movie")}});
    QTest::newRow("session kind") << json(badKind)
                                  << QStringLiteral("welcome session: field \"kind\" must be \"lesson\" or \"scenario\", not \"movie\"");
    QJsonObject noLesson = welcome;
    noLesson.insert(QStringLiteral("session"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("lesson")}});
    QTest::newRow("lesson without id") << json(noLesson) << QStringLiteral("welcome session: missing field \"lesson_id\"");
    QJsonObject shuffled = welcome;
    QJsonArray log = welcome.value(QStringLiteral("log")).toArray();
    const QJsonValue first = log.at(0);
    log.replace(0, log.at(1));
    log.replace(1, first);
    shuffled.insert(QStringLiteral("log"), log);
    QTest::newRow("log out of order") << json(shuffled) << QStringLiteral("welcome log[1]: seq 5 out of order");
    QJsonObject beforeStart = welcome;
    beforeStart.insert(QStringLiteral("session_start"), 5);
    QTest::newRow("log before session") << json(beforeStart) << QStringLiteral("welcome log[0]: seq 5 out of order");
    QJsonObject noLocked = welcome;
    noLocked.remove(QStringLiteral("locked"));
    QTest::newRow("no locked") << json(noLocked) << QStringLiteral("welcome: missing field \"locked\"");
    QTest::newRow("refused without reason") << QByteArray("{\"type\":\"refused\",\"seq\":0}") << QStringLiteral("refused: missing field \"reason\"");
    QTest::newRow("end with extra") << QByteArray("{\"type\":\"end\",\"seq\":0,\"x\":1}") << QStringLiteral("end: unknown field \"x\"");
  }
  void hostFrameRefusals() {
    QFETCH(QByteArray, frame);
    QFETCH(QString, error);
    QCOMPARE(hostError(frame), error);
  }

  void versionMismatchNamesBothVersions() {
    const QString reason = versionMismatchReason(1, 7);
    QVERIFY(reason.contains(QStringLiteral("version 1")));
    QVERIFY(reason.contains(QStringLiteral("version 7")));
  }

  void largeWelcomeSplitsItsLog() {
    Welcome welcome = sampleWelcome();
    welcome.log.clear();
    welcome.sessionStart = 0;
    for (int seq = 1; seq <= 200; ++seq)
      welcome.log.append(Command{seq,
                                 commandPayload(QStringLiteral("reveal"), seq, seq,
                                                {{QStringLiteral("step"), 1}, {QStringLiteral("explanation"), QString(500, QLatin1Char('x'))}})});
    welcome.seq = 200;
    const QList<QByteArray> frames = welcomeFrames(welcome, 20000);
    QVERIFY(frames.size() > 1);
    QString error;
    const auto head = decodeHostMessage(frames.first(), &error);
    QVERIFY2(head, qPrintable(error));
    qint64 next = std::get<Welcome>(*head).log.size() + 1;
    QVERIFY(next > 1);
    for (qsizetype i = 0; i < frames.size(); ++i) {
      QVERIFY(frames.at(i).size() <= 20000);
      if (i == 0)
        continue;
      const auto command = decodeHostMessage(frames.at(i), &error);
      QVERIFY2(command, qPrintable(error));
      QCOMPARE(std::get<Command>(*command).seq, next++);
    }
    QCOMPARE(next, 201);
    // A session too large for any welcome gives no frames.
    welcome.session.scenarioText = QByteArray(30000, 'x');
    QVERIFY(welcomeFrames(welcome, 20000).isEmpty());
  }
};

QTEST_APPLESS_MAIN(TestClassroomProtocol)
#include "tst_classroom_protocol.moc"
