#pragma once
// The fault vocabulary, stated once: one row per engine::FaultAction with its scenario-file
// name, the system it acts on, how its JSON entry is read (with the loader's validation and
// messages) and written back, and the short text the history and branch views show.
// The loader, the fault writer and the run history all go through this table, so a new
// action is one row here plus its engine struct and handler.
// The table is built once and never changes: any thread may read it.
#include "engine/world/scenario.h"
#include "fault_fields.h"
#include "json_fields.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace streamscope::model {

/// The system an action acts on. A Kafka action needs a kafka section and a Kinesis one a
/// kinesis section; the loader checks that before reading the keys.
enum class FaultSystem { Kafka, Kinesis, Both };

struct FaultRow {
  engine::FaultAction action;
  QString name; ///< the JSON "action"
  FaultSystem system;
  /// Reads the entry's keys (not at_ms or action). Throws JsonFieldError.
  std::function<engine::FaultSpec(JsonFields &, const FaultContext &)> read;
  /// Adds the entry's keys to `o` (not at_ms or action). `application`: the fault's group
  /// names a Kinesis application. REQUIRES: `spec` holds this row's action.
  std::function<void(QJsonObject &o, const engine::FaultSpec &spec, bool application)> write;
  /// "crash broker 2", "split shard 0", ... REQUIRES: `spec` holds this row's action.
  std::function<QString(const engine::FaultSpec &spec)> describe;
};

/// Every row, in FaultAction order (row i is action i).
const std::vector<FaultRow> &faultTable();
const FaultRow &faultRow(engine::FaultAction action);
/// The row named `name`, or nullptr.
/// The row an action name reads with (crash_controller, restart_controller and
/// isolate_controller are the broker rows, aimed at a controller), or nullptr.
const FaultRow *findFaultRow(const QString &name);
/// Whether `action` is one of the controller names above: it needs "controller".
bool namesController(const QString &action);
/// Every action name, in table order (for messages).
QStringList faultActionNames();

} // namespace streamscope::model
