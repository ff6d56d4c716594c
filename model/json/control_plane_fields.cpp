#include "control_plane_fields.h"

#include "scenario_fields.h"

#include <QObject>

namespace streamscope::model {

using namespace streamscope::engine;

void readControlPlane(JsonFields &f, KafkaConfig &k) {
  // k.version is already read (readKafkaVersion, the one parser of "version").
  const bool zookeeper = f.choice(QStringLiteral("metadata"), {QStringLiteral("kraft"), QStringLiteral("zookeeper")}, QStringLiteral("kraft")) ==
      QLatin1String("zookeeper");
  if (zookeeper && k.version != KafkaVersion::V3_9)
    f.fail(QStringLiteral("metadata"),
           QObject::tr("\"metadata\": \"zookeeper\" needs \"version\": \"3.9\": Kafka 4.0 removed ZooKeeper mode (KIP-500)"));
  k.metadataMode = zookeeper ? MetadataMode::ZooKeeper : MetadataMode::KRaft;
  const QStringList kraftOnly = {QStringLiteral("controllers"), QStringLiteral("controller_mode"),
                                 QStringLiteral("controller_quorum_election_timeout_ms"), QStringLiteral("controller_quorum_fetch_timeout_ms")};
  const QStringList zookeeperOnly = {QStringLiteral("zookeeper_session_timeout_ms"), QStringLiteral("zookeeper_load_ms_per_partition")};
  for (const QString &key : zookeeper ? kraftOnly : zookeeperOnly)
    if (f.has(key))
      f.fail(key,
             zookeeper ? QObject::tr("\"%1\" is a KRaft setting: ZooKeeper mode has one controller (a broker) and no quorum").arg(key)
                       : QObject::tr("\"%1\" applies only with \"metadata\": \"zookeeper\"").arg(key));
  k.controllers = static_cast<int>(f.integer(QStringLiteral("controllers"), 1, 7, 3));
  const bool combined = f.choice(QStringLiteral("controller_mode"), {QStringLiteral("dedicated"), QStringLiteral("combined")},
                                 QStringLiteral("dedicated")) == QLatin1String("combined");
  k.controllerMode = combined ? ControllerMode::Combined : ControllerMode::Dedicated;
  if (combined && k.controllers > k.brokers)
    f.fail(QStringLiteral("controllers"),
           QObject::tr("combined mode runs a controller in each of brokers 0..%1: %2 controllers need at least %2 brokers, not %3")
               .arg(k.controllers - 1)
               .arg(k.controllers)
               .arg(k.brokers));
  k.controllerElectionTimeout = msField(f, QStringLiteral("controller_quorum_election_timeout_ms"), 1, k.controllerElectionTimeout);
  k.controllerFetchTimeout = msField(f, QStringLiteral("controller_quorum_fetch_timeout_ms"), 1, k.controllerFetchTimeout);
  k.brokerHeartbeatInterval = msField(f, QStringLiteral("broker_heartbeat_interval_ms"), 1, k.brokerHeartbeatInterval);
  if (!zookeeper && k.brokerHeartbeatInterval >= k.brokerSessionTimeout)
    f.fail(QStringLiteral("broker_heartbeat_interval_ms"),
           QObject::tr(
               "\"broker_heartbeat_interval_ms\" must be below \"broker_session_timeout_ms\" (%1 ms), or every broker is fenced between heartbeats")
               .arg(engine::toMs(k.brokerSessionTimeout)));
  k.zookeeperSessionTimeout = msField(f, QStringLiteral("zookeeper_session_timeout_ms"), 1, k.zookeeperSessionTimeout);
  k.zookeeperLoadMsPerPartition = f.number(QStringLiteral("zookeeper_load_ms_per_partition"), 0, 1000, k.zookeeperLoadMsPerPartition);
}

QList<int> controllerIds(const KafkaConfig &k) {
  QList<int> ids;
  if (k.metadataMode == MetadataMode::ZooKeeper)
    return ids;
  const int first = k.controllerMode == ControllerMode::Combined ? 0 : kFirstDedicatedControllerId;
  for (int c = 0; c < k.controllers; ++c)
    ids << first + c;
  return ids;
}

int readBrokerOrController(JsonFields &f, const FaultContext &ctx, bool allowAll, int &controller) {
  controller = -1;
  const QString key = QStringLiteral("controller");
  if (!f.has(key))
    return readBroker(f, ctx, allowAll);
  if (f.has(QStringLiteral("broker")))
    f.fail(key, QObject::tr("give either \"broker\" or \"controller\", not both"));
  if (!ctx.scenario.kafka)
    f.fail(key, QObject::tr("\"controller\" needs a kafka section"));
  const QList<int> ids = controllerIds(*ctx.scenario.kafka);
  if (ids.isEmpty())
    f.fail(key, QObject::tr("ZooKeeper mode has no KRaft controllers: its controller is a broker, so fault the broker"));
  controller = static_cast<int>(f.integer(key, 0, 1 << 20));
  if (!ids.contains(controller))
    f.fail(key, QObject::tr("no controller has id %1: the controllers are %2..%3").arg(controller).arg(ids.first()).arg(ids.last()));
  return -1;
}

void writeBrokerOrController(QJsonObject &o, int broker, int controller, bool omitAll) {
  if (controller >= 0)
    o[QStringLiteral("controller")] = controller;
  else if (!(omitAll && broker < 0))
    o[QStringLiteral("broker")] = brokerOrAll(broker);
}

} // namespace streamscope::model
