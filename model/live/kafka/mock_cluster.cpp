#include "mock_cluster.h"

#include "cluster_snapshot.h"

#include <QObject>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <array>

namespace streamscope::live {

MockCluster::MockCluster(int brokers) : m_brokers(brokers) {
  if (brokers < 1 || brokers > 16) {
    m_error = QObject::tr("the mock cluster takes 1 to 16 brokers, not %1").arg(brokers);
    return;
  }
  std::array<char, 512> err{};
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "0", err.data(), err.size()); // it has no bootstrap servers: do not warn
  m_handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err.data(), err.size());
  if (!m_handle) {
    rd_kafka_conf_destroy(conf);
    m_error = QObject::tr("cannot start the mock cluster: %1").arg(QString::fromUtf8(err.data()));
    return;
  }
  m_cluster = rd_kafka_mock_cluster_new(m_handle, brokers);
  if (!m_cluster)
    m_error = QObject::tr("cannot start the mock cluster: its brokers could not listen on 127.0.0.1");
}

MockCluster::~MockCluster() {
  if (m_cluster)
    rd_kafka_mock_cluster_destroy(m_cluster);
  if (m_handle)
    rd_kafka_destroy(m_handle);
}

QString MockCluster::bootstrapServers() const { return m_cluster ? QString::fromUtf8(rd_kafka_mock_cluster_bootstraps(m_cluster)) : QString(); }

namespace {
bool succeeded(rd_kafka_resp_err_t e, QString &error) {
  if (e == RD_KAFKA_RESP_ERR_NO_ERROR)
    return true;
  error = QString::fromUtf8(rd_kafka_err2str(e));
  return false;
}
} // namespace

bool MockCluster::createTopic(const QString &topic, int partitions, int replicationFactor) {
  return m_cluster && succeeded(rd_kafka_mock_topic_create(m_cluster, topic.toUtf8().constData(), partitions, replicationFactor), m_error);
}

bool MockCluster::setBrokerDown(int broker) {
  if (!m_cluster || !succeeded(rd_kafka_mock_broker_set_down(m_cluster, broker), m_error))
    return false;
  const std::scoped_lock lock(m_lock);
  m_down.insert(broker);
  for (auto &[group, coordinator] : m_coordinators)
    if (coordinator == broker)
      for (int b = 1; b <= m_brokers; ++b)
        if (!m_down.contains(b) && rd_kafka_mock_coordinator_set(m_cluster, "group", group.toUtf8().constData(), b) == RD_KAFKA_RESP_ERR_NO_ERROR) {
          coordinator = b;
          break;
        }
  return true;
}

bool MockCluster::setBrokerUp(int broker) {
  if (!m_cluster || !succeeded(rd_kafka_mock_broker_set_up(m_cluster, broker), m_error))
    return false;
  const std::scoped_lock lock(m_lock);
  m_down.erase(broker);
  return true;
}

bool MockCluster::pinGroupCoordinator(const QString &group) {
  if (!m_cluster)
    return false;
  const std::scoped_lock lock(m_lock);
  for (int b = 1; b <= m_brokers; ++b)
    if (!m_down.contains(b)) {
      if (!succeeded(rd_kafka_mock_coordinator_set(m_cluster, "group", group.toUtf8().constData(), b), m_error))
        return false;
      m_coordinators[group] = b;
      return true;
    }
  m_error = QObject::tr("every broker of the mock cluster is down");
  return false;
}

bool MockCluster::setLeader(const QString &topic, int partition, int broker) {
  return m_cluster && succeeded(rd_kafka_mock_partition_set_leader(m_cluster, topic.toUtf8().constData(), partition, broker), m_error);
}

void takeDownAndElect(MockCluster &mock, const KafkaConnection &c, int broker) {
  const SnapshotResult before = readCluster(c);
  mock.setBrokerDown(broker);
  for (const LivePartition &p : before.snapshot.partitions)
    if (p.leader == broker)
      for (int replica : p.replicas)
        if (replica != broker) {
          mock.setLeader(p.topic, p.partition, replica);
          break;
        }
}

} // namespace streamscope::live
