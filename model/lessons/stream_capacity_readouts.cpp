#include "stream_capacity_readouts.h"

#include <QObject>

namespace streamscope::model::stream_capacity_readouts {
namespace {

using namespace engine;

const QStringList kFields = {QStringLiteral("updating"),      QStringLiteral("updating_ms"), QStringLiteral("on_demand"),
                             QStringLiteral("closed_shards"), QStringLiteral("scale_ups"),   QStringLiteral("throttled_writes"),
                             QStringLiteral("refusals")};

/// The stream a resharding or mode fault names, or nullptr for other faults.
const std::string *reshardingStream(const Fault &f) {
  if (const auto *a = f.as<SplitShard>())
    return &a->stream;
  if (const auto *a = f.as<MergeShards>())
    return &a->stream;
  if (const auto *a = f.as<UpdateShardCount>())
    return &a->stream;
  if (const auto *a = f.as<SwitchCapacityMode>())
    return &a->stream;
  return nullptr;
}

QString number(double v) { return QString::number(static_cast<qlonglong>(v)); }

} // namespace

bool answers(const QStringList &s) { return s.value(0) == QLatin1String("stream") && kFields.contains(s.value(2)); }

std::optional<QString> check(const QStringList &s) {
  if (s.size() == 3)
    return std::nullopt;
  return QObject::tr("write \"stream S %1\", not \"%2\"").arg(s[2], s.join(QLatin1Char(' ')));
}

std::optional<double> value(const QStringList &s, const World &w, QString *why) {
  const int index = w.kinesis.streamIndex(s[1].toStdString());
  if (index < 0) {
    *why = QObject::tr("no stream \"%1\"").arg(s[1]);
    return std::nullopt;
  }
  const kinesis::Stream &st = w.kinesis.streams[static_cast<std::size_t>(index)];
  const kinesis::StreamCapacity &c = st.capacity;
  const bool updating = c.status == kinesis::StreamStatus::Updating;
  const QString &field = s[2];
  if (field == QLatin1String("updating"))
    return updating ? 1 : 0;
  if (field == QLatin1String("updating_ms"))
    return updating ? toMs(c.update.until - w.now) : 0;
  if (field == QLatin1String("on_demand"))
    return c.mode == CapacityMode::OnDemand ? 1 : 0;
  if (field == QLatin1String("scale_ups"))
    return static_cast<double>(c.scaleUps);
  if (field == QLatin1String("refusals")) { // the scenario's resharding and mode faults on this stream that Kinesis refused
    int refused = 0;
    for (const Refusal &r : w.refusals) {
      const std::string *named = r.fault >= 0 && r.fault < static_cast<int>(w.scenario.faults.size())
          ? reshardingStream(w.scenario.faults[static_cast<std::size_t>(r.fault)])
          : nullptr;
      refused += named && *named == st.config.name ? 1 : 0;
    }
    return refused;
  }
  if (field == QLatin1String("throttled_writes")) {
    std::int64_t throttled = 0;
    for (int slot : st.shards)
      throttled += w.kinesis.shardAt(slot).throttledWrites;
    return static_cast<double>(throttled);
  }
  int closed = 0; // closed_shards: closed and not yet expired, as ListShards shows them
  for (int slot : st.shards) {
    const kinesis::Shard &shard = w.kinesis.shardAt(slot);
    closed += !shard.open() && w.now - shard.closedAt < st.config.retention ? 1 : 0;
  }
  return closed;
}

QString inWords(const QStringList &s, double v) {
  const QString &stream = s[1];
  const QString &field = s[2];
  if (field == QLatin1String("updating"))
    return v != 0 ? QObject::tr("stream %1 is UPDATING").arg(stream) : QObject::tr("stream %1 is ACTIVE").arg(stream);
  if (field == QLatin1String("updating_ms"))
    return QObject::tr("stream %1 stays UPDATING for %2 ms more").arg(stream, number(v));
  if (field == QLatin1String("on_demand"))
    return v != 0 ? QObject::tr("stream %1 is in on-demand mode").arg(stream) : QObject::tr("stream %1 is in provisioned mode").arg(stream);
  if (field == QLatin1String("scale_ups"))
    return QObject::tr("Kinesis scaled stream %1 up %2 times").arg(stream, number(v));
  if (field == QLatin1String("throttled_writes"))
    return QObject::tr("stream %1 refused %2 record writes").arg(stream, number(v));
  if (field == QLatin1String("refusals"))
    return QObject::tr("Kinesis refused %1 of the operations asked of stream %2").arg(number(v), stream);
  return QObject::tr("stream %1 has %2 closed shards").arg(stream, number(v));
}

QStringList fields() { return kFields; }

} // namespace streamscope::model::stream_capacity_readouts
