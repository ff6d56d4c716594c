// Join codes: short, unambiguous, random, and compared without leaking how close a guess was.
#include "model/classroom/join_code.h"

#include <QSet>
#include <QTest>

using namespace streamscope::classroom;

class TestJoinCode : public QObject {
  Q_OBJECT
private slots:
  void codesUseTheUnambiguousAlphabet() {
    const QString alphabet = QLatin1String(kJoinCodeAlphabet);
    for (const QChar lookAlike : QStringLiteral("01ILO"))
      QVERIFY(!alphabet.contains(lookAlike));
    QSet<QString> seen;
    for (int i = 0; i < 500; ++i) {
      const QString code = generateJoinCode();
      QCOMPARE(code.size(), kJoinCodeLength);
      for (const QChar c : code)
        QVERIFY2(alphabet.contains(c), qPrintable(code));
      seen.insert(code);
    }
    QVERIFY(seen.size() > 490); // 31^6 codes: repeats in 500 draws are rare
  }

  void matching() {
    QVERIFY(joinCodesMatch(QStringLiteral("AB23CD"), QStringLiteral("AB23CD")));
    QVERIFY(joinCodesMatch(QStringLiteral("AB23CD"), QStringLiteral(" ab2-3cd ")));
    QVERIFY(!joinCodesMatch(QStringLiteral("AB23CD"), QStringLiteral("AB23CE")));
    QVERIFY(!joinCodesMatch(QStringLiteral("AB23CD"), QStringLiteral("AB23C")));
    QVERIFY(!joinCodesMatch(QStringLiteral("AB23CD"), QStringLiteral("AB23CDX")));
    QVERIFY(!joinCodesMatch(QStringLiteral("AB23CD"), QString()));
    QVERIFY(!joinCodesMatch(QString(), QString()));
  }
};

QTEST_APPLESS_MAIN(TestJoinCode)
#include "tst_join_code.moc"
