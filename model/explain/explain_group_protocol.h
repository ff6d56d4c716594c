#pragma once
// Inspector words for the two rebalance protocols: which one a group uses, and for the
// consumer protocol (KIP-848) its group epoch and each member's epoch, target and
// reconciliation. Used by explain_kafka.cpp's group and member explanations.
// Contract: reads a World; GUI or worker thread, whichever owns that World.
#include "item_explainer.h"

namespace streamscope::model {

/// Facts on the protocol and assignor of group `g` (both protocols).
QList<QPair<QString, QString>> groupProtocolFacts(const engine::kafka::ConsumerGroup &g);
/// Why a consumer-protocol group looks as it does now.
QString consumerProtocolGroupWhy(const engine::kafka::ConsumerGroup &g);
/// Facts on member `mi` of a consumer-protocol group: epochs, target, reconciliation.
QList<QPair<QString, QString>> consumerProtocolMemberFacts(const engine::World &w, const engine::kafka::ConsumerGroup &g, int mi);
/// Why the member is in its reconciliation state.
QString consumerProtocolMemberWhy(const engine::kafka::ConsumerGroup &g, int mi);

} // namespace streamscope::model
