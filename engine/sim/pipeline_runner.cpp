#include "engine/sim/pipeline_runner.h"

#include "engine/kafka/consumer_client.h"
#include "engine/kafka/producer_client.h"
#include "engine/kafka/producer_lifecycle.h"
#include "engine/kafka/txn_producer.h"

#include <map>

namespace streamscope::engine {
namespace {

constexpr SimTime kProcessEvery = 5 * kMillisecond; // how often the application's loop polls and processes

PipelineState &pipelineAt(World &w, int i) { return w.pipelines[static_cast<std::size_t>(i)]; }

/// Writes the outputs of what was read, oldest first, until the producer cannot take more.
void process(World &w, int i) {
  PipelineState &pl = pipelineAt(w, i);
  while (!pl.pending.empty()) {
    const PipelineInput &in = pl.pending.front();
    const std::int64_t out = kafka::produceRecord(w, pl.kafkaProducer, in.key.empty() ? nullptr : &in.key);
    if (out < 0)
      return; // its transaction is being committed: processing waits, as in Kafka Streams
    if (w.kafkaOutputSource.size() <= static_cast<std::size_t>(out))
      w.kafkaOutputSource.resize(static_cast<std::size_t>(out) + 1, -1);
    w.kafkaOutputSource[static_cast<std::size_t>(out)] = static_cast<std::int32_t>(in.record);
    std::int64_t &done = pl.processed[static_cast<std::size_t>(in.local)];
    done = std::max(done, in.offset + 1);
    ++pl.outputs;
    pl.pending.pop_front();
  }
}

} // namespace

void startPipelines(World &w) {
  for (std::size_t i = 0; i < w.scenario.pipelines.size(); ++i) {
    const PipelineConfig &c = w.scenario.pipelines[i];
    PipelineState pl;
    if (c.kafkaInput) {
      pl.group = w.kafka.groupIndex(c.name);
      w.kafka.groups[static_cast<std::size_t>(pl.group)].pipeline = static_cast<int>(i);
      for (std::size_t p = 0; p < w.kafka.producers.size(); ++p)
        if (w.kafka.producers[p].config.name == c.name)
          pl.kafkaProducer = static_cast<int>(p);
      pl.processed.assign(static_cast<std::size_t>(
                              w.kafka.topics[static_cast<std::size_t>(w.kafka.groups[static_cast<std::size_t>(pl.group)].topic)].config.partitions),
                          -1);
    } else {
      w.kinesis.apps[static_cast<std::size_t>(w.kinesis.appIndex(c.name))].pipeline = static_cast<int>(i);
      for (std::size_t p = 0; p < w.kinesis.producers.size(); ++p)
        if (w.kinesis.producers[p].config.name == c.name)
          pl.kinesisProducer = static_cast<int>(p);
    }
    w.pipelines.push_back(pl);
    if (c.kafkaInput)
      w.after(kProcessEvery, Action{ActionType::PipelineTick, -1, -1, static_cast<std::int32_t>(i)});
  }
}

int pipelineNamed(const World &w, const std::string &name) {
  for (std::size_t i = 0; i < w.scenario.pipelines.size(); ++i)
    if (w.scenario.pipelines[i].name == name)
      return static_cast<int>(i);
  return -1;
}

void onPipelineTick(World &w, const Action &a) {
  PipelineState &pl = pipelineAt(w, a.a);
  // Kafka Streams initialises its producer (initTransactions) before its tasks fetch their
  // committed offsets; an old instance's transaction still committing makes it wait.
  if (pl.awaitingProducer && kafka::transactionTakesRecords(w, pl.kafkaProducer)) {
    pl.awaitingProducer = false;
    const kafka::ConsumerGroup &g = w.kafka.groups[static_cast<std::size_t>(pl.group)];
    for (std::size_t m = 0; m < g.members.size(); ++m)
      kafka::reviveConsumer(w, pl.group, static_cast<int>(m));
  }
  if (!w.kafka.producers[static_cast<std::size_t>(pl.kafkaProducer)].crashed) {
    process(w, a.a);
    kafka::checkTransactionEnd(w, pl.kafkaProducer, false);
  }
  w.after(kProcessEvery, a);
}

void crashPipeline(World &w, int pipeline) {
  PipelineState &pl = pipelineAt(w, pipeline);
  kafka::crashProducer(w, pl.kafkaProducer);
  const kafka::ConsumerGroup &g = w.kafka.groups[static_cast<std::size_t>(pl.group)];
  for (std::size_t m = 0; m < g.members.size(); ++m)
    kafka::killConsumer(w, pl.group, static_cast<int>(m));
  pl.pending.clear(); // what it read and had not written is gone with the process
  std::fill(pl.processed.begin(), pl.processed.end(), -1);
}

void restartPipeline(World &w, int pipeline, SimTime zombieAfter) {
  PipelineState &pl = pipelineAt(w, pipeline);
  kafka::restartProducer(w, pl.kafkaProducer, zombieAfter);
  pl.awaitingProducer = true;
}

std::vector<std::int64_t> duplicatesProcessed(const World &w) {
  std::vector<std::int64_t> extra(w.pipelines.size(), 0);
  std::map<std::pair<std::size_t, std::int32_t>, int> seen; // (pipeline, input) -> outputs visible
  const auto count = [&](std::size_t pipeline, std::int32_t input) { extra[pipeline] += seen[{pipeline, input}]++ > 0 ? 1 : 0; };
  for (std::size_t i = 0; i < w.pipelines.size(); ++i) {
    const PipelineState &pl = w.pipelines[i];
    if (pl.kafkaProducer >= 0) {
      const kafka::Topic &topic = w.kafka.topics[static_cast<std::size_t>(w.kafka.producers[static_cast<std::size_t>(pl.kafkaProducer)].topic)];
      for (int p : topic.partitionIds) {
        const kafka::Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
        const kafka::ReplicaLog &log = part.leader >= 0 ? part.logOf(part.leader) : part.logs.front();
        const kafka::Offset visible = part.lastStableOffset(log.highWatermark());
        for (const kafka::LogEntry &e : log.entries()) {
          const kafka::RecordInfo &r = w.kafka.records[e.record];
          if (e.offset >= visible || e.record >= w.kafkaOutputSource.size() || w.kafkaOutputSource[e.record] < 0 || r.producer != pl.kafkaProducer)
            continue;
          if (r.txn < 0 || w.kafka.transactions[static_cast<std::size_t>(r.txn)].committing())
            count(i, w.kafkaOutputSource[e.record]);
        }
      }
    }
    if (pl.kinesisProducer >= 0)
      for (const kinesis::Shard &s : w.kinesis.shards)
        for (const kinesis::StoredRecord &stored : s.records)
          if (stored.durable && stored.record < w.kinesisOutputSource.size() && w.kinesisOutputSource[stored.record] >= 0 &&
              w.kinesis.records[stored.record].producer == pl.kinesisProducer)
            count(i, w.kinesisOutputSource[stored.record]);
  }
  return extra;
}

} // namespace streamscope::engine
