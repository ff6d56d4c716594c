// K1's workload against librdkafka's in-process mock cluster, for comparison with the
// engine (docs/make-benchmarks.sh prints both from the same run): 3 brokers, a topic of 6
// partitions created with RF 3 (the mock keeps one copy and replicates nothing), an
// idempotent producer with acks=all and linger.ms=5 writing N records of 100 bytes over
// 10,000 keys as fast as it can, and three readers of two partitions each reading them back
// from the earliest offset at the same time. The figure is N over the wall time from the
// first send to the last record read.
//
// Usage: bench_rdkafka_mock [RECORDS]   (default 100000; prints one line, exit 1 on loss).
// The mock keeps only a few MB per partition, dropping the oldest records beyond that, so
// with many records its readers fall behind what it still holds; the harness stops with a
// message when a reader finds such a gap.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kBrokers = 3;
constexpr int kPartitions = 6;
constexpr int kMembers = 3; // readers, two partitions each
constexpr int kKeys = 10000;
constexpr std::size_t kRecordBytes = 100;
constexpr const char *kTopic = "bench";

[[noreturn]] void die(const std::string &why) {
  std::fprintf(stderr, "bench_rdkafka_mock: %s\n", why.c_str());
  std::exit(2);
}

void set(rd_kafka_conf_t *conf, const char *name, const std::string &value) {
  char error[512];
  if (rd_kafka_conf_set(conf, name, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK)
    die(std::string(name) + ": " + error);
}

rd_kafka_t *client(rd_kafka_type_t type, rd_kafka_conf_t *conf) {
  char error[512];
  rd_kafka_t *rk = rd_kafka_new(type, conf, error, sizeof error);
  if (!rk)
    die(error);
  return rk;
}

/// Counts the records the producer's acknowledgements report as written.
void delivered(rd_kafka_t *, const rd_kafka_message_t *message, void *opaque) {
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR)
    static_cast<std::atomic<long> *>(opaque)->fetch_add(1, std::memory_order_relaxed);
}

/// One of the three readers: reads its two partitions from the start until the readers
/// together have read `total` records. Partitions are assigned by hand, as the group's range
/// assignor would (the mock's group coordinator sometimes leaves a member rebalancing for
/// minutes, which would measure the coordinator instead of the reads).
void reader(const std::string &bootstrap, int index, std::atomic<long> &consumed, long total) {
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  set(conf, "bootstrap.servers", bootstrap);
  set(conf, "group.id", "readers");
  set(conf, "enable.partition.eof", "false");
  set(conf, "enable.auto.commit", "false");
  set(conf, "log_level", "3");
  rd_kafka_t *rk = client(RD_KAFKA_CONSUMER, conf);
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t *partitions = rd_kafka_topic_partition_list_new(2);
  for (int p = index * 2; p < index * 2 + 2; ++p)
    rd_kafka_topic_partition_list_add(partitions, kTopic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  if (rd_kafka_assign(rk, partitions) != RD_KAFKA_RESP_ERR_NO_ERROR)
    die("cannot assign partitions");
  rd_kafka_topic_partition_list_destroy(partitions);
  std::int64_t next[2] = {0, 0};
  while (consumed.load(std::memory_order_relaxed) < total) {
    rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
    if (!m)
      continue;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      // The mock keeps a few MB per partition and drops the oldest beyond that; a reader
      // that falls behind finds a gap instead of its next record.
      std::int64_t &expected = next[m->partition - index * 2];
      if (m->offset != expected)
        die("the mock cluster dropped records " + std::to_string(expected) + " to " + std::to_string(m->offset - 1) + " of partition " +
            std::to_string(m->partition) + " before they were read (it keeps only a few MB per partition); use fewer records");
      expected = m->offset + 1;
      consumed.fetch_add(1, std::memory_order_relaxed);
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
}

} // namespace

int main(int argc, char **argv) {
  const long records = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 100000;
  if (records < 1000 || records > 100000000)
    die("RECORDS must be 1000 to 100000000");

  // The mock cluster lives in a client handle of its own, apart from the measured clients.
  rd_kafka_conf_t *ownerConf = rd_kafka_conf_new();
  set(ownerConf, "log_level", "3");
  rd_kafka_t *owner = client(RD_KAFKA_PRODUCER, ownerConf);
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(owner, kBrokers);
  if (!cluster)
    die("cannot start the mock cluster");
  if (rd_kafka_mock_topic_create(cluster, kTopic, kPartitions, 3) != RD_KAFKA_RESP_ERR_NO_ERROR)
    die("cannot create the topic");
  const std::string bootstrap = rd_kafka_mock_cluster_bootstraps(cluster);

  std::atomic<long> acknowledged{0};
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  set(conf, "bootstrap.servers", bootstrap);
  set(conf, "acks", "all");
  set(conf, "enable.idempotence", "true");
  set(conf, "linger.ms", "5");
  set(conf, "queue.buffering.max.messages", "1000000");
  rd_kafka_conf_set_dr_msg_cb(conf, delivered);
  rd_kafka_conf_set_opaque(conf, &acknowledged);
  rd_kafka_t *producer = client(RD_KAFKA_PRODUCER, conf);

  std::atomic<long> consumed{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> readers;
  for (int i = 0; i < kMembers; ++i)
    readers.emplace_back(reader, bootstrap, i, std::ref(consumed), records);

  const std::string payload(kRecordBytes, 'x');
  for (long i = 0; i < records; ++i) {
    const std::string key = "key-" + std::to_string(i % kKeys);
    for (;;) {
      const rd_kafka_resp_err_t err = rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(kTopic), RD_KAFKA_V_KEY(key.data(), key.size()),
                                                        RD_KAFKA_V_VALUE(const_cast<char *>(payload.data()), payload.size()),
                                                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
        break;
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
        die(std::string("produce: ") + rd_kafka_err2str(err));
      rd_kafka_poll(producer, 10); // the queue is full: serve acknowledgements, then retry
    }
    rd_kafka_poll(producer, 0);
  }
  rd_kafka_flush(producer, 60000);
  for (std::thread &t : readers)
    t.join();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("librdkafka-mock %ld records, %ld acknowledged, %ld consumed, wall %.2f s, %.0f records/s\n", records, acknowledged.load(),
              consumed.load(), wall, static_cast<double>(records) / wall);
  rd_kafka_destroy(producer);
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(owner);
  return acknowledged.load() == records && consumed.load() >= records ? 0 : 1;
}
