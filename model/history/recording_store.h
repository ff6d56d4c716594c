#pragma once
// Recordings: one SQLite file per run (schema version 1, WAL journal) holding the scenario,
// every branch with its user actions, checkpoints (time, position and event hash at each
// snapshot) and the metric series. A writer adds what is new in one transaction per batch,
// so a writer killed mid-run leaves a file that opens and replays to its last batch.
//
// Snapshots themselves are not stored: opening a recording replays each branch from its
// actions (the engine is deterministic), rebuilding the snapshots, and checks the stored
// event hashes on the way, so a recording that does not replay exactly is refused.
//
// User action groups are kept in the actions table's nullable action_group column (the index
// of the group's first action). The column was added within schema 1: files without it read
// as one group per action, and older readers, which name their columns, ignore it.
// The playback speed it was watched at is the meta table's optional "playback_speed" key,
// also added within schema 1: files without it read as no speed, and older readers ignore it.
// Contract: a RecordingWriter is used by one thread (GUI or CLI main thread); readers open their own connection.
#include "run_history.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace streamscope::model {

inline constexpr int kRecordingSchemaVersion = 1;

struct RecordedBranch {
  int parent = -1;
  engine::SimTime forkedAt = 0;
  QString name;
  std::vector<UserAction> actions;
  engine::SimTime explored = 0;
  std::uint64_t exploredHash = 0; ///< event hash when the branch was at `explored`
  std::uint64_t exploredProcessed = 0;
};

struct Recording {
  QByteArray scenarioJson;
  std::vector<RecordedBranch> branches;
  int currentBranch = 0;
  engine::SimTime currentTime = 0;
  /// The playback speed (simulated seconds per real second) when it was saved, if stored.
  std::optional<double> playbackSpeed;
  /// Stored metric series, per branch: series key -> (time, value).
  std::vector<std::map<QString, std::vector<std::pair<engine::SimTime, double>>>> samples;
};

class RecordingWriter {
public:
  RecordingWriter() = default;
  RecordingWriter(const RecordingWriter &) = delete;
  RecordingWriter &operator=(const RecordingWriter &) = delete;
  ~RecordingWriter();

  /// Creates (replacing) the file and writes the scenario. False with `error` on failure.
  bool create(const QString &path, const QByteArray &scenarioJson, QString *error);
  /// Writes everything `history` has that this writer has not written yet, plus the position
  /// (`sim`'s time on the current branch), in one transaction.
  bool writeBatch(const RunHistory &history, const engine::Simulation &sim, QString *error);
  /// Stores (replacing) the playback speed the run is watched at. REQUIRES: create succeeded.
  bool writePlaybackSpeed(double speed, QString *error);

private:
  QString m_connection;
  struct Written {
    std::size_t actions = 0, snapshots = 0;
    engine::SimTime samplesUpTo = -1; ///< samples at or before this time are written
  };
  std::vector<Written> m_written; ///< per branch
};

/// True when `path` starts with the SQLite header, i.e. it may be a recording rather than a scenario.
bool isSqliteFile(const QString &path);

/// Reads a recording; nullopt with a precise `error` for a file that is missing, not SQLite,
/// of a newer schema, or damaged.
std::optional<Recording> readRecording(const QString &path, QString *error);

/// Rebuilds the run: loads the recording's branches into `history` and replays each to where
/// it was explored, checking its event hash; then goes to the recorded position. Returns an
/// error message when the replay does not match the recording.
/// `progress`, if given, is called every simulated second of replay with the share done
/// (0 to 1); returning false cancels, and the result is then kReplayCancelled.
std::optional<QString> replayRecording(const Recording &recording, engine::Simulation &sim, RunHistory &history,
                                       const std::function<bool(double)> &progress = {});
/// The message replayRecording returns when `progress` cancelled it.
QString replayCancelledMessage();

} // namespace streamscope::model
