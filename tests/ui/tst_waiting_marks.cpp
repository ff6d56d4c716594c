// A stalled client is visible: after the leader loses power the producer's box carries an
// hourglass and a caption saying whom it waits for and when it gives up, the captions touch
// no other text, the status bar names the longest stall, and a click explains it.
#include "canvas_menu.h"
#include "model/simulation_controller.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/inspector_panel.h"
#include "ui/main_window.h"

#include <QLabel>
#include <QStatusBar>
#include <QtTest>

using namespace streamscope;
using Kind = model::WorldItem::Kind;

namespace {

constexpr engine::SimTime kPowerLoss = 6 * engine::kSecond; // acks1-leader-power-loss.json

struct Window {
  model::SimulationController controller;
  ui::MainWindow window{controller};
  explicit Window(engine::SimTime at) {
    window.setInteractive(false);
    window.resize(1500, 900);
    if (!window.openScenario(QStringLiteral(SCENARIO_DIR "/acks1-leader-power-loss.json")))
      qFatal("cannot open the scenario");
    window.show();
    controller.runTo(at);
  }
  ui::StreamCanvas &canvas() { return *window.canvas(); }
  QString stallText() {
    const auto *label = window.statusBar()->findChild<QLabel *>(QStringLiteral("longestStall"));
    return label ? label->text() : QStringLiteral("(no stall read-out in the status bar)");
  }
};

const ui::WaitMark *markOf(const ui::CanvasGeometry &g, model::WorldItem client) {
  for (const ui::WaitMark &m : g.waitMarks)
    if (m.client == client)
      return &m;
  return nullptr;
}

QStringList captionOf(const ui::CanvasGeometry &g, const ui::WaitMark &m) {
  QStringList lines;
  for (std::size_t i : m.captionLabels)
    lines << g.labels[i].text;
  return lines;
}

QStringList overlaps(const ui::CanvasGeometry &g) {
  QStringList found;
  for (std::size_t i = 0; i < g.labels.size(); ++i)
    for (std::size_t j = i + 1; j < g.labels.size(); ++j)
      if (g.labels[i].rect.intersects(g.labels[j].rect))
        found << QStringLiteral("\"%1\" / \"%2\"").arg(g.labels[i].text, g.labels[j].text);
  return found;
}

} // namespace

class TstWaitingMarks : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void nothingIsMarkedWhileHealthy() {
    Window w(kPowerLoss - engine::kSecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QVERIFY(w.canvas().geometry().waitMarks.empty());
    QCOMPARE(w.stallText(), QString());
  }

  void theStalledProducerIsMarkedAndNamed() {
    Window w(kPowerLoss + 1500 * engine::kMillisecond);
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    const ui::CanvasGeometry &g = w.canvas().geometry();
    const ui::WaitMark *mark = markOf(g, {Kind::KafkaProducer, 0});
    QVERIFY(mark);
    QVERIFY(g.kafkaPane.contains(mark->icon));
    const QRectF box = test::shapeRect(g, {Kind::KafkaProducer, 0});
    QVERIFY(std::abs(mark->icon.center().y() - box.center().y()) < box.height()); // beside its box
    const QStringList caption = captionOf(g, *mark);
    QCOMPARE(caption.size(), 2);
    QCOMPARE(caption[0], QStringLiteral("waits for broker 0"));
    QVERIFY2(caption[1].startsWith(QStringLiteral("gives up in ")) && caption[1].endsWith(QStringLiteral(" s")), qPrintable(caption[1]));
    const QStringList found = overlaps(g);
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral("; "))));

    // The hourglass is painted in the warning colour where the mark says.
    const QImage image = w.canvas().grab().toImage();
    bool warm = false;
    const QRect icon = mark->icon.toAlignedRect();
    for (int y = icon.top(); y <= icon.bottom() && !warm; ++y)
      for (int x = icon.left(); x <= icon.right() && !warm; ++x) {
        const QColor c = image.pixelColor(x, y);
        warm = c.red() > 150 && c.red() > c.blue() + 60; // amber, not the grey or blue around it
      }
    QVERIFY(warm);

    const QString status = w.stallText();
    QVERIFY2(status.startsWith(QStringLiteral("Longest stall: ")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("waiting ")) && status.contains(QStringLiteral("for broker 0 (request.timeout.ms 3 s)")),
             qPrintable(status));

    // Clicking the producer explains the wait first.
    QTest::mouseClick(&w.canvas(), Qt::LeftButton, {}, (box.topLeft() + QPointF(10, 6)).toPoint());
    QCOMPARE(w.canvas().selected(), (model::WorldItem{Kind::KafkaProducer, 0}));
    const model::Explanation &e = w.window.inspector()->explanation();
    QCOMPARE(e.facts.front().first, QStringLiteral("Waiting for"));
    QVERIFY(w.window.inspector()->toPlainText().contains(QStringLiteral("request.timeout.ms = 3000 (3 s)")));
  }

  void captionsNeverOverlapAtAnySize() {
    Window w(kPowerLoss + 2 * engine::kSecond);
    const auto theme = ui::CanvasTheme::from(w.canvas().palette(), w.canvas().font(), false);
    for (const QSizeF size : {QSizeF(1600, 900), QSizeF(1000, 640), QSizeF(700, 420)}) {
      const auto g = ui::CanvasGeometry::build(w.controller.view(), QRectF(QPointF(), size), theme);
      QVERIFY(markOf(g, {Kind::KafkaProducer, 0}));
      const QStringList found = overlaps(g);
      QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral("; "))));
      for (const ui::WaitMark &m : g.waitMarks)
        for (const ui::CanvasShape &s : g.shapes)
          QVERIFY2(!s.rect.intersects(m.icon) || s.item == m.client, "an hourglass covers another shape");
    }
  }
};

QTEST_MAIN(TstWaitingMarks)
#include "tst_waiting_marks.moc"
