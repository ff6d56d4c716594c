#include "kafka_admin.h"

#include <QObject>

#include <librdkafka/rdkafka.h>

#include <array>

namespace streamscope::live {

std::optional<LiveError> createTopic(const KafkaConnection &c, const QString &topic, int partitions, int replicationFactor, int minInsyncReplicas) {
  KafkaClientResult r = makeKafkaClient(c, false);
  if (!r.client)
    return r.error;
  std::array<char, 512> err{};
  rd_kafka_NewTopic_t *nt = rd_kafka_NewTopic_new(topic.toUtf8().constData(), partitions, replicationFactor, err.data(), err.size());
  if (!nt)
    return LiveError{2, QObject::tr("topic %1: %2").arg(topic, QString::fromUtf8(err.data()))};
  rd_kafka_NewTopic_set_config(nt, "min.insync.replicas", QByteArray::number(minInsyncReplicas).constData());
  rd_kafka_queue_t *queue = rd_kafka_queue_new(r.client.get());
  rd_kafka_AdminOptions_t *options = rd_kafka_AdminOptions_new(r.client.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_request_timeout(options, c.timeoutMs, err.data(), err.size());
  rd_kafka_CreateTopics(r.client.get(), &nt, 1, options, queue);
  rd_kafka_event_t *ev = rd_kafka_queue_poll(queue, c.timeoutMs + 2000);
  std::optional<LiveError> out;
  if (!ev) {
    out = LiveError{3, QObject::tr("CreateTopics for %1 got no answer from %2 within %3 ms").arg(topic, c.bootstrap).arg(c.timeoutMs + 2000)};
  } else if (rd_kafka_event_error(ev)) {
    out = LiveError{3, QObject::tr("CreateTopics for %1 at %2: %3").arg(topic, c.bootstrap, QString::fromUtf8(rd_kafka_event_error_string(ev)))};
  } else {
    size_t n = 0;
    const rd_kafka_topic_result_t **results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
    for (size_t i = 0; i < n; ++i) {
      const rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
      if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        out = LiveError{
            3,
            QObject::tr("CreateTopics for %1 at %2: %3").arg(topic, c.bootstrap, QString::fromUtf8(rd_kafka_topic_result_error_string(results[i])))};
    }
  }
  if (ev)
    rd_kafka_event_destroy(ev);
  rd_kafka_AdminOptions_destroy(options);
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(nt);
  return out;
}

std::optional<int> topicMinInsyncReplicas(const KafkaConnection &c, const QString &topic, QString *why) {
  KafkaClientResult r = makeKafkaClient(c, false);
  if (!r.client) {
    *why = r.error->message;
    return std::nullopt;
  }
  rd_kafka_ConfigResource_t *resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.toUtf8().constData());
  rd_kafka_queue_t *queue = rd_kafka_queue_new(r.client.get());
  rd_kafka_DescribeConfigs(r.client.get(), &resource, 1, nullptr, queue);
  rd_kafka_event_t *ev = rd_kafka_queue_poll(queue, c.timeoutMs + 2000);
  std::optional<int> out;
  if (!ev) {
    *why = QObject::tr("DescribeConfigs got no answer within %1 ms").arg(c.timeoutMs + 2000);
  } else if (rd_kafka_event_error(ev)) {
    *why = QObject::tr("DescribeConfigs: %1").arg(QString::fromUtf8(rd_kafka_event_error_string(ev)));
  } else {
    size_t n = 0;
    const rd_kafka_ConfigResource_t **results = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev), &n);
    for (size_t i = 0; i < n && !out; ++i) {
      size_t entries = 0;
      const rd_kafka_ConfigEntry_t **configs = rd_kafka_ConfigResource_configs(results[i], &entries);
      for (size_t e = 0; e < entries; ++e)
        if (QLatin1String(rd_kafka_ConfigEntry_name(configs[e])) == QLatin1String("min.insync.replicas") && rd_kafka_ConfigEntry_value(configs[e]))
          out = QByteArray(rd_kafka_ConfigEntry_value(configs[e])).toInt();
    }
    if (!out)
      *why = QObject::tr("DescribeConfigs did not give min.insync.replicas");
  }
  if (ev)
    rd_kafka_event_destroy(ev);
  rd_kafka_queue_destroy(queue);
  rd_kafka_ConfigResource_destroy(resource);
  return out;
}

} // namespace streamscope::live
