#include "item_explainer.h"
#include "explain_share_group.h"

#include "glossary.h"
#include "wait_words.h"

namespace streamscope::model {
namespace {

QString transferName(engine::TransferKind kind) {
  using engine::TransferKind;
  switch (kind) {
  case TransferKind::ProduceRequest: return QObject::tr("Produce request");
  case TransferKind::ProduceResponse: return QObject::tr("Produce response (the ack)");
  case TransferKind::ReplicaFetchRequest: return QObject::tr("Follower fetch request");
  case TransferKind::ReplicaFetchResponse: return QObject::tr("Follower fetch response");
  case TransferKind::ConsumerFetchRequest: return QObject::tr("Consumer fetch request");
  case TransferKind::ConsumerFetchResponse: return QObject::tr("Consumer fetch response");
  case TransferKind::PutRecordsRequest: return QObject::tr("PutRecords request");
  case TransferKind::PutRecordsResponse: return QObject::tr("PutRecords response (the ack)");
  case TransferKind::ZoneWrite: return QObject::tr("Write to an availability zone");
  case TransferKind::ZoneAck: return QObject::tr("Availability zone's acknowledgement");
  case TransferKind::GetRecordsRequest: return QObject::tr("GetRecords request");
  case TransferKind::GetRecordsResponse: return QObject::tr("GetRecords response");
  case TransferKind::SubscribeToShardEvent: return QObject::tr("SubscribeToShard event (enhanced fan-out push)");
  case TransferKind::MetadataFetchRequest: return QObject::tr("Metadata fetch request (__cluster_metadata)");
  case TransferKind::MetadataFetchResponse: return QObject::tr("Metadata fetch response");
  case TransferKind::VoteRequest: return QObject::tr("Vote request (controller election)");
  case TransferKind::VoteResponse: return QObject::tr("Vote response");
  case TransferKind::BeginQuorumEpoch: return QObject::tr("BeginQuorumEpoch (a new active controller)");
  case TransferKind::BrokerHeartbeat: return QObject::tr("Broker heartbeat");
  case TransferKind::AlterPartition: return QObject::tr("AlterPartition request (an ISR change)");
  case TransferKind::UpdateMetadata: return QObject::tr("UpdateMetadata / LeaderAndIsr request");
  case TransferKind::TxnRequest: return QObject::tr("Transaction request (InitProducerId, AddPartitionsToTxn or EndTxn)");
  case TransferKind::TxnResponse: return QObject::tr("Transaction coordinator's response");
  case TransferKind::TxnMarkerRequest: return QObject::tr("WriteTxnMarkers (a commit or abort marker)");
  case TransferKind::TxnMarkerResponse: return QObject::tr("WriteTxnMarkers response");
  }
  return {};
}

QString why(const engine::World &w, engine::TransferKind kind) {
  using engine::TransferKind;
  switch (kind) {
  case TransferKind::ProduceRequest:
    return QObject::tr(
        "The producer's batch travels to the partition leader; with acks=all the leader answers only once every in-sync replica has fetched it.");
  case TransferKind::ProduceResponse:
    return QObject::tr(
        "The leader acknowledges the batch: with acks=1 once it is in the leader's page cache, with acks=all once the high watermark passed it.");
  case TransferKind::ReplicaFetchRequest:
    return QObject::tr("Followers pull from the leader: a fetch names the offset the follower needs next, which also tells the leader how far the "
                       "follower has got.");
  case TransferKind::ReplicaFetchResponse: return QObject::tr("The leader sends records the follower does not have yet, with its high watermark.");
  case TransferKind::ConsumerFetchRequest:
  case TransferKind::ConsumerFetchResponse:
    return QObject::tr("Consumers pull from the leader and only ever receive records below the high watermark.");
  case TransferKind::PutRecordsRequest:
    return QObject::tr(
        "Up to 500 records in one call; Kinesis routes each by the MD5 of its partition key to the shard whose hash key range holds it.");
  case TransferKind::PutRecordsResponse:
    return QObject::tr("Per-record results: a sequence number for each accepted record, an error code (such as "
                       "ProvisionedThroughputExceededException) for each failed one. Kinesis does not retry failed records: the application or "
                       "the KPL must send them again, and a resend can duplicate or reorder records.");
  case TransferKind::ZoneWrite:
  case TransferKind::ZoneAck: {
    const engine::KinesisConfig &c = w.kinesis.config;
    const auto msText = [](engine::SimTime t) { return QString::number(engine::toMs(t), 'g', 3); };
    const bool clientDominates = c.clientLatencyMin + c.clientLatencyMax >= c.azLatencyMin + c.azLatencyMax;
    return QObject::tr("Kinesis stores every record in three availability zones before it answers the put. Here a zone hop costs %1 to %2 ms each "
                       "way and the producer's trip to the Kinesis endpoint %3 to %4 ms each way. %5 A Kafka cluster spread over three zones pays "
                       "a zone hop too.")
        .arg(msText(c.azLatencyMin), msText(c.azLatencyMax), msText(c.clientLatencyMin), msText(c.clientLatencyMax),
             clientDominates ? QObject::tr("The round trip to the endpoint, more than the zone writes, is why a Kinesis ack takes longer than a "
                                           "Kafka ack within one network.")
                             : QObject::tr("With these settings the zone writes are the larger part of a Kinesis ack's time."));
  }
  case TransferKind::GetRecordsRequest:
  case TransferKind::GetRecordsResponse: return QObject::tr("Polling consumers share the shard's 2 MiB/s and 5 calls/s of reads.");
  case TransferKind::SubscribeToShardEvent: return QObject::tr("Enhanced fan-out pushes records to this consumer with its own 2 MiB/s per shard.");
  case TransferKind::MetadataFetchRequest:
  case TransferKind::MetadataFetchResponse:
    return QObject::tr("Controllers and brokers pull the metadata log from the active controller. A change (a new leader, an ISR, a fenced "
                       "broker) is committed once a majority of controllers has it, and a broker acts on it only when its own copy reaches it.");
  case TransferKind::VoteRequest:
  case TransferKind::VoteResponse:
  case TransferKind::BeginQuorumEpoch:
    return QObject::tr("The controllers elect their leader with Raft: a candidate needs a majority of votes, one vote per controller per epoch, "
                       "and only a candidate whose log is at least as up to date gets one.");
  case TransferKind::BrokerHeartbeat:
    return QObject::tr("Brokers heartbeat the active controller every broker.heartbeat.interval.ms; one silent for broker.session.timeout.ms "
                       "is fenced and loses its leaderships.");
  case TransferKind::AlterPartition:
    return QObject::tr("A leader asks the controller to change the ISR. Until the change is committed it keeps the old ISR, and the high "
                       "watermark waits for both old and new members.");
  case TransferKind::UpdateMetadata:
    return QObject::tr("In ZooKeeper mode the controller pushes every change to the brokers; there is no metadata log to pull from.");
  case TransferKind::TxnRequest:
  case TransferKind::TxnResponse:
    return QObject::tr("A transactional producer talks to its transaction coordinator, the leader of its partition of __transaction_state: "
                       "InitProducerId gives it an epoch (fencing older instances), AddPartitionsToTxn names each partition it writes, "
                       "EndTxn commits or aborts. Each step is written to the coordinator's log before it is answered.");
  case TransferKind::TxnMarkerRequest:
  case TransferKind::TxnMarkerResponse:
    return QObject::tr("Once PrepareCommit or PrepareAbort is in its log, the coordinator writes a marker into every partition of the "
                       "transaction. The marker takes an offset; read_committed consumers see the records before it only once it is "
                       "replicated (the last stable offset moves past them), and skip them if it is an abort marker.");
  }
  return {};
}

Explanation explainMessage(const engine::World &w, const WorldItem &item) {
  Explanation e;
  bool found = false;
  w.queue.forEach([&](const auto &entry) {
    if (found || entry.seq != static_cast<std::uint64_t>(item.c))
      return;
    found = true;
    const engine::Action &m = entry.action;
    const auto kind = static_cast<engine::TransferKind>(m.kind);
    e.title = transferName(kind);
    e.facts = {
        {QObject::tr("From"), nodeName(w, m.from)},
        {QObject::tr("To"), nodeName(w, m.to)},
        {QObject::tr("Sent at"), QObject::tr("%1 ms").arg(engine::toMs(m.sentAt), 0, 'f', 3)},
        {QObject::tr("Arrives at"),
         QObject::tr("%1 ms (%2 ms on the wire)").arg(engine::toMs(entry.time), 0, 'f', 3).arg(engine::toMs(entry.time - m.sentAt), 0, 'f', 3)}};
    if (m.dropped) {
      const bool response = kind == engine::TransferKind::ProduceResponse || kind == engine::TransferKind::PutRecordsResponse;
      e.facts.append({QObject::tr("Fate"),
                      response ? QObject::tr("will be lost on the wire (drop_response): the records are stored, "
                                             "yet the producer will time out and send them again")
                               : QObject::tr("will be lost on the wire (drop_message)")});
    }
    e.why = why(w, kind);
  });
  if (!found) {
    e.title = QObject::tr("Message delivered");
    e.why = QObject::tr("This message has arrived; click another one in flight.");
  }
  return e;
}

} // namespace

QString nodeName(const engine::World &w, engine::NodeId node) {
  for (const auto &b : w.kafka.brokers)
    if (b.node == node)
      return QObject::tr("broker %1").arg(b.id);
  for (const auto &c : w.kafka.metadata.controllers)
    if (c.node == node)
      return QObject::tr("controller %1").arg(c.id);
  for (const auto &p : w.kafka.producers)
    if (p.node == node)
      return QObject::tr("producer %1").arg(QString::fromStdString(p.config.name));
  for (const auto &p : w.kinesis.producers)
    if (p.node == node)
      return QObject::tr("producer %1").arg(QString::fromStdString(p.config.name));
  for (const auto &g : w.kafka.groups)
    for (const auto &m : g.members)
      if (m.node == node)
        return QObject::tr("consumer %1 of group %2").arg(QString::fromStdString(m.id), QString::fromStdString(g.config.group));
  for (const auto &s : w.kinesis.streams)
    if (s.endpoint == node)
      return QObject::tr("Kinesis endpoint of stream %1").arg(QString::fromStdString(s.config.name));
  for (std::size_t z = 0; z < w.kinesis.zoneNodes.size(); ++z)
    if (w.kinesis.zoneNodes[z] == node)
      return QObject::tr("availability zone %1").arg(QChar('a' + static_cast<int>(z)));
  for (const auto &app : w.kinesis.apps)
    for (std::size_t i = 0; i < app.workers.size(); ++i)
      if (app.workers[i].node == node)
        return QObject::tr("worker w%1 of %2").arg(i).arg(QString::fromStdString(app.config.application));
  return QObject::tr("node %1").arg(node);
}

namespace {

Explanation explainAny(const engine::World &w, const WorldItem &item) {
  using Kind = WorldItem::Kind;
  switch (item.kind) {
  case Kind::None: break;
  case Kind::Message: return explainMessage(w, item);
  case Kind::Controller: return explainController(w, item.a);
  case Kind::ShareGroup:
  case Kind::ShareMember: return explainShareGroupItem(w, item);
  case Kind::LogCell: {
    Explanation e = explainKafka(w, item);
    addShareRecordFacts(e, w, item.a, item.c);
    return e;
  }
  case Kind::Broker:
  case Kind::Replica:
  case Kind::KafkaProducer:
  case Kind::Group:
  case Kind::Member: return explainKafka(w, item);
  default: return explainKinesis(w, item);
  }
  return {QObject::tr("Nothing selected"),
          {},
          QObject::tr(
              "Click a broker, a replica strip, a record cell, a shard, a consumer or a message in flight to see its state and why it is in it.")};
}

} // namespace

Explanation explainItem(const engine::World &w, const WorldItem &item) {
  Explanation e = explainAny(w, item);
  addWaitExplanation(e, w, item); // a stalled client says first what it waits for
  return e;
}

QString explanationHtml(const Explanation &e) {
  QString html = QStringLiteral("<h3>%1</h3>").arg(e.title.toHtmlEscaped());
  QSet<QString> linked; // each glossary term is linked at its first mention only
  if (!e.why.isEmpty())
    html += QStringLiteral("<p>%1</p>").arg(linkGlossaryTerms(e.why, linked));
  if (!e.facts.isEmpty()) {
    html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
    for (const auto &[name, value] : e.facts)
      html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(linkGlossaryTerms(name, linked), value.toHtmlEscaped());
    html += QStringLiteral("</table>");
  }
  return html;
}

} // namespace streamscope::model
