// `streamscope-cli classroom host` and `join` as processes: the students' lines carry the
// host's event hash at every step, the host's lines tally their answers exactly, a wrong code
// is refused with exit status 3, and usage errors exit 2.
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QtTest>

namespace {

quint16 freePort() {
  QTcpServer server;
  server.listen(QHostAddress::LocalHost, 0);
  return server.serverPort();
}

QList<QJsonObject> lines(const QByteArray &out) {
  QList<QJsonObject> objects;
  for (const QByteArray &line : out.split('\n'))
    if (!line.trimmed().isEmpty())
      objects << QJsonDocument::fromJson(line).object();
  return objects;
}

/// Whether the process printed `text` on stderr within `ms` (what it printed is kept in `seen`).
bool printed(QProcess &p, const QByteArray &text, int ms, QByteArray &seen) {
  QElapsedTimer clock;
  clock.start();
  while (!seen.contains(text) && clock.elapsed() < ms && p.state() == QProcess::Running) {
    p.waitForReadyRead(200);
    seen += p.readAllStandardError();
  }
  return seen.contains(text);
}

} // namespace

class TstClassroomCli : public QObject {
  Q_OBJECT
private slots:
  void hostAndStudentsAgreeOnEveryStep() {
    const QString port = QString::number(freePort());
    QProcess host;
    host.start(QStringLiteral(CLI_PATH),
               {QStringLiteral("classroom"), QStringLiteral("host"), QStringLiteral("--lesson"), QStringLiteral("09"), QStringLiteral("--port"), port,
                QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--code"), QStringLiteral("QWERTY"),
                QStringLiteral("--until-answers"), QStringLiteral("3"), QStringLiteral("--answer-timeout"), QStringLiteral("60"),
                QStringLiteral("--json")});
    QVERIFY(host.waitForStarted());
    QByteArray hostErr;
    QVERIFY2(printed(host, "Hosting on", 20000, hostErr), hostErr.constData());
    std::array<QProcess, 3> students;
    const QStringList answers{QStringLiteral("--answer-correct"), QStringLiteral("--answer=1"), QStringLiteral("--answer-correct")};
    for (int i = 0; i < 3; ++i) {
      students[i].start(QStringLiteral(CLI_PATH),
                        {QStringLiteral("classroom"), QStringLiteral("join"), QStringLiteral("127.0.0.1:") + port, QStringLiteral("--code"),
                         QStringLiteral("qwerty"), QStringLiteral("--name"), QStringLiteral("s%1").arg(i), answers[i], QStringLiteral("--json")});
      QVERIFY(students[i].waitForStarted());
    }
    QVERIFY(host.waitForFinished(120000));
    QCOMPARE(host.exitCode(), 0);
    const QList<QJsonObject> taught = lines(host.readAllStandardOutput());
    QCOMPARE(taught.size(), 8); // lesson 09 has 8 steps
    for (QProcess &s : students) {
      QVERIFY(s.waitForFinished(30000));
      QCOMPARE(s.exitCode(), 0);
      const QList<QJsonObject> followed = lines(s.readAllStandardOutput());
      QCOMPARE(followed.size(), taught.size());
      for (int i = 0; i < taught.size(); ++i) {
        QCOMPARE(followed[i].value(QStringLiteral("step")).toInt(), i);
        QCOMPARE(followed[i].value(QStringLiteral("event_hash")).toString(), taught[i].value(QStringLiteral("event_hash")).toString());
      }
    }
    // Step 1's prediction: two right answers and one "1" (the right one is 2 in lesson 09).
    const QJsonObject tally = taught[1].value(QStringLiteral("answers")).toObject();
    int total = 0;
    for (const QJsonValue &v : tally)
      total += v.toInt();
    QCOMPARE(total, 3);
    QCOMPARE(tally.value(QStringLiteral("1")).toInt() >= 1, true);
  }

  void wrongCodeIsExit3() {
    const QString port = QString::number(freePort());
    QProcess host;
    host.start(QStringLiteral(CLI_PATH),
               {QStringLiteral("classroom"), QStringLiteral("host"), QStringLiteral("--lesson"), QStringLiteral("09"), QStringLiteral("--port"), port,
                QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--code"), QStringLiteral("QWERTY"),
                QStringLiteral("--until-answers"), QStringLiteral("1"), QStringLiteral("--answer-timeout"), QStringLiteral("5")});
    QVERIFY(host.waitForStarted());
    QByteArray hostErr;
    QVERIFY2(printed(host, "Hosting on", 20000, hostErr), hostErr.constData());
    QProcess student;
    student.start(QStringLiteral(CLI_PATH),
                  {QStringLiteral("classroom"), QStringLiteral("join"), QStringLiteral("127.0.0.1:") + port, QStringLiteral("--code"),
                   QStringLiteral("QWERTZ"), QStringLiteral("--name"), QStringLiteral("guess")});
    QVERIFY(student.waitForFinished(30000));
    QCOMPARE(student.exitCode(), 3);
    QVERIFY2(student.readAllStandardError().contains("code"), "the refusal should name the code");
    host.kill();
    host.waitForFinished();
  }

  void usageErrorsAreExit2_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("no side") << QStringList{QStringLiteral("classroom")} << "say which side";
    QTest::addRow("no port") << QStringList{QStringLiteral("classroom"), QStringLiteral("host"), QStringLiteral("--lesson"), QStringLiteral("01")}
                             << "--port P is required";
    QTest::addRow("both sources") << QStringList{QStringLiteral("classroom"), QStringLiteral("host"),       QStringLiteral("--lesson"),
                                                 QStringLiteral("01"),        QStringLiteral("--scenario"), QStringLiteral("x.json"),
                                                 QStringLiteral("--port"),    QStringLiteral("5000")}
                                  << "either --lesson ID or --scenario FILE";
    QTest::addRow("bad code") << QStringList{QStringLiteral("classroom"), QStringLiteral("host"),   QStringLiteral("--lesson"),
                                             QStringLiteral("01"),        QStringLiteral("--port"), QStringLiteral("5000"),
                                             QStringLiteral("--code"),    QStringLiteral("O0O0O0")}
                              << "--code needs 6 characters";
    QTest::addRow("no host port") << QStringList{QStringLiteral("classroom"), QStringLiteral("join"), QStringLiteral("localhost"),
                                                 QStringLiteral("--code"),    QStringLiteral("A"),    QStringLiteral("--name"),
                                                 QStringLiteral("n")}
                                  << "HOST:PORT needs a host and a port";
    QTest::addRow("two answers") << QStringList{QStringLiteral("classroom"), QStringLiteral("join"),
                                                QStringLiteral("h:1"),       QStringLiteral("--code"),
                                                QStringLiteral("A"),         QStringLiteral("--name"),
                                                QStringLiteral("n"),         QStringLiteral("--answer"),
                                                QStringLiteral("1"),         QStringLiteral("--answer-correct")}
                                 << "not both";
  }

  void usageErrorsAreExit2() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), args);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 2);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains(message.toUtf8()), err.constData());
  }
};

QTEST_MAIN(TstClassroomCli)
#include "tst_classroom_cli.moc"
