#pragma once
// librdkafka's in-process mock cluster: a real Kafka protocol server on 127.0.0.1, for
// offline classrooms and for tests. Its brokers can be taken down and its leaders moved.
#include <QString>

#include <map>
#include <mutex>
#include <set>

struct rd_kafka_s;
struct rd_kafka_mock_cluster_s;

namespace streamscope::live {

class MockCluster {
public:
  /// Starts `brokers` brokers (1..16). Throws nothing: check ok() and error().
  explicit MockCluster(int brokers);
  ~MockCluster();
  MockCluster(const MockCluster &) = delete;
  MockCluster &operator=(const MockCluster &) = delete;

  bool ok() const { return m_cluster != nullptr; }
  QString error() const { return m_error; }
  int brokers() const { return m_brokers; }
  /// "127.0.0.1:port,..." for bootstrap.servers.
  QString bootstrapServers() const;

  /// Creates a topic with its partitions and replication factor; false with error() if refused.
  bool createTopic(const QString &topic, int partitions, int replicationFactor);
  /// Broker ids are 1..brokers(), as the mock numbers them. A broker taken down hands the
  /// groups it coordinates (those pinned below) to a broker that is up, as a real cluster
  /// does when the leadership of their __consumer_offsets partition moves.
  bool setBrokerDown(int broker);
  bool setBrokerUp(int broker);
  /// Makes a broker that is up the coordinator of `group` and keeps it so while brokers go
  /// down (the mock itself hashes groups to brokers and never moves them).
  bool pinGroupCoordinator(const QString &group);
  bool setLeader(const QString &topic, int partition, int broker);

private:
  rd_kafka_s *m_handle = nullptr; ///< the client handle the mock cluster lives in
  rd_kafka_mock_cluster_s *m_cluster = nullptr;
  int m_brokers = 0;
  QString m_error;
  std::mutex m_lock; ///< the two below: brokers go down on one thread while a probe pins its group on another
  std::set<int> m_down;
  std::map<QString, int> m_coordinators; ///< pinned groups and their coordinators
};

struct KafkaConnection;

/// Takes a mock broker down and moves each of its leaderships to the next replica, as a
/// controller's election would (the mock elects no leaders by itself). Blocking.
void takeDownAndElect(MockCluster &mock, const KafkaConnection &c, int broker);

} // namespace streamscope::live
