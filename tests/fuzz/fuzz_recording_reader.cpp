// Fuzz target: a recording file's bytes. Reading refuses what is not a whole recording of
// this schema; what it accepts replays (for recordings of short runs) or is refused with a
// message, never a crash.
#include "fuzz_support.h"

#include "engine/sim/simulation.h"
#include "model/history/recording_store.h"
#include "model/history/run_history.h"
#include "model/json/scenario_loader.h"

#include <QFile>
#include <QTemporaryDir>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) { return streamscope::fuzz::initialize(argc, argv); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace streamscope;
  static QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("fuzz.db"));
  QFile::remove(path + QStringLiteral("-wal"));
  QFile::remove(path + QStringLiteral("-shm"));
  {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
      return 0;
    file.write(fuzz::bytes(data, size));
  }
  QString error;
  const auto recording = model::readRecording(path, &error);
  if (!recording) {
    if (!error.startsWith(path))
      fuzz::fail(QStringLiteral("a refusal that does not name the file: ") + error);
    return 0;
  }
  const auto scenario = model::loadScenarioText(recording->scenarioJson, QStringLiteral("recording"));
  if (!scenario.scenario)
    return 0; // the app refuses it with that message
  for (const auto &branch : recording->branches)
    if (branch.explored > 20 * engine::kSecond || branch.explored < 0)
      return 0; // long runs replay correctly but too slowly for fuzzing
  engine::Simulation sim(*scenario.scenario);
  model::RunHistory history;
  model::replayRecording(*recording, sim, history);
  return 0;
}
