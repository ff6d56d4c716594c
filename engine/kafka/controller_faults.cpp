#include "engine/kafka/controller_faults.h"

#include "engine/kafka/controller.h"
#include "engine/kafka/raft_quorum.h"

namespace streamscope::engine::kafka {
namespace {

void brokerFault(World &w, int broker, ControllerFault fault) {
  switch (fault) {
  case ControllerFault::Crash: crashBroker(w, broker); break;
  case ControllerFault::PowerLoss: powerOffBroker(w, broker); break;
  case ControllerFault::Restart: restartBroker(w, broker); break;
  case ControllerFault::Isolate: isolateBroker(w, broker); break;
  case ControllerFault::Heal: healBroker(w, broker); break;
  }
}

} // namespace

std::optional<std::string> faultController(World &w, int id, ControllerFault fault) {
  MetadataState &m = w.kafka.metadata;
  if (m.zookeeper)
    return std::string("ZooKeeper mode has no KRaft controllers: the controller is a broker (fault the broker)");
  int c = -1;
  for (std::size_t i = 0; i < m.controllers.size(); ++i)
    if (m.controllers[i].id == id)
      c = static_cast<int>(i);
  if (c < 0)
    return "no controller has id " + std::to_string(id);
  Controller &x = m.controllers[static_cast<std::size_t>(c)];
  if (x.broker >= 0) {
    brokerFault(w, x.broker, fault);
    return std::nullopt;
  }
  switch (fault) {
  case ControllerFault::Crash:
  case ControllerFault::PowerLoss:
    if (x.running) {
      w.record(EventType::ControllerCrashed, x.id);
      stopVoter(w, c);
    }
    break;
  case ControllerFault::Restart:
    if (!x.running) {
      w.record(EventType::ControllerRestarted, x.id);
      startVoter(w, c);
    }
    break;
  case ControllerFault::Isolate:
    if (!w.net.isIsolated(x.node)) {
      w.net.isolate(x.node);
      w.record(EventType::ControllerIsolated, x.id);
    }
    break;
  case ControllerFault::Heal:
    if (w.net.isIsolated(x.node)) {
      w.net.heal(x.node);
      w.record(EventType::ControllerHealed, x.id);
    }
    break;
  }
  return std::nullopt;
}

} // namespace streamscope::engine::kafka
