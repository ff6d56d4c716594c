// The claim ids the lesson loader accepts are exactly the rows of docs/claims.md, in order.
#include "model/lessons/claims.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace streamscope::model;

class TstClaims : public QObject {
  Q_OBJECT
private slots:
  void theListMatchesTheDocument() {
    QFile doc(QStringLiteral(SOURCE_DIR "/docs/claims.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly | QIODevice::Text));
    QStringList documented;
    const QRegularExpression row(QStringLiteral("^\\| (C[0-9]{2}) \\|"));
    for (const QString &line : QString::fromUtf8(doc.readAll()).split(QLatin1Char('\n')))
      if (const auto m = row.match(line); m.hasMatch())
        documented << m.captured(1);
    QStringList compiled;
    for (const Claim &c : claims())
      compiled << c.id;
    QCOMPARE(compiled.size(), 21);
    QCOMPARE(documented, compiled);
    QVERIFY(isKnownClaim(QStringLiteral("C21")));
    QVERIFY(!isKnownClaim(QStringLiteral("C22")));
    QVERIFY(!isKnownClaim(QStringLiteral("c01")));
  }
};

QTEST_GUILESS_MAIN(TstClaims)
#include "tst_claims.moc"
