// Direct manipulation through the settings dock: each change reaches the engine through the
// controller (so it is recorded), and values the real system would reject are flagged inline.
#include "model/history/run_history.h"
#include "model/simulation_controller.h"
#include "ui/main_window.h"
#include "ui/scenario_details_dialog.h"
#include "ui/settings_panel.h"

#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace streamscope;

class TstSettingsPanel : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // keep the user's settings and library out of it

  void changesGoThroughTheControllerAndAreRecorded() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/first-look.json")));
    controller.runTo(3 * engine::kSecond);
    auto *panel = window.findChild<ui::SettingsPanel *>();
    QVERIFY(panel);
    const auto spin = [&](const char *name) { return panel->findChild<QSpinBox *>(QString::fromLatin1(name)); };
    const auto button = [&](const char *name) { return panel->findChild<QPushButton *>(QString::fromLatin1(name)); };

    // Replication factor above the broker count: flagged, and cannot be applied.
    spin("replicationFactor")->setValue(5);
    auto *error = panel->findChild<QLabel *>(QStringLiteral("topicError"));
    QVERIFY(!error->isHidden());
    QVERIFY(error->text().contains(QStringLiteral("larger than the 3 brokers")));
    QVERIFY(!button("applyTopic")->isEnabled());
    spin("replicationFactor")->setValue(3);
    spin("partitions")->setValue(2);
    QVERIFY(error->text().contains(QStringLiteral("only be added")));
    QVERIFY(!button("applyTopic")->isEnabled());

    // Five partitions and min ISR 3, in one apply: both happen, both are recorded, as one
    // group announced once.
    spin("partitions")->setValue(5);
    spin("minInsyncReplicas")->setValue(3);
    QVERIFY(error->isHidden());
    QSignalSpy applied(&controller, &model::SimulationController::userActionApplied);
    QTest::mouseClick(button("applyTopic"), Qt::LeftButton);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(model::describeActionGroups(controller.history().branch()).size(), 1);
    const auto &topic = controller.world().kafka.topics[0].config;
    QCOMPARE(topic.partitions, 5);
    QCOMPARE(topic.minInsyncReplicas, 3);
    QCOMPARE(controller.userActions().size(), std::size_t{2});
    QCOMPARE(spin("partitions")->value(), 5); // the panel re-read the world

    // One more consumer in the Kafka group; one more open shard in the stream.
    spin("liveConsumers")->setValue(3);
    QTest::mouseClick(button("applyConsumers"), Qt::LeftButton);
    int live = 0;
    for (const auto &m : controller.world().kafka.groups[0].members)
      live += m.alive && m.inGroup ? 1 : 0;
    QCOMPARE(live, 3);
    const auto openShards = [&] {
      int open = 0;
      for (const auto &s : controller.world().kinesis.shards)
        open += s.open() ? 1 : 0;
      return open;
    };
    // One UpdateShardCount call: the stream is UPDATING, then has the target's shards.
    spin("openShards")->setValue(4);
    QTest::mouseClick(button("reshard"), Qt::LeftButton);
    QCOMPARE(controller.userActions().back().action(), engine::FaultAction::UpdateShardCount);
    QCOMPARE(applied.count(), 3); // the consumer step and the reshard: one each
    QCOMPARE(openShards(), 3);
    QCOMPARE(controller.world().kinesis.streams[0].capacity.status, engine::kinesis::StreamStatus::Updating);
    controller.runTo(controller.world().now + 11 * engine::kSecond);
    QCOMPARE(openShards(), 4);
    spin("openShards")->setValue(2);
    QTest::mouseClick(button("reshard"), Qt::LeftButton);
    QCOMPARE(controller.userActions().back().action(), engine::FaultAction::UpdateShardCount);
    QCOMPARE(controller.world().kinesis.streams[0].capacity.status, engine::kinesis::StreamStatus::Updating);
    // One step back undoes the call: the stream is ACTIVE with its four shards again.
    controller.stepBack();
    QCOMPARE(controller.world().kinesis.streams[0].capacity.status, engine::kinesis::StreamStatus::Active);
    QCOMPARE(openShards(), 4);
    QTest::mouseClick(button("reshard"), Qt::LeftButton);
    controller.runTo(controller.world().now + 11 * engine::kSecond);
    QCOMPARE(openShards(), 2);
  }

  void followsTheWorldAtEveryFrame() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/first-look.json")));
    auto *panel = window.findChild<ui::SettingsPanel *>();
    const auto spin = [&](const char *name) { return panel->findChild<QSpinBox *>(QString::fromLatin1(name)); };
    const int partitions = spin("partitions")->value();
    controller.runTo(2 * engine::kSecond);
    spin("partitions")->setValue(partitions + 2);
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("applyTopic")), Qt::LeftButton);
    QCOMPARE(spin("partitions")->value(), partitions + 2);

    // Saved, then reopened: at time 0 the dock shows the scenario's own value...
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("grown.json"));
    window.setScenarioDetailsAnswer([](ui::ScenarioDetailsDialog &dialog) { dialog.accept(); });
    QVERIFY(window.saveScenarioTo(path));
    QVERIFY(window.openScenario(path));
    QCOMPARE(controller.world().kafka.topics[0].config.partitions, partitions);
    QCOMPARE(spin("partitions")->value(), partitions);
    // A field being edited keeps the user's value while the world changes under it...
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.findChild<QDockWidget *>(QStringLiteral("settingsDock"))->raise();
    spin("partitions")->setFocus();
    QTRY_VERIFY(spin("partitions")->hasFocus());
    spin("partitions")->setValue(partitions + 5);
    controller.runTo(3 * engine::kSecond);
    QCOMPARE(controller.world().kafka.topics[0].config.partitions, partitions + 2);
    QCOMPARE(spin("partitions")->value(), partitions + 5);
    // ...and once it loses the focus, the next frame shows the saved change, replayed as the
    // clock passed it, with no apply in between.
    spin("partitions")->clearFocus();
    controller.runTo(3 * engine::kSecond + engine::kMillisecond);
    QCOMPARE(spin("partitions")->value(), partitions + 2);
  }

  void aWarningDoesNotStopTheApply() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/first-look.json")));
    controller.runTo(2 * engine::kSecond);
    auto *panel = window.findChild<ui::SettingsPanel *>();
    const auto spin = [&](const char *name) { return panel->findChild<QSpinBox *>(QString::fromLatin1(name)); };
    // Min ISR above the replication factor is only a warning: the apply goes through.
    spin("minInsyncReplicas")->setValue(4);
    auto *apply = panel->findChild<QPushButton *>(QStringLiteral("applyTopic"));
    QVERIFY(apply->isEnabled());
    QSignalSpy applied(&controller, &model::SimulationController::userActionApplied);
    QTest::mouseClick(apply, Qt::LeftButton);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(controller.world().kafka.topics[0].config.minInsyncReplicas, 4);
  }
};

QTEST_MAIN(TstSettingsPanel)
#include "tst_settings_panel.moc"
