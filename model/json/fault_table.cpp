#include "fault_table.h"

#include "control_plane_fields.h"
#include "scenario_fields.h"

#include "engine/core/uint128.h"
#include "engine/world/config_rules.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace streamscope::model {
namespace {

using namespace streamscope::engine;

/// One row from typed parts: the reader returns T, the writer and the description take it.
template <typename T, typename Read, typename Write, typename Describe>
FaultRow row(const char *name, FaultSystem system, Read read, Write write, Describe describe) {
  return FaultRow{T::kAction,
                  QString::fromLatin1(name),
                  system,
                  [read](JsonFields &f, const FaultContext &c) -> FaultSpec { return read(f, c); },
                  [write](QJsonObject &o, const FaultSpec &spec, bool application) {
                    if constexpr (std::is_invocable_v<Write, QJsonObject &, const T &, bool>)
                      write(o, std::get<T>(spec), application);
                    else
                      write(o, std::get<T>(spec));
                  },
                  [describe](const FaultSpec &spec) -> QString { return describe(std::get<T>(spec)); }};
}

QString text(const std::string &s) { return QString::fromStdString(s); }
QString brokerText(int broker) { return broker < 0 ? QObject::tr("every broker") : QObject::tr("broker %1").arg(broker); }
QString groupKey(bool application) { return application ? QStringLiteral("application") : QStringLiteral("group"); }
QString memberKey(bool application) { return application ? QStringLiteral("worker") : QStringLiteral("member"); }

const QString kBroker = QStringLiteral("broker");
const QString kProducer = QStringLiteral("producer");
const QString kTopic = QStringLiteral("topic");
const QString kStream = QStringLiteral("stream");
const QString kShard = QStringLiteral("shard");
const QString kPartitions = QStringLiteral("partitions");
const QString kReplicationFactor = QStringLiteral("replication_factor");

/// kill_consumer and remove_consumer: a member (or worker) index, -1 for the last live one.
template <typename Leave> Leave readLeave(JsonFields &f, const FaultContext &c) {
  Leave a;
  a.group = readConsumerName(f, c);
  a.member = static_cast<int>(f.integer(memberKey(f.has(QStringLiteral("application"))), 0, 255, -1));
  return a;
}
template <typename Leave> void writeLeave(QJsonObject &o, const Leave &a, bool application) {
  o[groupKey(application)] = text(a.group);
  if (a.member >= 0)
    o[memberKey(application)] = a.member;
}

/// drop_response's optional "system": whose responses it may lose (absent: either).
ResponseSystem readResponseSystem(JsonFields &f, const FaultContext &c) {
  const QString key = QStringLiteral("system");
  if (!f.has(key))
    return ResponseSystem::Any;
  const QString system = f.choice(key, {QStringLiteral("kafka"), QStringLiteral("kinesis")});
  const bool kafka = system == QLatin1String("kafka");
  if (kafka ? !c.scenario.kafka : !c.scenario.kinesis)
    f.fail(key, QObject::tr("\"system\": \"%1\" needs a %1 section").arg(system));
  return kafka ? ResponseSystem::Kafka : ResponseSystem::Kinesis;
}

/// drop_response's optional "response": which kind of answer it loses (absent: a produce answer).
ResponseKind readResponseKind(JsonFields &f) {
  const QString kind =
      f.choice(QStringLiteral("response"), {QStringLiteral("produce"), QStringLiteral("fetch"), QStringLiteral("any")}, QStringLiteral("produce"));
  return kind == QLatin1String("fetch") ? ResponseKind::Fetch : kind == QLatin1String("any") ? ResponseKind::Any : ResponseKind::Produce;
}
QString responseKindText(ResponseKind kind) {
  return kind == ResponseKind::Fetch ? QStringLiteral("fetch") : kind == ResponseKind::Any ? QStringLiteral("any") : QStringLiteral("produce");
}

DropResponse readDropResponse(JsonFields &f, const FaultContext &c) {
  DropResponse a;
  a.system = readResponseSystem(f, c);
  a.response = readResponseKind(f);
  const QString quoted = QStringLiteral("\"response\": \"%1\"").arg(responseKindText(a.response));
  if (f.has(kProducer)) {
    if (a.response != ResponseKind::Produce)
      f.fail(kProducer, QObject::tr("\"producer\" names who receives a produce response: it cannot be used with %1").arg(quoted));
    a.producer = readProducerName(f, c);
  }
  const QString application = QStringLiteral("application"), group = QStringLiteral("group");
  if (f.has(group) || f.has(application)) {
    const bool kinesis = f.has(application);
    const QString key = kinesis ? application : group;
    if (a.response != ResponseKind::Fetch)
      f.fail(key, QObject::tr("\"%1\" names who receives a fetch response: it needs \"response\": \"fetch\"").arg(key));
    if (a.system == (kinesis ? ResponseSystem::Kafka : ResponseSystem::Kinesis))
      f.fail(key,
             kinesis ? QObject::tr("\"application\" names a Kinesis application: it cannot be used with \"system\": \"kafka\"")
                     : QObject::tr("\"group\" names a Kafka consumer group: it cannot be used with \"system\": \"kinesis\" (use \"application\")"));
    a.group = readConsumerName(f, c);
    a.system = kinesis ? ResponseSystem::Kinesis : ResponseSystem::Kafka; // the name says whose responses
  }
  return a;
}

/// Crash, power loss and restart: "broker" (an id or "all") or "controller".
template <typename F> F readTarget(JsonFields &f, const FaultContext &c) {
  F a;
  a.broker = readBrokerOrController(f, c, true, a.controller);
  return a;
}
template <typename F> void writeTarget(QJsonObject &o, const F &a) { writeBrokerOrController(o, a.broker, a.controller); }
template <typename F> QString targetText(const F &a) {
  return a.controller >= 0 ? QObject::tr("controller %1").arg(a.controller) : brokerText(a.broker);
}

/// A producer that writes to Kafka (crash_producer and restart_producer act on Kafka clients).
std::string readKafkaProducerName(JsonFields &f, const FaultContext &c) {
  const std::string name = readProducerName(f, c);
  const auto &producers = c.scenario.producers;
  const bool kafka = std::any_of(producers.begin(), producers.end(), [&](const ProducerConfig &p) { return p.name == name && !p.topic.empty(); });
  if (!kafka)
    f.fail(kProducer, QObject::tr("producer \"%1\" writes to no Kafka topic: only Kafka producers crash and restart here").arg(text(name)));
  return name;
}

int readZone(JsonFields &f) { return static_cast<int>(f.integer(QStringLiteral("az"), 0, 2)); }

std::vector<FaultRow> buildTable() {
  constexpr FaultSystem Kafka = FaultSystem::Kafka, Kinesis = FaultSystem::Kinesis, Both = FaultSystem::Both;
  return {
      row<CrashBroker>("crash_broker", Kafka, readTarget<CrashBroker>, writeTarget<CrashBroker>,
                       [](const CrashBroker &a) { return QObject::tr("crash %1").arg(targetText(a)); }),
      row<PowerLoss>("power_loss", Kafka, readTarget<PowerLoss>, writeTarget<PowerLoss>,
                     [](const PowerLoss &a) { return QObject::tr("power off %1").arg(targetText(a)); }),
      row<RestartBroker>("restart_broker", Kafka, readTarget<RestartBroker>, writeTarget<RestartBroker>,
                         [](const RestartBroker &a) { return QObject::tr("restart %1").arg(targetText(a)); }),
      row<IsolateBroker>(
          "isolate_broker", Kafka,
          [](JsonFields &f, const FaultContext &c) {
            IsolateBroker a;
            a.broker = readBrokerOrController(f, c, false, a.controller);
            return a;
          },
          writeTarget<IsolateBroker>, [](const IsolateBroker &a) { return QObject::tr("isolate %1").arg(targetText(a)); }),
      row<Heal>(
          "heal", Kafka,
          [](JsonFields &f, const FaultContext &c) {
            Heal a;
            if (f.has(kBroker) || f.has(QStringLiteral("controller")))
              a.broker = readBrokerOrController(f, c, true, a.controller);
            return a;
          },
          [](QJsonObject &o, const Heal &a) { writeBrokerOrController(o, a.broker, a.controller, true); }, // absent: every broker
          [](const Heal &a) { return QObject::tr("heal %1").arg(targetText(a)); }),
      row<SlowBroker>(
          "slow_broker", Kafka,
          [](JsonFields &f, const FaultContext &c) {
            const int broker = readBroker(f, c, false);
            const auto extra = static_cast<SimTime>(std::llround(f.number(QStringLiteral("extra_latency_ms"), 0, 60000) * 1000));
            // The link's loss of the responses the broker sends; 0 (the default) makes it whole again.
            return SlowBroker{broker, extra, f.number(QStringLiteral("drop_response_ratio"), 0, 1, 0)};
          },
          [](QJsonObject &o, const SlowBroker &a) {
            o[kBroker] = a.broker;
            o[QStringLiteral("extra_latency_ms")] = msValue(a.extraDelay);
            if (a.dropResponseRatio > 0)
              o[QStringLiteral("drop_response_ratio")] = a.dropResponseRatio;
          },
          [](const SlowBroker &a) {
            const QString slow = QObject::tr("slow %1 by %2 ms").arg(brokerText(a.broker)).arg(toMs(a.extraDelay));
            return a.dropResponseRatio > 0 ? QObject::tr("%1, losing %2% of its responses").arg(slow).arg(a.dropResponseRatio * 100, 0, 'g', 3)
                                           : slow;
          }),
      row<KillConsumer>("kill_consumer", Both, readLeave<KillConsumer>, writeLeave<KillConsumer>,
                        [](const KillConsumer &a) { return QObject::tr("kill a consumer of %1").arg(text(a.group)); }),
      row<AddConsumer>(
          "add_consumer", Both, [](JsonFields &f, const FaultContext &c) { return AddConsumer{readConsumerName(f, c)}; },
          [](QJsonObject &o, const AddConsumer &a, bool application) { o[groupKey(application)] = text(a.group); },
          [](const AddConsumer &a) { return QObject::tr("add a consumer to %1").arg(text(a.group)); }),
      row<RemoveConsumer>("remove_consumer", Both, readLeave<RemoveConsumer>, writeLeave<RemoveConsumer>,
                          [](const RemoveConsumer &a) { return QObject::tr("remove a consumer from %1").arg(text(a.group)); }),
      row<Seek>("seek", Both, readSeek, writeSeek, [](const Seek &a) { return QObject::tr("seek %1").arg(text(a.group)); }),
      row<SetRate>(
          "set_rate", Both,
          [](JsonFields &f, const FaultContext &c) {
            std::string producer = readProducerName(f, c);
            return SetRate{std::move(producer), f.number(QStringLiteral("rate"), 0, 10000000)};
          },
          [](QJsonObject &o, const SetRate &a) {
            o[kProducer] = text(a.producer);
            o[QStringLiteral("rate")] = a.rate;
          },
          [](const SetRate &a) { return QObject::tr("%1 at %2 rec/s").arg(text(a.producer)).arg(a.rate); }),
      row<AzOutage>(
          "az_outage", Kinesis, [](JsonFields &f, const FaultContext &) { return AzOutage{readZone(f)}; },
          [](QJsonObject &o, const AzOutage &a) { o[QStringLiteral("az")] = a.az; },
          [](const AzOutage &a) { return QObject::tr("AZ %1 outage").arg(QChar('a' + a.az)); }),
      row<AzRestore>(
          "az_restore", Kinesis, [](JsonFields &f, const FaultContext &) { return AzRestore{readZone(f)}; },
          [](QJsonObject &o, const AzRestore &a) { o[QStringLiteral("az")] = a.az; },
          [](const AzRestore &a) { return QObject::tr("AZ %1 restored").arg(QChar('a' + a.az)); }),
      row<SplitShard>(
          "split_shard", Kinesis,
          [](JsonFields &f, const FaultContext &c) {
            SplitShard a;
            a.stream = readStreamName(f, c);
            a.shard = static_cast<int>(f.integer(kShard, 0, 100000));
            const QJsonValue key = f.raw(QStringLiteral("new_starting_hash_key"));
            if (key.isUndefined())
              f.fail(QString(), QObject::tr("split_shard needs \"new_starting_hash_key\""));
            if (!key.isString() || !parseDecimal128(key.toString().toStdString()))
              throw JsonFieldError{f.pointerOf(QStringLiteral("new_starting_hash_key")),
                                   QStringLiteral("\"new_starting_hash_key\" must be a decimal string between 0 and 2^128 - 1 "
                                                  "(a string, because JSON numbers cannot hold 128 bits)"),
                                   false};
            a.newStartingHashKey = key.toString().toStdString();
            return a;
          },
          [](QJsonObject &o, const SplitShard &a) {
            o[kStream] = text(a.stream);
            o[kShard] = a.shard;
            o[QStringLiteral("new_starting_hash_key")] = text(a.newStartingHashKey);
          },
          [](const SplitShard &a) { return QObject::tr("split shard %1").arg(a.shard); }),
      row<MergeShards>(
          "merge_shards", Kinesis,
          [](JsonFields &f, const FaultContext &c) {
            MergeShards a;
            a.stream = readStreamName(f, c);
            a.shard = static_cast<int>(f.integer(kShard, 0, 100000));
            a.adjacentShard = static_cast<int>(f.integer(QStringLiteral("adjacent_shard"), 0, 100000));
            return a;
          },
          [](QJsonObject &o, const MergeShards &a) {
            o[kStream] = text(a.stream);
            o[kShard] = a.shard;
            o[QStringLiteral("adjacent_shard")] = a.adjacentShard;
          },
          [](const MergeShards &a) { return QObject::tr("merge shards %1 and %2").arg(a.shard).arg(a.adjacentShard); }),
      row<DropMessage>(
          "drop_message", Both, [](JsonFields &, const FaultContext &) { return DropMessage{}; }, [](QJsonObject &, const DropMessage &) {},
          [](const DropMessage &) { return QObject::tr("drop a record in flight"); }),
      row<AddBroker>(
          "add_broker", Kafka, [](JsonFields &, const FaultContext &) { return AddBroker{}; }, [](QJsonObject &, const AddBroker &) {},
          [](const AddBroker &) { return QObject::tr("add a broker"); }),
      row<AlterTopic>(
          "alter_topic", Kafka,
          [](JsonFields &f, const FaultContext &c) {
            AlterTopic a;
            a.topic = readTopicName(f, c);
            readTopicSetting(f, a);
            return a;
          },
          writeTopicSetting, [](const AlterTopic &a) { return QObject::tr("alter topic %1").arg(text(a.topic)); }),
      row<AddPartitions>(
          "add_partitions", Kafka,
          [](JsonFields &f, const FaultContext &c) {
            std::string topic = readTopicName(f, c);
            return AddPartitions{std::move(topic), static_cast<int>(f.integer(kPartitions, 1, 1024))};
          },
          [](QJsonObject &o, const AddPartitions &a) {
            o[kTopic] = text(a.topic);
            o[kPartitions] = a.partitions;
          },
          [](const AddPartitions &a) { return QObject::tr("%1 to %2 partitions").arg(text(a.topic)).arg(a.partitions); }),
      row<SetReplicationFactor>(
          "set_replication_factor", Kafka,
          [](JsonFields &f, const FaultContext &c) {
            std::string topic = readTopicName(f, c);
            return SetReplicationFactor{std::move(topic), static_cast<int>(f.integer(kReplicationFactor, 1, 64))};
          },
          [](QJsonObject &o, const SetReplicationFactor &a) {
            o[kTopic] = text(a.topic);
            o[kReplicationFactor] = a.replicationFactor;
          },
          [](const SetReplicationFactor &a) { return QObject::tr("%1 to RF %2").arg(text(a.topic)).arg(a.replicationFactor); }),
      // acks are Kafka's, yet set_acks has always been accepted on any producer (without a
      // Kafka target it changes nothing), so it asks for no section.
      row<SetAcks>(
          "set_acks", Both,
          [](JsonFields &f, const FaultContext &c) {
            SetAcks a;
            a.producer = readProducerName(f, c);
            if (!f.has(QStringLiteral("acks")))
              f.fail(QString(), QObject::tr("set_acks needs \"acks\" (0, 1 or \"all\")"));
            a.acks = readAcks(f);
            return a;
          },
          [](QJsonObject &o, const SetAcks &a) {
            o[kProducer] = text(a.producer);
            o[QStringLiteral("acks")] = a.acks == Acks::All ? QJsonValue(QStringLiteral("all")) : QJsonValue(static_cast<int>(a.acks));
          },
          [](const SetAcks &a) { return QObject::tr("%1 to %2").arg(text(a.producer), QString::fromStdString(engine::acksSetting(a.acks))); }),
      row<SetKeys>(
          "set_keys", Both,
          [](JsonFields &f, const FaultContext &c) {
            std::string producer = readProducerName(f, c);
            return SetKeys{std::move(producer), static_cast<int>(f.integer(QStringLiteral("keys"), 0, 1000000))};
          },
          [](QJsonObject &o, const SetKeys &a) {
            o[kProducer] = text(a.producer);
            o[QStringLiteral("keys")] = a.keys;
          },
          [](const SetKeys &a) { return QObject::tr("%1 to %2 keys").arg(text(a.producer)).arg(a.keys); }),
      row<AddTopic>(
          "add_topic", Kafka,
          [](JsonFields &f, const FaultContext &) {
            AddTopic a;
            const QString name = f.string(kTopic);
            if (name.isEmpty() || name.size() > 249)
              f.fail(kTopic, QObject::tr("a topic name has 1 to 249 characters"));
            a.topic = name.toStdString();
            a.partitions = static_cast<int>(f.integer(kPartitions, 1, 1024, 1));
            a.replicationFactor = static_cast<int>(f.integer(kReplicationFactor, 1, 64, 1));
            a.minInsyncReplicas = static_cast<int>(f.integer(QStringLiteral("min_insync_replicas"), 1, 64, 1));
            return a;
          },
          [](QJsonObject &o, const AddTopic &a) {
            o[kTopic] = text(a.topic);
            o[kPartitions] = a.partitions;
            o[kReplicationFactor] = a.replicationFactor;
            o[QStringLiteral("min_insync_replicas")] = a.minInsyncReplicas;
          },
          [](const AddTopic &a) { return QObject::tr("create topic %1").arg(text(a.topic)); }),
      row<DeleteTopic>(
          "delete_topic", Kafka, [](JsonFields &f, const FaultContext &c) { return DeleteTopic{readTopicName(f, c)}; },
          [](QJsonObject &o, const DeleteTopic &a) { o[kTopic] = text(a.topic); },
          [](const DeleteTopic &a) { return QObject::tr("delete topic %1").arg(text(a.topic)); }),
      row<RemoveBroker>(
          "remove_broker", Kafka,
          [](JsonFields &f, const FaultContext &c) { return RemoveBroker{static_cast<int>(f.integer(kBroker, 0, c.brokers - 1))}; },
          [](QJsonObject &o, const RemoveBroker &a) { o[kBroker] = a.broker; },
          [](const RemoveBroker &a) { return QObject::tr("remove %1").arg(brokerText(a.broker)); }),
      row<DropResponse>(
          "drop_response", Both, readDropResponse,
          [](QJsonObject &o, const DropResponse &a) {
            if (a.system != ResponseSystem::Any) // absent: either system
              o[QStringLiteral("system")] = a.system == ResponseSystem::Kafka ? QStringLiteral("kafka") : QStringLiteral("kinesis");
            if (a.response != ResponseKind::Produce) // absent: a produce response
              o[QStringLiteral("response")] = responseKindText(a.response);
            if (!a.producer.empty()) // absent: any producer
              o[kProducer] = text(a.producer);
            if (!a.group.empty()) // absent: any consumer
              o[groupKey(a.system == ResponseSystem::Kinesis)] = text(a.group);
          },
          [](const DropResponse &a) {
            const bool kafka = a.system == ResponseSystem::Kafka, kinesis = a.system == ResponseSystem::Kinesis;
            QString what;
            if (a.response == ResponseKind::Fetch)
              what = kafka  ? QObject::tr("a fetch response")
                  : kinesis ? QObject::tr("a GetRecords response")
                            : QObject::tr("a fetch or GetRecords response");
            else if (a.response == ResponseKind::Any)
              what = QObject::tr("a response");
            else
              what = kafka  ? QObject::tr("a produce response")
                  : kinesis ? QObject::tr("a PutRecords response")
                            : QObject::tr("a produce or PutRecords response");
            const std::string &to = a.producer.empty() ? a.group : a.producer;
            return to.empty() ? QObject::tr("drop %1 in flight").arg(what) : QObject::tr("drop %1 to %2").arg(what, text(to));
          }),
      row<CrashProducer>(
          "crash_producer", Kafka, [](JsonFields &f, const FaultContext &c) { return CrashProducer{readKafkaProducerName(f, c)}; },
          [](QJsonObject &o, const CrashProducer &a) { o[kProducer] = text(a.producer); },
          [](const CrashProducer &a) { return QObject::tr("crash producer %1").arg(text(a.producer)); }),
      row<RestartProducer>(
          "restart_producer", Kafka,
          [](JsonFields &f, const FaultContext &c) {
            RestartProducer a;
            a.producer = readKafkaProducerName(f, c);
            const QString zombie = QStringLiteral("zombie_after_ms");
            if (f.raw(zombie).isNull() && f.has(zombie))
              a.zombieAfter = -1; // null: the old instance never comes back
            else
              a.zombieAfter = static_cast<SimTime>(std::llround(f.number(zombie, 0, 3600000, 1000) * 1000));
            return a;
          },
          [](QJsonObject &o, const RestartProducer &a) {
            o[kProducer] = text(a.producer);
            if (a.zombieAfter < 0)
              o[QStringLiteral("zombie_after_ms")] = QJsonValue::Null;
            else if (a.zombieAfter != RestartProducer{}.zombieAfter)
              o[QStringLiteral("zombie_after_ms")] = static_cast<double>(a.zombieAfter) / 1000.0;
          },
          [](const RestartProducer &a) { return QObject::tr("restart producer %1").arg(text(a.producer)); }),
      row<UpdateShardCount>(
          "update_shard_count", Kinesis,
          [](JsonFields &f, const FaultContext &c) {
            UpdateShardCount a;
            a.stream = readStreamName(f, c);
            a.shards = static_cast<int>(f.integer(QStringLiteral("shards"), 1, 100000));
            return a;
          },
          [](QJsonObject &o, const UpdateShardCount &a) {
            o[kStream] = text(a.stream);
            o[QStringLiteral("shards")] = a.shards;
          },
          [](const UpdateShardCount &a) { return QObject::tr("update %1 to %n open shard(s)", nullptr, a.shards).arg(text(a.stream)); }),
      row<SwitchCapacityMode>(
          "switch_capacity_mode", Kinesis,
          [](JsonFields &f, const FaultContext &c) {
            SwitchCapacityMode a;
            a.stream = readStreamName(f, c);
            const QString mode = f.choice(QStringLiteral("mode"), {QStringLiteral("provisioned"), QStringLiteral("on_demand")});
            a.mode = mode == QLatin1String("on_demand") ? CapacityMode::OnDemand : CapacityMode::Provisioned;
            return a;
          },
          [](QJsonObject &o, const SwitchCapacityMode &a) {
            o[kStream] = text(a.stream);
            o[QStringLiteral("mode")] = a.mode == CapacityMode::OnDemand ? QStringLiteral("on_demand") : QStringLiteral("provisioned");
          },
          [](const SwitchCapacityMode &a) {
            return a.mode == CapacityMode::OnDemand ? QObject::tr("switch %1 to on-demand").arg(text(a.stream))
                                                    : QObject::tr("switch %1 to provisioned").arg(text(a.stream));
          }),
  };
}

} // namespace

const std::vector<FaultRow> &faultTable() {
  static const std::vector<FaultRow> table = [] {
    std::vector<FaultRow> rows = buildTable();
    std::stable_sort(rows.begin(), rows.end(), [](const FaultRow &a, const FaultRow &b) { return a.action < b.action; });
    return rows;
  }();
  return table;
}

const FaultRow &faultRow(FaultAction action) { return faultTable()[static_cast<std::size_t>(action)]; }

namespace {
/// Names that say the target is a KRaft controller: the broker faults' rows read them, and
/// they require "controller".
const std::pair<const char *, const char *> kControllerActions[] = {
    {"crash_controller", "crash_broker"}, {"restart_controller", "restart_broker"}, {"isolate_controller", "isolate_broker"}};
} // namespace

bool namesController(const QString &action) {
  return std::any_of(std::begin(kControllerActions), std::end(kControllerActions), [&](const auto &a) { return action == QLatin1String(a.first); });
}

const FaultRow *findFaultRow(const QString &name) {
  QString rowName = name;
  for (const auto &[alias, broker] : kControllerActions)
    if (name == QLatin1String(alias))
      rowName = QLatin1String(broker);
  for (const FaultRow &r : faultTable())
    if (r.name == rowName)
      return &r;
  return nullptr;
}

QStringList faultActionNames() {
  QStringList names;
  for (const FaultRow &r : faultTable())
    names << r.name;
  for (const auto &a : kControllerActions)
    names << QLatin1String(a.first);
  return names;
}

} // namespace streamscope::model
