// Fuzz target: scenario text. Every input is either refused with `file:line:column: message`
// or loads into a scenario the engine can run for a while without failing.
#include "fuzz_support.h"

#include "engine/sim/simulation.h"
#include "model/json/scenario_loader.h"

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) { return streamscope::fuzz::initialize(argc, argv); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace streamscope;
  const auto loaded = model::loadScenarioText(fuzz::bytes(data, size), QStringLiteral("fuzz.json"));
  if (!loaded.scenario) {
    fuzz::requireLocated(loaded.error, QStringLiteral("fuzz.json"));
    return 0;
  }
  engine::Simulation sim(*loaded.scenario);
  for (int i = 0; i < 2000 && sim.step(); ++i) {}
  return 0;
}
