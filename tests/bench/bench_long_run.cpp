// Long runs through the time-travel history (docs/benchmarks.md, "Long runs and the memory budget").
//   bench_long_run s1 [SECONDS]   S1 at 10,000 records/s into both systems (Kafka retention.ms
//                                 15 minutes) for SECONDS simulated (default 3600), snapshots
//                                 under a 1 GiB budget; then 20 seeks to random instants.
//   bench_long_run app [SECONDS]  the side-by-side scenario (2,000 records/s into both systems)
//                                 for SECONDS simulated, as the app runs it (256 MiB snapshot
//                                 budget, metrics sampled): world, snapshots, metrics and RSS.
// Prints one line per simulated 5 minutes and a summary; exits non-zero only on bad arguments.
#include "engine/world/scenario_builder.h"
#include "model/history/run_history.h"
#include "model/json/scenario_loader.h"
#include "model/settings/memory_budget.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace streamscope;
using engine::kSecond;

namespace {

double mib(std::size_t bytes) { return static_cast<double>(bytes) / (1 << 20); }

double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024;
}

/// S1 of `streamscope-cli bench` at 10,000 records/s: the same records into K1's cluster and a
/// stream with enough shards to take them (12 x 1,000 records/s), Kafka deleting after 15 minutes.
engine::Scenario s1(engine::SimTime duration) {
  engine::ScenarioBuilder b("S1 long", 1, duration);
  engine::ProducerConfig &p = b.producer("load", "bench", "bench");
  p.recordBytes = 100;
  p.keyCount = 10000;
  p.rate = 10000;
  b.kafka(3);
  b.topic("bench", 6, 3, 2).retention = 15 * 60 * kSecond;
  b.consumerGroup("readers", "bench", 3, engine::OffsetReset::Earliest);
  b.stream("bench", 12);
  b.application("readers", "bench", 4, engine::IteratorType::TrimHorizon);
  return b.build();
}

std::size_t metricsBytes(const model::RunHistory &h) {
  std::size_t n = 0;
  for (const model::Branch &b : h.branches())
    n += b.metrics.bytes();
  return n;
}

void line(const char *what, const engine::Simulation &sim, const model::RunHistory &h, qint64 wallMs) {
  std::printf("%s t=%5.0f s  wall %6.1f s  world %7.1f MiB  snapshots %7.1f MiB beyond it, %7.1f MiB held (%zu, every %.0f s)  metrics %5.2f MiB  "
              "RSS %7.1f MiB  "
              "peak %7.1f MiB\n",
              what, engine::toMs(sim.now()) / 1000, static_cast<double>(wallMs) / 1000, mib(model::estimateWorldBytes(sim.world())),
              mib(h.snapshotBytesBeyond(sim.world())), mib(h.snapshotBytes()), h.snapshotCount(), engine::toMs(h.snapshotInterval()) / 1000,
              mib(metricsBytes(h)), mib(model::processResidentBytes()), peakRssMiB());
  std::fflush(stdout);
}

void run(const char *name, engine::Simulation &sim, model::RunHistory &history, bool seeks) {
  QElapsedTimer wall;
  wall.start();
  history.reset(sim);
  for (engine::SimTime t = 300 * kSecond; t < sim.duration() + 300 * kSecond; t += 300 * kSecond) {
    history.runForward(sim, std::min(t, sim.duration()));
    line(name, sim, history, wall.elapsed());
  }
  const qint64 runMs = wall.elapsed();
  std::printf("%s explored %.0f simulated s in %.1f s wall; %llu engine actions\n", name, engine::toMs(sim.now()) / 1000,
              static_cast<double>(runMs) / 1000, static_cast<unsigned long long>(sim.processed()));
  if (!seeks)
    return;
  std::vector<double> ms;
  std::uint64_t x = 12345;
  for (int i = 0; i < 20; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto target = static_cast<engine::SimTime>((x >> 11) % static_cast<std::uint64_t>(sim.duration()));
    QElapsedTimer seek;
    seek.start();
    history.seek(sim, target);
    ms.push_back(static_cast<double>(seek.nsecsElapsed()) / 1e6);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%s seek anywhere (20 random): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", name, ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back());
  // Seeks to the snapshots' own instants: the restore alone, with no replay after it.
  std::vector<double> restore;
  const auto snapshots = history.branch().snapshots;
  for (std::size_t i = 0; i < 10; ++i) {
    QElapsedTimer seek;
    seek.start();
    history.seek(sim, snapshots[(i * 7919) % snapshots.size()].at);
    restore.push_back(static_cast<double>(seek.nsecsElapsed()) / 1e6);
  }
  std::sort(restore.begin(), restore.end());
  std::printf("%s seek to a snapshot (restore only, 10): p50 %.1f ms, max %.1f ms\n", name, restore[restore.size() / 2], restore.back());
  line(name, sim, history, wall.elapsed());
}

} // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  const QString which = args.value(1);
  const double seconds = args.size() > 2 ? args[2].toDouble() : 3600;
  if ((which != QLatin1String("s1") && which != QLatin1String("app")) || seconds <= 0) {
    std::fprintf(stderr, "usage: bench_long_run s1|app [SECONDS]\n");
    return 2;
  }
  const auto duration = static_cast<engine::SimTime>(seconds * 1000) * engine::kMillisecond;
  if (which == QLatin1String("s1")) {
    engine::Simulation sim(s1(duration));
    model::RunHistory history(std::size_t{1} << 30);
    run("S1", sim, history, true);
  } else {
    const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/side-by-side.json"));
    if (!loaded.scenario) {
      std::fprintf(stderr, "%s\n", qPrintable(loaded.error));
      return 1;
    }
    engine::Scenario scenario = *loaded.scenario;
    scenario.duration = duration;
    engine::Simulation sim(scenario);
    model::RunHistory history; // the app's
    run("app", sim, history, true);
  }
  std::printf("peak RSS %.1f MiB\n", peakRssMiB());
  return 0;
}
