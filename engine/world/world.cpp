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
  if (kind == TransferKind::ProduceResponse || kind == TransferKind::PutRecordsResponse) {
    // The request was applied; only its answer is lost. Neither check draws a random number
    // or changes anything when no drop is armed and the ratio is 0.
    const auto armed =
        std::find_if(armedResponseDrops.begin(), armedResponseDrops.end(), [&](const DropResponse &d) { return responseMatches(d, onArrival); });
    if (armed != armedResponseDrops.end()) {
      armedResponseDrops.erase(armed);
      onArrival.dropped = true;
    } else if (scenario.dropResponseRatio > 0 && rng.chance(scenario.dropResponseRatio)) {
      onArrival.dropped = true;
    }
  }
  onArrival.from = from;
  onArrival.to = to;
  onArrival.sentAt = now;
  onArrival.kind = static_cast<std::uint8_t>(kind);
  queue.schedule(e.arrival, onArrival);
  return true;
}

bool World::responseMatches(const DropResponse &drop, const Action &m) const {
  const auto named = [&](const std::string &name) { return drop.producer.empty() || name == drop.producer; };
  if (m.dropped)
    return false;
  if (m.type == ActionType::ProduceResponseArrive)
    return drop.system != ResponseSystem::Kinesis && named(kafka.producers[static_cast<std::size_t>(kafka.batches[m.a].producer)].config.name);
  return m.type == ActionType::PutResponseArrive && drop.system != ResponseSystem::Kafka &&
      named(kinesis.producers[static_cast<std::size_t>(kinesis.puts[m.a].producer)].config.name);
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
