#pragma once
// The keys fault entries share, read and written the scenario loader's way: brokers, group or
// application names, seek positions, topic settings. Used by the fault table's rows only.
// Readers throw JsonFieldError like every loader field; call from the loading thread.
#include "engine/world/scenario.h"
#include "json_fields.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>

#include <string>

namespace streamscope::model {

/// What a fault entry may name, and where: the scenario (sections, streams), its consumers
/// and producers, the topics and broker ids that exist or that earlier faults add.
struct FaultContext {
  const engine::Scenario &scenario;
  QString action; ///< the entry's "action", for messages
  const QSet<QString> &groups;
  const QSet<QString> &applications;
  const QSet<QString> &producers;
  const QSet<QString> &topics;
  int brokers = 0;
};

/// "broker": an id below `ctx.brokers`, or "all" (-1) when `allowAll`.
int readBroker(JsonFields &f, const FaultContext &ctx, bool allowAll);
/// "group" or "application" (a consumer fault on a Kinesis application); without
/// "application" the scenario needs a kafka section.
std::string readConsumerName(JsonFields &f, const FaultContext &ctx);
/// "producer": one of the scenario's producers.
std::string readProducerName(JsonFields &f, const FaultContext &ctx);
/// "topic": a topic of the kafka section or one an add_topic fault creates.
std::string readTopicName(JsonFields &f, const FaultContext &ctx);
/// "stream": a stream of the kinesis section.
std::string readStreamName(JsonFields &f, const FaultContext &ctx);
/// seek's "to"/"offset"/"timestamp_ms" and "partition" for a group, or "to"/"shard"/
/// "sequence_number"/"timestamp_ms" for an application.
engine::Seek readSeek(JsonFields &f, const FaultContext &ctx);
/// alter_topic: exactly one of min_insync_replicas, unclean_leader_election, flush_interval_*.
void readTopicSetting(JsonFields &f, engine::AlterTopic &alter);

/// Milliseconds as a whole number when they are one (the loader's own form), else fractional.
QJsonValue msValue(engine::SimTime t);
/// A broker id, or "all" for -1.
QJsonValue brokerOrAll(int broker);
void writeSeek(QJsonObject &o, const engine::Seek &seek);
void writeTopicSetting(QJsonObject &o, const engine::AlterTopic &alter);

} // namespace streamscope::model
