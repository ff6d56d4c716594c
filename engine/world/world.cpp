#include "engine/world/world.h"

#include <algorithm>

namespace streamscope::engine {

bool World::send(NodeId from, NodeId to, TransferKind kind, std::int32_t partition, std::int64_t a, std::int64_t b, Action onArrival,
                 SimTime latency) {
  Event e;
  e.time = now;
  e.type = EventType::TransferStarted;
  e.sub = static_cast<std::uint8_t>(kind);
  e.node = from;
  e.peer = to;
  e.partition = partition;
  e.a = a;
  e.b = b;
  if (!net.reachable(from, to)) {
    e.arrival = now;
    e.type = EventType::TransferDropped;
    events.record(e);
    return false;
  }
  e.arrival = now + (latency >= 0 ? latency : net.latency(from, to, rng));
  events.record(e);
  onArrival.kind = static_cast<std::uint8_t>(kind);
  if (losableResponse(kind)) {
    // Only the answer is lost: the request was applied. None of these checks draws a random
    // number or changes anything when no drop is armed and no ratio is set.
    const bool produce = kind == TransferKind::ProduceResponse || kind == TransferKind::PutRecordsResponse;
    const auto armed =
        std::find_if(armedResponseDrops.begin(), armedResponseDrops.end(), [&](const DropResponse &d) { return responseMatches(d, onArrival); });
    if (armed != armedResponseDrops.end()) {
      armedResponseDrops.erase(armed);
      onArrival.dropped = true;
    } else if (produce && scenario.dropResponseRatio > 0 && rng.chance(scenario.dropResponseRatio)) {
      onArrival.dropped = true;
    } else if (net.responseLoss(from) > 0 && rng.chance(net.responseLoss(from))) {
      onArrival.dropped = true; // a lossy link of the server that answers
    }
  }
  onArrival.from = from;
  onArrival.to = to;
  onArrival.sentAt = now;
  queue.schedule(e.arrival, onArrival);
  return true;
}

bool World::losableResponse(TransferKind kind) {
  return kind == TransferKind::ProduceResponse || kind == TransferKind::PutRecordsResponse || kind == TransferKind::ConsumerFetchResponse ||
      kind == TransferKind::GetRecordsResponse;
}

bool World::responseMatches(const DropResponse &drop, const Action &m) const {
  const auto named = [](const std::string &wanted, const std::string &name) { return wanted.empty() || name == wanted; };
  if (m.dropped)
    return false;
  const bool produce = drop.response != ResponseKind::Fetch, fetch = drop.response != ResponseKind::Produce;
  const bool kafka = drop.system != ResponseSystem::Kinesis, kinesis = drop.system != ResponseSystem::Kafka;
  switch (m.type) {
  case ActionType::ProduceResponseArrive:
    return produce && kafka && named(drop.producer, this->kafka.producers[static_cast<std::size_t>(this->kafka.batches[m.a].producer)].config.name);
  case ActionType::PutResponseArrive:
    return produce && kinesis &&
        named(drop.producer, this->kinesis.producers[static_cast<std::size_t>(this->kinesis.puts[m.a].producer)].config.name);
  case ActionType::ConsumerFetchResponse: return fetch && kafka && named(drop.group, this->kafka.groups[static_cast<std::size_t>(m.b)].config.group);
  case ActionType::ReadResponseArrive: // polling reads only: a fan-out push is not a response
    return fetch && kinesis && m.kind == static_cast<std::uint8_t>(TransferKind::GetRecordsResponse) &&
        named(drop.group, this->kinesis.apps[static_cast<std::size_t>(m.a)].config.application);
  default: return false;
  }
}

bool World::arrive(const Action &message, std::int32_t partition) {
  Event e;
  e.time = message.sentAt;
  e.arrival = now;
  e.sub = message.kind;
  e.node = message.from;
  e.peer = message.to;
  e.partition = partition;
  e.type = !message.dropped && net.reachable(message.from, message.to) ? EventType::TransferArrived : EventType::TransferDropped;
  events.record(e);
  return e.type == EventType::TransferArrived;
}

} // namespace streamscope::engine
