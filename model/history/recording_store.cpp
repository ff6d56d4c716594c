#include "recording_store.h"

#include "engine/world/world_snapshot.h"
#include "model/json/fault_json.h"
#include "model/json/scenario_loader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <algorithm>

namespace streamscope::model {
namespace {

const char *const kSchema[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE scenario(id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
    "CREATE TABLE branches(id INTEGER PRIMARY KEY, parent INTEGER NOT NULL, forked_at_us INTEGER NOT NULL, name TEXT NOT NULL,"
    " explored_us INTEGER NOT NULL, explored_processed INTEGER NOT NULL, explored_hash TEXT NOT NULL)",
    "CREATE TABLE actions(branch INTEGER NOT NULL, seq INTEGER NOT NULL, at_us INTEGER NOT NULL, processed INTEGER NOT NULL,"
    " fault TEXT NOT NULL, action_group INTEGER, PRIMARY KEY (branch, seq))",
    "CREATE TABLE checkpoints(branch INTEGER NOT NULL, at_us INTEGER NOT NULL, processed INTEGER NOT NULL,"
    " actions_applied INTEGER NOT NULL, event_hash TEXT NOT NULL, PRIMARY KEY (branch, at_us))",
    "CREATE TABLE samples(branch INTEGER NOT NULL, t_us INTEGER NOT NULL, series TEXT NOT NULL, value REAL)",
    "CREATE TABLE position(id INTEGER PRIMARY KEY CHECK (id = 1), branch INTEGER NOT NULL, at_us INTEGER NOT NULL)",
};

QString hashText(std::uint64_t h) { return QString::number(h, 16); }

bool exec(QSqlQuery &q, QString *error) {
  if (q.exec())
    return true;
  if (error)
    *error = q.lastError().text();
  return false;
}

/// A unique connection that is removed when it goes out of scope.
class Connection {
public:
  explicit Connection(const QString &path) : m_name(QUuid::createUuid().toString()) {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
  }
  ~Connection() {
    { QSqlDatabase::database(m_name, false).close(); }
    QSqlDatabase::removeDatabase(m_name);
  }
  QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
  QString m_name;
};

bool isScenarioApplication(const engine::Scenario &s, const engine::Fault &fault) {
  const std::string *group = engine::faultGroup(fault);
  for (const auto &a : s.applications)
    if (group && a.application == *group)
      return true;
  return false;
}

} // namespace

RecordingWriter::~RecordingWriter() {
  if (!m_connection.isEmpty()) {
    { QSqlDatabase::database(m_connection, false).close(); }
    QSqlDatabase::removeDatabase(m_connection);
  }
}

bool RecordingWriter::create(const QString &path, const QByteArray &scenarioJson, QString *error) {
  QFile::remove(path);
  QFile::remove(path + QStringLiteral("-wal"));
  QFile::remove(path + QStringLiteral("-shm"));
  m_connection = QUuid::createUuid().toString();
  QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
  db.setDatabaseName(path);
  if (!db.open()) {
    if (error)
      *error = QObject::tr("%1: cannot create: %2").arg(path, db.lastError().text());
    return false;
  }
  QSqlQuery q(db);
  q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
  q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
  db.transaction();
  for (const char *statement : kSchema)
    if (!q.exec(QString::fromLatin1(statement))) {
      if (error)
        *error = QObject::tr("%1: %2").arg(path, q.lastError().text());
      db.rollback();
      return false;
    }
  q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES (?, ?)"));
  for (const auto &[key, value] : {std::pair{QStringLiteral("schema_version"), QString::number(kRecordingSchemaVersion)},
                                   std::pair{QStringLiteral("application"), QStringLiteral("StreamScope")}}) {
    q.addBindValue(key);
    q.addBindValue(value);
    if (!exec(q, error))
      return false;
  }
  q.prepare(QStringLiteral("INSERT INTO scenario(id, json) VALUES (1, ?)"));
  q.addBindValue(QString::fromUtf8(scenarioJson));
  if (!exec(q, error))
    return false;
  return db.commit();
}

bool RecordingWriter::writePlaybackSpeed(double speed, QString *error) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES ('playback_speed', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
  q.addBindValue(QString::number(speed, 'g', 17));
  return exec(q, error);
}

bool RecordingWriter::writeBatch(const RunHistory &history, const engine::Simulation &sim, QString *error) {
  QSqlDatabase db = QSqlDatabase::database(m_connection, false);
  if (!db.isOpen()) {
    if (error)
      *error = QObject::tr("the recording is not open");
    return false;
  }
  const auto &branches = history.branches();
  m_written.resize(branches.size());
  db.transaction();
  QSqlQuery q(db);
  for (std::size_t b = 0; b < branches.size(); ++b) {
    const Branch &branch = branches[b];
    Written &w = m_written[b];
    q.prepare(QStringLiteral("INSERT INTO branches(id, parent, forked_at_us, name, explored_us, explored_processed, explored_hash)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET explored_us = excluded.explored_us,"
                             " explored_processed = excluded.explored_processed, explored_hash = excluded.explored_hash"));
    q.addBindValue(static_cast<int>(b));
    q.addBindValue(branch.parent);
    q.addBindValue(static_cast<qlonglong>(branch.forkedAt));
    q.addBindValue(branch.name);
    q.addBindValue(static_cast<qlonglong>(branch.explored));
    q.addBindValue(static_cast<qlonglong>(branch.exploredProcessed));
    q.addBindValue(hashText(branch.exploredHash));
    if (!exec(q, error))
      return db.rollback(), false;
    for (; w.actions < branch.actions.size(); ++w.actions) {
      const UserAction &a = branch.actions[w.actions];
      q.prepare(QStringLiteral("INSERT INTO actions(branch, seq, at_us, processed, fault, action_group) VALUES (?, ?, ?, ?, ?, ?)"));
      q.addBindValue(static_cast<int>(b));
      q.addBindValue(static_cast<qlonglong>(w.actions));
      q.addBindValue(static_cast<qlonglong>(a.fault.at));
      q.addBindValue(static_cast<qlonglong>(a.processed));
      q.addBindValue(QString::fromUtf8(
          QJsonDocument(faultToJson(a.fault, isScenarioApplication(sim.world().scenario, a.fault))).toJson(QJsonDocument::Compact)));
      q.addBindValue(static_cast<qlonglong>(a.group));
      if (!exec(q, error))
        return db.rollback(), false;
    }
    for (; w.snapshots < branch.snapshots.size(); ++w.snapshots) {
      const Snapshot &s = branch.snapshots[w.snapshots];
      q.prepare(QStringLiteral("INSERT OR IGNORE INTO checkpoints(branch, at_us, processed, actions_applied, event_hash) VALUES (?, ?, ?, ?, ?)"));
      q.addBindValue(static_cast<int>(b));
      q.addBindValue(static_cast<qlonglong>(s.at));
      q.addBindValue(static_cast<qlonglong>(s.processed));
      q.addBindValue(static_cast<qlonglong>(s.actionsApplied));
      q.addBindValue(hashText(s.world->rest().events.hash()));
      if (!exec(q, error))
        return db.rollback(), false;
    }
    const MetricsRecorder &m = branch.metrics;
    // By time, not by count: a long run thins its older samples, which moves their indices.
    const auto from = std::upper_bound(m.times().begin(), m.times().end(), w.samplesUpTo) - m.times().begin();
    q.prepare(QStringLiteral("INSERT INTO samples(branch, t_us, series, value) VALUES (?, ?, ?, ?)"));
    for (auto i = static_cast<std::size_t>(from); i < m.times().size(); ++i) {
      for (const MetricSeries &series : m.series()) {
        q.addBindValue(static_cast<int>(b));
        q.addBindValue(static_cast<qlonglong>(m.times()[i]));
        q.addBindValue(series.key);
        q.addBindValue(series.values[i]);
        if (!exec(q, error))
          return db.rollback(), false;
      }
      w.samplesUpTo = m.times()[i];
    }
  }
  q.prepare(QStringLiteral(
      "INSERT INTO position(id, branch, at_us) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET branch = excluded.branch, at_us = excluded.at_us"));
  q.addBindValue(history.current());
  q.addBindValue(static_cast<qlonglong>(sim.now()));
  if (!exec(q, error))
    return db.rollback(), false;
  if (!db.commit()) {
    if (error)
      *error = db.lastError().text();
    return false;
  }
  return true;
}

bool isSqliteFile(const QString &path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}

std::optional<Recording> readRecording(const QString &path, QString *error) {
  const auto fail = [&](const QString &message) {
    if (error)
      *error = QStringLiteral("%1: %2").arg(path, message);
    return std::nullopt;
  };
  QFile file(path);
  if (!file.exists())
    return fail(QObject::tr("no such file"));
  if (!file.open(QIODevice::ReadOnly))
    return fail(file.errorString());
  file.close();
  if (!isSqliteFile(path))
    return fail(QObject::tr("not a StreamScope recording (not an SQLite database)"));
  Connection connection(path);
  QSqlDatabase db = connection.db();
  db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
  if (!db.open())
    return fail(db.lastError().text());
  QSqlQuery q(db);
  if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) || !q.next())
    return fail(QObject::tr("not a StreamScope recording, or damaged (%1)")
                    .arg(q.lastError().text().isEmpty() ? QObject::tr("no schema version") : q.lastError().text()));
  const int version = q.value(0).toInt();
  if (version > kRecordingSchemaVersion)
    return fail(QObject::tr("recording schema %1 is newer than this StreamScope reads (%2); open it with a newer version")
                    .arg(version)
                    .arg(kRecordingSchemaVersion));
  if (version < 1)
    return fail(QObject::tr("unknown recording schema %1").arg(version));
  Recording r;
  if (!q.exec(QStringLiteral("SELECT json FROM scenario WHERE id = 1")) || !q.next())
    return fail(QObject::tr("the recording has no scenario (damaged?)"));
  r.scenarioJson = q.value(0).toString().toUtf8();
  if (!q.exec(QStringLiteral("SELECT id, parent, forked_at_us, name, explored_us, explored_processed, explored_hash FROM branches ORDER BY id")))
    return fail(q.lastError().text());
  while (q.next()) {
    if (q.value(0).toInt() != static_cast<int>(r.branches.size()))
      return fail(QObject::tr("branch ids are not consecutive (damaged?)"));
    RecordedBranch b;
    b.parent = q.value(1).toInt();
    b.forkedAt = q.value(2).toLongLong();
    b.name = q.value(3).toString();
    b.explored = q.value(4).toLongLong();
    b.exploredProcessed = static_cast<std::uint64_t>(q.value(5).toLongLong());
    b.exploredHash = q.value(6).toString().toULongLong(nullptr, 16);
    r.branches.push_back(std::move(b));
  }
  if (r.branches.empty())
    return fail(QObject::tr("the recording holds no run yet"));
  const auto scenario = loadScenarioText(r.scenarioJson, path);
  if (!scenario.scenario)
    return fail(QObject::tr("its scenario does not load: %1").arg(scenario.error));
  // Files written before action groups existed have no action_group column: each action is
  // then a group of its own.
  const bool hasGroups = q.exec(QStringLiteral("SELECT action_group FROM actions LIMIT 1"));
  if (!q.exec(hasGroups ? QStringLiteral("SELECT branch, at_us, processed, fault, action_group FROM actions ORDER BY branch, seq")
                        : QStringLiteral("SELECT branch, at_us, processed, fault, NULL FROM actions ORDER BY branch, seq")))
    return fail(q.lastError().text());
  while (q.next()) {
    const int branch = q.value(0).toInt();
    if (branch < 0 || branch >= static_cast<int>(r.branches.size()))
      return fail(QObject::tr("an action belongs to no branch (damaged?)"));
    // The fault is read back with the scenario loader's own rules.
    QString faultError;
    const auto fault = faultFromJson(r.scenarioJson, QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object(), &faultError);
    if (!fault)
      return fail(QObject::tr("a recorded action does not load: %1").arg(faultError));
    auto &actions = r.branches[static_cast<std::size_t>(branch)].actions;
    UserAction a{*fault, static_cast<std::uint64_t>(q.value(2).toLongLong()), actions.size()};
    a.fault.at = q.value(1).toLongLong();
    // A group continues only the action before it, made at the same place; anything else
    // (an old file, a damaged one) starts a group of its own.
    const qlonglong group = q.value(4).isNull() ? -1 : q.value(4).toLongLong();
    if (!actions.empty() && group >= 0 && static_cast<std::size_t>(group) == actions.back().group && actions.back().processed == a.processed &&
        actions.back().fault.at == a.fault.at)
      a.group = actions.back().group;
    actions.push_back(a);
  }
  r.samples.resize(r.branches.size());
  if (!q.exec(QStringLiteral("SELECT branch, t_us, series, value FROM samples ORDER BY rowid")))
    return fail(q.lastError().text());
  while (q.next()) {
    const int branch = q.value(0).toInt();
    if (branch >= 0 && branch < static_cast<int>(r.samples.size()))
      r.samples[static_cast<std::size_t>(branch)][q.value(2).toString()].emplace_back(q.value(1).toLongLong(),
                                                                                      q.value(3).isNull() ? std::nan("") : q.value(3).toDouble());
  }
  if (q.exec(QStringLiteral("SELECT branch, at_us FROM position WHERE id = 1")) && q.next()) {
    r.currentBranch = std::clamp(q.value(0).toInt(), 0, static_cast<int>(r.branches.size()) - 1);
    r.currentTime = q.value(1).toLongLong();
  }
  if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'playback_speed'")) && q.next()) {
    bool ok = false;
    const double speed = q.value(0).toString().toDouble(&ok);
    if (ok && speed > 0)
      r.playbackSpeed = speed;
  }
  return r;
}

QString replayCancelledMessage() { return QObject::tr("opening the recording was cancelled"); }

std::optional<QString> replayRecording(const Recording &recording, engine::Simulation &sim, RunHistory &history,
                                       const std::function<bool(double)> &progress) {
  history.reset(sim);
  std::vector<Branch> branches;
  for (const RecordedBranch &rb : recording.branches) {
    Branch b;
    b.parent = rb.parent;
    b.forkedAt = rb.forkedAt;
    b.name = rb.name;
    b.actions = rb.actions;
    branches.push_back(std::move(b));
  }
  history.loadBranches(std::move(branches));
  double total = 0, done = 0; // simulated time to replay, over every branch
  for (const RecordedBranch &rb : recording.branches)
    total += static_cast<double>(std::max<engine::SimTime>(rb.explored, 0));
  for (std::size_t i = 0; i < recording.branches.size(); ++i) {
    const RecordedBranch &rb = recording.branches[i];
    if (static_cast<int>(i) != history.current()) // seeking would run the events at the start time
      history.switchBranch(sim, static_cast<int>(i));
    const engine::SimTime start = sim.now();
    const auto share = [&] { return total > 0 ? (done + static_cast<double>(sim.now() - start)) / total : 1.0; };
    if (progress && !history.runForwardBySeconds(sim, rb.explored, [&] { return progress(share()); }))
      return replayCancelledMessage();
    done += static_cast<double>(rb.explored - start);
    history.runForwardTo(sim, rb.exploredProcessed, rb.explored);
    if (sim.world().events.hash() != rb.exploredHash)
      return QObject::tr("branch \"%1\" does not replay to the recorded state at %2 s (event hash %3, recorded %4)")
          .arg(rb.name)
          .arg(engine::toMs(rb.explored) / 1000, 0, 'f', 3)
          .arg(hashText(sim.world().events.hash()), hashText(rb.exploredHash));
  }
  history.switchBranch(sim, recording.currentBranch);
  history.seek(sim, recording.currentTime);
  return std::nullopt;
}

} // namespace streamscope::model
