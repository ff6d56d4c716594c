// Seek benchmark: the default first-look scenario (10 simulated minutes) explored to the end,
// then seeks to pseudo-random instants. Prints the snapshot memory it took.
// Run: ctest --test-dir build -C Benchmark -L benchmark --verbose
#include "model/history/run_history.h"
#include "model/json/scenario_loader.h"

#include <QtTest>

using namespace streamscope;

class BenchSeek : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/first-look.json"));
    QVERIFY(loaded.scenario);
    QCOMPARE(loaded.scenario->duration, 600 * engine::kSecond);
    m_sim = std::make_unique<engine::Simulation>(*loaded.scenario);
    m_history.reset(*m_sim);
    QElapsedTimer clock;
    clock.start();
    m_history.runForward(*m_sim, m_sim->duration());
    qInfo("explored 600 s in %lld ms; %zu snapshots, %.1f MiB, one every %.1f s", static_cast<long long>(clock.elapsed()), m_history.snapshotCount(),
          static_cast<double>(m_history.snapshotBytes()) / (1 << 20), engine::toMs(m_history.snapshotInterval()) / 1000);
  }

  void seekAnywhere() {
    std::uint64_t x = 12345;
    QBENCHMARK {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      m_history.seek(*m_sim, static_cast<engine::SimTime>((x >> 11) % static_cast<std::uint64_t>(m_sim->duration())));
    }
  }

  void seekToTheWorstPlace() { // just before a snapshot: the longest replay
    const engine::SimTime worst = m_history.branch().snapshots[1].at - 1;
    QBENCHMARK { m_history.seek(*m_sim, worst); }
  }

private:
  std::unique_ptr<engine::Simulation> m_sim;
  model::RunHistory m_history;
};

QTEST_GUILESS_MAIN(BenchSeek)
#include "bench_seek.moc"
