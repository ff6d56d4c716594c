// Student names as the class sees them: safe to show, bounded and unique in the session.
#include "model/classroom/student_name.h"

#include <QTest>

using namespace streamscope::classroom;

class TestStudentName : public QObject {
  Q_OBJECT
private slots:
  void sanitizing_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QStringLiteral("Ada Lovelace") << QStringLiteral("Ada Lovelace");
    QTest::newRow("trimmed") << QStringLiteral("  Ada \t") << QStringLiteral("Ada");
    QTest::newRow("spaces collapsed") << QStringLiteral("Ada \t\n  Byron") << QStringLiteral("Ada Byron");
    QTest::newRow("control characters") << QStringLiteral("A\u0007d\u001Ba\u007F") << QStringLiteral("Ada");
    QTest::newRow("bidi override") << QStringLiteral("\u202Eevil\u202C") << QStringLiteral("evil");
    QTest::newRow("zero width") << QStringLiteral("A\u200Bd\u200Da\uFEFF") << QStringLiteral("Ada");
    QTest::newRow("non-breaking space") << QStringLiteral("Ada\u00A0\u00A0B") << QStringLiteral("Ada B");
    QTest::newRow("accents kept") << QStringLiteral("Zoë Ñúñez") << QStringLiteral("Zoë Ñúñez");
    QTest::newRow("empty") << QString() << QStringLiteral("Student");
    QTest::newRow("only invisible") << QStringLiteral("\u200B \u0001 ") << QStringLiteral("Student");
    QTest::newRow("cut to 32") << QString(40, QLatin1Char('x')) << QString(32, QLatin1Char('x'));
    QTest::newRow("cut then trimmed") << QString(31, QLatin1Char('x')) + QStringLiteral(" yz") << QString(31, QLatin1Char('x'));
    // 31 letters then an emoji (a surrogate pair): the pair is kept whole as the 32nd character.
    QTest::newRow("emoji not split") << QString(31, QLatin1Char('x')) + QStringLiteral("😀😀") << QString(31, QLatin1Char('x')) + QStringLiteral("😀");
    // A base letter and its combining accent are one character on screen: never cut apart.
    QTest::newRow("accent not split") << QString(31, QLatin1Char('x')) + QStringLiteral("e\u0301") << QString(31, QLatin1Char('x'));
  }
  void sanitizing() {
    QFETCH(QString, typed);
    QFETCH(QString, shown);
    QCOMPARE(sanitizeStudentName(typed), shown);
  }

  void uniqueInTheSession() {
    QCOMPARE(uniqueStudentName(QStringLiteral("Ada"), {}), QStringLiteral("Ada"));
    QCOMPARE(uniqueStudentName(QStringLiteral("Ada"), {QStringLiteral("Bob")}), QStringLiteral("Ada"));
    QCOMPARE(uniqueStudentName(QStringLiteral("Ada"), {QStringLiteral("Ada")}), QStringLiteral("Ada (2)"));
    QCOMPARE(uniqueStudentName(QStringLiteral("ada"), {QStringLiteral("Ada"), QStringLiteral("Ada (2)")}), QStringLiteral("ada (3)"));
    const QString longName(32, QLatin1Char('n'));
    const QString second = uniqueStudentName(longName, {longName});
    QCOMPARE(second, QString(28, QLatin1Char('n')) + QStringLiteral(" (2)"));
    QCOMPARE(second.size(), kMaxStudentNameLength);
  }
};

QTEST_APPLESS_MAIN(TestStudentName)
#include "tst_student_name.moc"
