#include "mirror_comparison.h"

#include "engine/sim/report.h"
#include "engine/sim/simulation.h"
#include "model/json/scenario_loader.h"

#include <QJsonDocument>

namespace streamscope::live {

MirrorComparison compareWithMirror(const ProbeReport &probe, const QJsonObject &scenario) {
  MirrorComparison out;
  const model::ScenarioLoadResult loaded = model::loadScenarioText(QJsonDocument(scenario).toJson(), QStringLiteral("mirror.json"));
  if (!loaded.scenario) {
    out.error = loaded.error;
    return out;
  }
  engine::Simulation sim(*loaded.scenario);
  sim.runToEnd();
  const engine::Report r = engine::makeReport(sim.world());
  const auto n = [](std::int64_t v) { return static_cast<double>(v); };
  out.rows = {{QStringLiteral("produced"), n(probe.produced), n(r.produced)},
              {QStringLiteral("acknowledged"), n(probe.acknowledged), n(r.acknowledged)},
              {QStringLiteral("failed"), n(probe.failed), n(r.failed)},
              {QStringLiteral("acknowledged_lost"), n(probe.acknowledgedLost), n(r.acknowledgedLost)},
              {QStringLiteral("duplicates"), n(probe.duplicates), n(r.duplicatesDelivered)},
              {QStringLiteral("latency p50 (ms)"), probe.latencyP50Ms, r.latencyP50Ms},
              {QStringLiteral("latency p99 (ms)"), probe.latencyP99Ms, r.latencyP99Ms}};
  return out;
}

} // namespace streamscope::live
