#include "engine/world/world.h"

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
  onArrival.from = from;
  onArrival.to = to;
  onArrival.sentAt = now;
  onArrival.kind = static_cast<std::uint8_t>(kind);
  queue.schedule(e.arrival, onArrival);
  return true;
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
