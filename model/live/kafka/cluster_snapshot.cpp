#include "cluster_snapshot.h"

#include <QObject>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>

namespace streamscope::live {
namespace {

struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); }
};

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t *l) const { rd_kafka_topic_partition_list_destroy(l); }
};

std::vector<int> ids(const int32_t *from, int count) { return {from, from + count}; }

void readMetadata(const rd_kafka_metadata_t &md, const QString &topic, ClusterSnapshot &s) {
  for (int b = 0; b < md.broker_cnt; ++b)
    s.brokers.push_back({md.brokers[b].id, QString::fromUtf8(md.brokers[b].host), md.brokers[b].port});
  std::ranges::sort(s.brokers, {}, &LiveBroker::id);
  for (int t = 0; t < md.topic_cnt; ++t) {
    const rd_kafka_metadata_topic_t &mt = md.topics[t];
    const QString name = QString::fromUtf8(mt.topic);
    if (topic.isEmpty() && name.startsWith(QLatin1String("__")))
      continue; // internal topics (offsets, transactions) only when asked for by name
    for (int p = 0; p < mt.partition_cnt; ++p) {
      const rd_kafka_metadata_partition_t &mp = mt.partitions[p];
      LivePartition lp{name, mp.id, mp.leader, ids(mp.replicas, mp.replica_cnt), ids(mp.isrs, mp.isr_cnt), -1, -1, {}};
      if (mp.err)
        lp.error = kafkaErrorText(mp.err);
      s.partitions.push_back(std::move(lp));
    }
  }
  std::ranges::sort(s.partitions, [](const LivePartition &a, const LivePartition &b) {
    return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
  });
}

void readWatermarks(rd_kafka_t *rk, int timeoutMs, ClusterSnapshot &s) {
  for (LivePartition &p : s.partitions) {
    if (p.leader < 0)
      continue;
    int64_t low = -1, high = -1;
    const rd_kafka_resp_err_t e = rd_kafka_query_watermark_offsets(rk, p.topic.toUtf8().constData(), p.partition, &low, &high, timeoutMs);
    if (e) {
      p.error = kafkaErrorText(e);
      continue;
    }
    p.lowWatermark = low;
    p.highWatermark = high;
  }
}

/// State and members of every group the cluster lists; false when it cannot list them.
bool listGroups(rd_kafka_t *rk, int timeoutMs, ClusterSnapshot &s) {
  const rd_kafka_group_list *list = nullptr;
  const rd_kafka_resp_err_t e = rd_kafka_list_groups(rk, nullptr, &list, timeoutMs);
  if (e) {
    s.groupsNote = QObject::tr("the cluster did not list its consumer groups (%1)").arg(kafkaErrorText(e));
    return false;
  }
  for (int g = 0; g < list->group_cnt; ++g) {
    const rd_kafka_group_info &gi = list->groups[g];
    if (QString::fromUtf8(gi.protocol_type) != QLatin1String("consumer") && gi.protocol_type[0] != '\0')
      continue; // Connect workers and other group kinds have no committed offsets to show
    s.groups.push_back({QString::fromUtf8(gi.group), QString::fromUtf8(gi.state), gi.member_cnt, 0, {}});
  }
  rd_kafka_group_list_destroy(list);
  return true;
}

/// Committed offsets and lag of one group, read through a client of that group that does
/// not join it (no subscription: committed() is an OffsetFetch only).
void readCommitted(const KafkaConnection &c, const ClusterSnapshot &s, LiveGroup &g) {
  KafkaClientResult r =
      makeKafkaClient(c, true, {{QStringLiteral("group.id"), g.group}, {QStringLiteral("enable.auto.commit"), QStringLiteral("false")}});
  if (!r.client || s.partitions.empty())
    return;
  std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter> list(
      rd_kafka_topic_partition_list_new(static_cast<int>(s.partitions.size())));
  for (const LivePartition &p : s.partitions)
    rd_kafka_topic_partition_list_add(list.get(), p.topic.toUtf8().constData(), p.partition);
  if (rd_kafka_committed(r.client.get(), list.get(), c.timeoutMs))
    return;
  for (int i = 0; i < list->cnt; ++i) {
    const rd_kafka_topic_partition_t &tp = list->elems[i];
    if (tp.err || tp.offset < 0)
      continue;
    const LivePartition &p = s.partitions[static_cast<std::size_t>(i)];
    g.committed.emplace_back(i, tp.offset);
    if (p.highWatermark >= 0)
      g.lag += std::max<std::int64_t>(0, p.highWatermark - tp.offset);
  }
}

} // namespace

SnapshotResult readCluster(const KafkaConnection &c, const QString &topic, const QStringList &knownGroups) {
  SnapshotResult out;
  KafkaClientResult r = makeKafkaClient(c, true, {{QStringLiteral("group.id"), QStringLiteral("streamscope-observer")}});
  if (!r.client) {
    out.error = r.error;
    return out;
  }
  rd_kafka_t *rk = r.client.get();
  const rd_kafka_metadata_t *raw = nullptr;
  const QByteArray topicName = topic.toUtf8();
  rd_kafka_topic_t *one = topic.isEmpty() ? nullptr : rd_kafka_topic_new(rk, topicName.constData(), nullptr);
  const rd_kafka_resp_err_t e = rd_kafka_metadata(rk, one ? 0 : 1, one, &raw, c.timeoutMs);
  if (one)
    rd_kafka_topic_destroy(one);
  if (e) {
    rd_kafka_poll(rk, 100); // serves the error callback that names the cause
    out.error = LiveError{3, r.withCause(QObject::tr("cannot read the cluster's metadata from %1: %2").arg(c.bootstrap, kafkaErrorText(e)))};
    return out;
  }
  std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> md(raw);
  readMetadata(*md, topic, out.snapshot);
  const int controller = static_cast<int>(rd_kafka_controllerid(rk, c.timeoutMs));
  if (std::ranges::any_of(out.snapshot.brokers, [&](const LiveBroker &b) { return b.id == controller; }))
    out.snapshot.controller = controller; // else unknown (-1): the mock cluster names none of its brokers
  readWatermarks(rk, c.timeoutMs, out.snapshot);
  listGroups(rk, c.timeoutMs, out.snapshot);
  for (const QString &g : knownGroups)
    if (std::ranges::none_of(out.snapshot.groups, [&](const LiveGroup &x) { return x.group == g; }))
      out.snapshot.groups.push_back({g, QStringLiteral("unknown"), 0, 0, {}});
  for (LiveGroup &g : out.snapshot.groups)
    readCommitted(c, out.snapshot, g);
  return out;
}

} // namespace streamscope::live
