#include "mirror.h"

#include "kafka_admin.h"

#include <QJsonArray>
#include <QObject>

#include <algorithm>
#include <cmath>

namespace streamscope::live {
namespace {

constexpr int kMaxSimulatedBrokers = 64; // the simulator's limit (docs/scenario-format.md)

struct TopicShape {
  int partitions = 0;
  int replicationFactor = 0;
};

std::map<QString, TopicShape> topicShapes(const ClusterSnapshot &s) {
  std::map<QString, TopicShape> out;
  for (const LivePartition &p : s.partitions) {
    TopicShape &t = out[p.topic];
    ++t.partitions;
    t.replicationFactor = std::max(t.replicationFactor, static_cast<int>(p.replicas.size()));
  }
  return out;
}

} // namespace

MirrorSource readMirrorSource(const KafkaConnection &c, const ClusterSnapshot &cluster, const KafkaProbeSettings &workload) {
  MirrorSource m{c.bootstrap, cluster, workload, {}, {}};
  for (const auto &[topic, shape] : topicShapes(cluster)) {
    QString why;
    if (const auto minIsr = topicMinInsyncReplicas(c, topic, &why))
      m.minInsyncReplicas[topic] = *minIsr;
    else
      m.notes << QObject::tr("min ISR of %1 not read (%2)").arg(topic, why);
  }
  return m;
}

QJsonObject mirrorScenario(const MirrorSource &m) {
  const int brokers = std::clamp(static_cast<int>(m.cluster.brokers.size()), 1, kMaxSimulatedBrokers);
  QStringList notes = m.notes;
  if (static_cast<int>(m.cluster.brokers.size()) > kMaxSimulatedBrokers)
    notes << QObject::tr("%1 brokers, simulated as %2").arg(m.cluster.brokers.size()).arg(kMaxSimulatedBrokers);
  QJsonArray topics;
  for (const auto &[topic, shape] : topicShapes(m.cluster)) {
    const int rf = std::clamp(shape.replicationFactor, 1, brokers);
    int minIsr = 1;
    if (const auto it = m.minInsyncReplicas.find(topic); it != m.minInsyncReplicas.end())
      minIsr = it->second;
    else if (topic == m.workload.topic && m.workload.createTopic)
      minIsr = m.workload.minInsyncReplicas; // the probe created it with this setting
    topics.append(QJsonObject{{QStringLiteral("name"), topic},
                              {QStringLiteral("partitions"), shape.partitions},
                              {QStringLiteral("replication_factor"), rf},
                              {QStringLiteral("min_insync_replicas"), std::clamp(minIsr, 1, rf)}});
  }
  const KafkaProbeSettings &w = m.workload;
  const bool probeTopicKnown = std::ranges::any_of(m.cluster.partitions, [&](const LivePartition &p) { return p.topic == w.topic; });
  QJsonArray producers, consumers;
  if (probeTopicKnown) {
    QJsonObject producer{{QStringLiteral("name"), QStringLiteral("probe")},
                         {QStringLiteral("topic"), w.topic},
                         {QStringLiteral("acks"), w.acks == QLatin1String("all") ? QJsonValue(QStringLiteral("all")) : QJsonValue(w.acks.toInt())},
                         {QStringLiteral("rate"), w.rate},
                         {QStringLiteral("count"), w.records},
                         {QStringLiteral("keys"), w.keys},
                         {QStringLiteral("record_bytes"), w.recordBytes}};
    if (w.acks == QLatin1String("all"))
      producer.insert(QStringLiteral("enable_idempotence"), w.idempotence);
    producers.append(producer);
    consumers.append(QJsonObject{{QStringLiteral("group"), QStringLiteral("probe-readback")},
                                 {QStringLiteral("topic"), w.topic},
                                 {QStringLiteral("members"), 1},
                                 {QStringLiteral("auto_offset_reset"), QStringLiteral("earliest")}});
  } else {
    notes << QObject::tr("the probe topic %1 is not in the cluster: no workload").arg(w.topic);
  }
  const auto seconds = static_cast<qint64>(std::ceil(w.records / w.rate));
  QString description =
      QObject::tr("A model of the Kafka cluster at %1: %n broker(s)", nullptr, static_cast<int>(m.cluster.brokers.size())).arg(m.bootstrap);
  description += QObject::tr(", its topics' partitions, replication factors and min ISR, and the durability probe's workload "
                             "(%1 records at %2/s, acks=%3). Try a fault and compare with what the real cluster did.")
                     .arg(w.records)
                     .arg(w.rate)
                     .arg(w.acks);
  if (!notes.isEmpty())
    description += QObject::tr(" Assumed: %1.").arg(notes.join(QStringLiteral("; ")));
  return {{QStringLiteral("name"), QObject::tr("Mirror of %1").arg(m.bootstrap)},
          {QStringLiteral("description"), description},
          {QStringLiteral("seed"), 1},
          {QStringLiteral("duration_ms"), std::max<qint64>(60000, (seconds + 30) * 1000)},
          {QStringLiteral("kafka"), QJsonObject{{QStringLiteral("brokers"), brokers}, {QStringLiteral("topics"), topics}}},
          {QStringLiteral("producers"), producers},
          {QStringLiteral("consumers"), consumers}};
}

} // namespace streamscope::live
