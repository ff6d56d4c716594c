// The class record: answers kept per session and step in SQLite, a changed mind replacing the
// earlier answer, the per-step summary, and the CSV export with its quoting.
#include "model/classroom/class_record.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace streamscope::classroom;

class TstClassRecord : public QObject {
  Q_OBJECT
private slots:
  void recordsSummarisesAndExports() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("library.sqlite"));
    {
      ClassRecord record(path);
      QVERIFY2(record.ok(), qPrintable(record.error()));
      QVERIFY(record.add({QStringLiteral("s1"), QStringLiteral("09-acks"), 1, QStringLiteral("Ada"), 2, true, 1500}));
      QVERIFY(record.add({QStringLiteral("s1"), QStringLiteral("09-acks"), 1, QStringLiteral("Bo, Jr."), 0, false, 2500}));
      QVERIFY(record.add({QStringLiteral("s1"), QStringLiteral("09-acks"), 1, QStringLiteral("Bo, Jr."), 2, true, 3500})); // changed their mind
      QVERIFY(record.add({QStringLiteral("s1"), QStringLiteral("09-acks"), 4, QStringLiteral("Ada"), 0, false, 800}));
      QVERIFY(record.add({QStringLiteral("s2"), QStringLiteral("01-log"), 0, QStringLiteral("Cy"), 1, true, 100}));
    }
    ClassRecord again(path); // it was kept
    QCOMPARE(again.sessions(), (QStringList{QStringLiteral("s2"), QStringLiteral("s1")}));
    const auto answers = again.answers(QStringLiteral("s1"));
    QCOMPARE(answers.size(), std::size_t{3});
    const auto summary = again.summary(QStringLiteral("s1"));
    QCOMPARE(summary.size(), std::size_t{2});
    QCOMPARE(summary[0].step, 1);
    QCOMPARE(summary[0].answered, 2);
    QCOMPARE(summary[0].correct, 2);
    QCOMPARE(summary[0].meanAnswerMs, 2500.0);
    QCOMPARE(summary[1].correct, 0);
    const QString csv = again.csv(QStringLiteral("s1"));
    QVERIFY2(csv.startsWith(QStringLiteral("student,lesson,step,choice,correct,answer_ms\r\n")), qPrintable(csv));
    QVERIFY2(csv.contains(QStringLiteral("\"Bo, Jr.\",09-acks,1,2,yes,3500\r\n")), qPrintable(csv));
    QVERIFY(csv.contains(QStringLiteral("Ada,09-acks,4,0,no,800\r\n")));
    QVERIFY(csv.contains(QStringLiteral("lesson,step,answered,correct,mean_answer_ms\r\n09-acks,1,2,2,2500\r\n09-acks,4,1,0,800\r\n")));
    QVERIFY(!csv.contains(QStringLiteral("Cy"))); // another session
  }

  void unwritablePathSaysWhy() {
    ClassRecord record(QStringLiteral("/nonexistent/dir/library.sqlite"));
    QVERIFY(!record.ok());
    QVERIFY2(record.error().contains(QStringLiteral("/nonexistent/dir/library.sqlite")), qPrintable(record.error()));
  }
};

QTEST_MAIN(TstClassRecord)
#include "tst_class_record.moc"
