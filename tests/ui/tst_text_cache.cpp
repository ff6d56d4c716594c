// The canvas's remembered text widths, cuts and layouts give what Qt computes afresh.
#include "ui/canvas/text_cache.h"

#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QtTest>

using namespace streamscope::ui;

class TstTextCache : public QObject {
  Q_OBJECT

  static QStringList texts() {
    return {QStringLiteral("broker 17 · leads 30/90 · 1.2 MB/s"),
            QStringLiteral("b7 OFF"),
            QStringLiteral("t0 · 3,000 partitions · 12 URP"),
            QStringLiteral("x"),
            QString(),
            QStringLiteral("shard 00 · 100.0%–100.0%")};
  }

private slots:
  void widthsAreQtsAndFollowTheFont() {
    QFont small;
    small.setPointSizeF(8);
    QFont big = small;
    big.setPointSizeF(16);
    for (int round = 0; round < 2; ++round) // the second round reads what the first remembered
      for (const QString &text : texts()) {
        QCOMPARE(textWidth(small, text), QFontMetricsF(small).horizontalAdvance(text));
        QCOMPARE(textWidth(big, text), QFontMetricsF(big).horizontalAdvance(text));
      }
    QVERIFY(textWidth(big, texts().front()) > textWidth(small, texts().front()));
  }

  void cutsAreQtsAtEveryWidth() {
    const QFont font;
    const QFontMetricsF fm(font);
    for (const QString &text : texts()) {
      const double whole = fm.horizontalAdvance(text);
      // Around the text's own width to the 1/64 pixel, where Qt decides whether to cut, and
      // well below it.
      for (const double width : {whole + 1, whole + 1.0 / 64, whole, whole - 1.0 / 128, whole - 1.0 / 64, whole - 0.5, whole / 2, whole / 4, 3.0})
        for (int round = 0; round < 2; ++round)
          QCOMPARE(elidedText(font, text, width), fm.elidedText(text, Qt::ElideRight, width));
    }
  }

  void laidOutTextsDrawAsDrawTextDoes() {
    const QFont font;
    const QString text = texts().front();
    staticText(font, text);
    QImage direct(400, 40, QImage::Format_ARGB32_Premultiplied), cached(direct.size(), direct.format());
    for (QImage *image : {&direct, &cached}) {
      image->fill(Qt::white);
      QPainter p(image);
      p.setFont(font);
      p.setPen(Qt::black);
      if (image == &direct)
        p.drawText(QPointF(10, 8 + QFontMetricsF(font).ascent()), text);
      else // from the layout remembered when it was first asked for
        p.drawStaticText(QPointF(10, 8), staticText(font, text));
    }
    QCOMPARE(staticText(font, text).text(), text);
    QCOMPARE(cached, direct);
  }
};

QTEST_MAIN(TstTextCache)
#include "tst_text_cache.moc"
