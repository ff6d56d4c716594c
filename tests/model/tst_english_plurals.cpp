// Counted texts read as English: "1 record", "3 records", never "record(s)".
#include "model/explain/english_plurals.h"

#include <QtTest>

using namespace streamscope;

class TstEnglishPlurals : public QObject {
  Q_OBJECT
private slots:
  void withoutItCountsReadAsTheSourceSays() { QCOMPARE(QObject::tr("%n record(s) lost", nullptr, 3), QStringLiteral("3 record(s) lost")); }

  void countsTakeTheirPluralForm() {
    model::EnglishPlurals plurals;
    QVERIFY(QCoreApplication::installTranslator(&plurals));
    QCOMPARE(QObject::tr("%n record(s) lost", nullptr, 1), QStringLiteral("1 record lost"));
    QCOMPARE(QObject::tr("%n record(s) lost", nullptr, 0), QStringLiteral("0 records lost"));
    QCOMPARE(QObject::tr("Apache Kafka · %n broker(s)", nullptr, 6), QStringLiteral("Apache Kafka · 6 brokers"));
    QCOMPARE(QObject::tr("stream %1 · %n open shard(s)", nullptr, 1).arg(QStringLiteral("orders")), QStringLiteral("stream orders · 1 open shard"));
    // Texts that are not counted, or have no "(s)", are left alone.
    QCOMPARE(QObject::tr("time (s)"), QStringLiteral("time (s)"));
    QCOMPARE(QObject::tr("%n of them", nullptr, 2), QStringLiteral("2 of them"));
    QVERIFY(QCoreApplication::removeTranslator(&plurals));
  }
};

QTEST_GUILESS_MAIN(TstEnglishPlurals)
#include "tst_english_plurals.moc"
