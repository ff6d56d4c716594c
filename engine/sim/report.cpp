#include "report.h"

#include "../kafka/consumer_client.h"
#include "../kafka/record_ledger.h"

#include <algorithm>

namespace streamscope::engine {
namespace {

double percentile(std::vector<SimTime> &values, double q) {
  if (values.empty())
    return 0;
  const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank), values.end());
  return toMs(values[rank]);
}

} // namespace

Report makeReport(const World &w) {
  const kafka::KafkaState &k = w.kafka;
  Report r;
  r.produced = k.counters.produced;
  r.acknowledged = k.counters.acknowledged;
  r.duplicatesDelivered = k.counters.duplicatesDelivered;
  r.consumed = k.counters.consumed;
  r.failed = k.counters.failed;
  r.retries = k.counters.retries;
  r.simTimeMs = toMs(w.now);
  r.eventHash = w.events.hashHex();
  r.events = w.events.count();

  std::vector<SimTime> latencies;
  latencies.reserve(k.records.size());
  for (const kafka::RecordInfo &rec : k.records) {
    if (rec.has(kafka::RecordInfo::Acked))
      latencies.push_back(rec.ackedAt - rec.createdAt);
    if (kafka::isLost(rec)) {
      ++r.acknowledgedLost;
      const kafka::Producer &pr = k.producers[static_cast<std::size_t>(rec.producer)];
      r.lost.push_back(LostRecord{pr.config.name, k.topicOf(rec.partition).name,
                                  k.partitions[static_cast<std::size_t>(rec.partition)].index,
                                  rec.key >= 0 ? k.keys[static_cast<std::size_t>(rec.key)] : std::string(), rec.seq});
    }
  }
  r.latencyP50Ms = percentile(latencies, 0.50);
  r.latencyP99Ms = percentile(latencies, 0.99);

  for (const kafka::Partition &part : k.partitions) {
    PartitionReport pr;
    pr.topic = k.topics[static_cast<std::size_t>(part.topic)].config.name;
    pr.partition = part.index;
    pr.leader = part.leader;
    pr.leaderEpoch = part.leaderEpoch;
    pr.replicas = part.replicas;
    pr.isr = part.isr;
    const kafka::ReplicaLog &serving = part.leader >= 0 ? part.logOf(part.leader) : part.logs.front();
    pr.highWatermark = serving.highWatermark();
    pr.logStartOffset = serving.logStart();
    for (const kafka::ReplicaLog &log : part.logs) {
      pr.logEndOffsets.push_back(log.leo());
      pr.flushedOffsets.push_back(log.flushed());
    }
    r.partitions.push_back(std::move(pr));
  }
  for (std::size_t g = 0; g < k.groups.size(); ++g) {
    const kafka::ConsumerGroup &group = k.groups[g];
    GroupReport gr;
    gr.group = group.config.group;
    gr.topic = group.config.topic;
    gr.generation = group.generation;
    gr.members = static_cast<int>(std::count_if(group.members.begin(), group.members.end(),
                                                [](const kafka::Member &m) { return m.inGroup; }));
    for (std::size_t i = 0; i < group.parts.size(); ++i) {
      gr.committed.push_back(group.parts[i].committed);
      gr.lags.push_back(kafka::groupLag(w, static_cast<int>(g), static_cast<int>(i)));
      gr.lag += gr.lags.back();
    }
    r.groups.push_back(std::move(gr));
  }
  return r;
}

} // namespace streamscope::engine
