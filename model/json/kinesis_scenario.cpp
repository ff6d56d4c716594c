#include "kinesis_scenario.h"

#include "scenario_fields.h"

#include <QObject>
#include <QSet>

namespace streamscope::model {
namespace {

using namespace streamscope::engine;

constexpr std::int64_t kMinRetentionHours = 24;
constexpr std::int64_t kMaxRetentionHours = 8760;

const QStringList kCapacityModes = {QStringLiteral("provisioned"), QStringLiteral("on_demand")};

const QStringList kIteratorTypes = {QStringLiteral("trim_horizon"), QStringLiteral("latest"), QStringLiteral("at_sequence_number"),
                                    QStringLiteral("after_sequence_number"), QStringLiteral("at_timestamp")};

StreamConfig readStream(const QJsonObject &o, const QString &pointer) {
  JsonFields f(o, pointer, QObject::tr("a stream"));
  StreamConfig st;
  st.name = f.string(QStringLiteral("name")).toStdString();
  if (st.name.empty())
    f.fail(QStringLiteral("name"), QObject::tr("a stream needs a non-empty name"));
  const bool onDemand = f.choice(QStringLiteral("capacity_mode"), kCapacityModes, QStringLiteral("provisioned")) == kCapacityModes[1];
  st.capacityMode = onDemand ? CapacityMode::OnDemand : CapacityMode::Provisioned;
  if (onDemand && f.has(QStringLiteral("shards")))
    f.fail(QStringLiteral("shards"),
           QObject::tr("an on-demand stream has no \"shards\": Kinesis manages them (it starts with 4); "
                       "leave \"shards\" out or use \"capacity_mode\": \"provisioned\""));
  st.shards = static_cast<int>(f.integer(QStringLiteral("shards"), 1, 1024, 1));
  const std::int64_t hours = f.integer(QStringLiteral("retention_hours"), kMinRetentionHours, kMaxRetentionHours, 24);
  st.retention = hours * 3600 * kSecond;
  st.reshardTime = msField(f, QStringLiteral("reshard_ms"), 1, st.reshardTime);
  for (const QString &key : {QStringLiteral("on_demand_window_ms"), QStringLiteral("on_demand_scale_ms")})
    if (!onDemand && f.has(key))
      f.fail(key, QObject::tr("\"%1\" applies only to an on-demand stream, which scales by itself: add \"capacity_mode\": \"on_demand\"").arg(key));
  st.onDemandWindow = msField(f, QStringLiteral("on_demand_window_ms"), 100, st.onDemandWindow);
  st.onDemandScaleTime = msField(f, QStringLiteral("on_demand_scale_ms"), 1, st.onDemandScaleTime);
  // MaxRecordSizeInKiB, as CreateStream and UpdateMaxRecordSize accept it.
  st.maxRecordSizeKib = static_cast<int>(f.integer(QStringLiteral("max_record_size_kib"), 1024, 10240, 1024));
  f.finish();
  return st;
}

} // namespace

void readStreamName(JsonFields &f, const Scenario &s, std::string &out) {
  const QString name = f.string(QStringLiteral("stream"));
  if (!findStream(s, name))
    f.fail(QStringLiteral("stream"), QObject::tr("no stream named \"%1\" in the kinesis section").arg(name));
  out = name.toStdString();
}

IteratorType readIteratorType(JsonFields &f, const QString &key, const QStringList &allowed, std::optional<QString> fallback) {
  const QString t = f.choice(key, allowed, fallback);
  return static_cast<IteratorType>(kIteratorTypes.indexOf(t));
}

KinesisConfig readKinesis(const QJsonObject &o) {
  JsonFields f(o, QStringLiteral("/kinesis"), QObject::tr("the kinesis section"));
  KinesisConfig k;
  latencyRangeField(f, QStringLiteral("client_latency_ms"), k.clientLatencyMin, k.clientLatencyMax);
  latencyRangeField(f, QStringLiteral("az_latency_ms"), k.azLatencyMin, k.azLatencyMax);
  k.efoPushInterval = msField(f, QStringLiteral("fan_out_push_interval_ms"), 1, k.efoPushInterval);
  const QJsonArray streams = f.array(QStringLiteral("streams"));
  if (streams.isEmpty())
    f.fail(QStringLiteral("streams"), QObject::tr("the kinesis section needs at least one stream"));
  QSet<QString> names;
  for (int i = 0; i < streams.size(); ++i) {
    const QString ptr = QStringLiteral("/kinesis/streams/%1").arg(i);
    if (!streams[i].isObject())
      throw JsonFieldError{ptr, QObject::tr("a stream must be an object, not %1").arg(jsonTypeName(streams[i])), false};
    StreamConfig st = readStream(streams[i].toObject(), ptr);
    const QString name = QString::fromStdString(st.name);
    if (names.contains(name))
      throw JsonFieldError{ptr + QStringLiteral("/name"), QObject::tr("stream \"%1\" is defined twice").arg(name), false};
    names.insert(name);
    k.streams.push_back(std::move(st));
  }
  f.finish();
  return k;
}

const StreamConfig *findStream(const Scenario &s, const QString &name) {
  if (!s.kinesis)
    return nullptr;
  for (const StreamConfig &st : s.kinesis->streams)
    if (QString::fromStdString(st.name) == name)
      return &st;
  return nullptr;
}

KinesisAppConfig readApplication(const QJsonObject &o, const QString &pointer, const Scenario &s) {
  JsonFields f(o, pointer, QObject::tr("a Kinesis application"));
  KinesisAppConfig c;
  c.application = f.string(QStringLiteral("application")).toStdString();
  if (c.application.empty())
    f.fail(QStringLiteral("application"), QObject::tr("an application needs a non-empty name"));
  readStreamName(f, s, c.stream);
  c.workers = static_cast<int>(f.integer(QStringLiteral("workers"), 0, 256, 1));
  if (f.has(QStringLiteral("start")) && f.raw(QStringLiteral("start")).isString() &&
      f.raw(QStringLiteral("start")).toString().endsWith(QLatin1String("sequence_number")))
    f.fail(QStringLiteral("start"),
           QStringLiteral("a KCL application starts at \"trim_horizon\", \"latest\" or \"at_timestamp\"; "
                          "a sequence number belongs to one shard: use a \"seek\" fault with \"shard\""));
  c.initialPosition =
      readIteratorType(f, QStringLiteral("start"), {QStringLiteral("trim_horizon"), QStringLiteral("latest"), QStringLiteral("at_timestamp")},
                       QStringLiteral("latest"));
  if (c.initialPosition == IteratorType::AtTimestamp)
    c.startTimestamp = msField(f, QStringLiteral("timestamp_ms"), 0, std::nullopt);
  c.enhancedFanOut = f.boolean(QStringLiteral("enhanced_fan_out"), false);
  c.idleTimeBetweenReads = msField(f, QStringLiteral("idle_time_between_reads_ms"), 1, c.idleTimeBetweenReads);
  c.maxRecords = static_cast<int>(f.integer(QStringLiteral("max_records"), 1, 10000, 10000));
  c.checkpointInterval = msField(f, QStringLiteral("checkpoint_interval_ms"), 0, c.checkpointInterval);
  c.failoverTime = msField(f, QStringLiteral("failover_time_ms"), 100, c.failoverTime);
  c.start = msField(f, QStringLiteral("start_ms"), 0, 0);
  c.readAttempts = static_cast<int>(f.integer(QStringLiteral("read_attempts"), 1, 10, c.readAttempts));
  c.readThrottleBackoff = msField(f, QStringLiteral("read_throttle_backoff_ms"), 1, c.readThrottleBackoff);
  c.subscribeRetry = msField(f, QStringLiteral("subscribe_retry_ms"), 1, c.subscribeRetry);
  c.kclVersion = static_cast<int>(f.integer(QStringLiteral("kcl_version"), 2, 3, 3));
  c.rebalanceThresholdPercent = static_cast<int>(f.integer(QStringLiteral("rebalance_threshold_percent"), 0, 1000, 10));
  c.dampeningPercent = static_cast<int>(f.integer(QStringLiteral("dampening_percent"), 1, 100, 80));
  c.leaderLockLease = msField(f, QStringLiteral("leader_lock_lease_ms"), 1000, c.leaderLockLease);
  c.cpuCapacityBytesPerSecond = f.integer(QStringLiteral("cpu_capacity_kib_per_second"), 1, 1024 * 1024, 4096) * 1024;
  if (c.kclVersion < 3)
    for (const char *key : {"rebalance_threshold_percent", "dampening_percent", "leader_lock_lease_ms", "cpu_capacity_kib_per_second"})
      if (f.has(QLatin1String(key)))
        f.fail(QLatin1String(key),
               QObject::tr("\"%1\" belongs to KCL 3's leader-based assignment: it needs \"kcl_version\": 3").arg(QLatin1String(key)));
  f.finish();
  return c;
}

} // namespace streamscope::model
