#include "engine/check/control_plane_checks.h"

#include <algorithm>

namespace streamscope::engine::check {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

/// Every voter's log agrees with the committed log below its own commit point, and the
/// leader's log holds every committed entry.
void checkLogs(const World &w, std::vector<std::string> &problems) {
  const kafka::MetadataState &m = w.kafka.metadata;
  for (const kafka::Controller &c : m.controllers) {
    const auto upTo = static_cast<std::size_t>(std::min<kafka::Offset>(c.committed, m.committed()) - m.base);
    if (c.log.size() < upTo || !std::equal(m.committedLog.begin(), m.committedLog.begin() + static_cast<std::ptrdiff_t>(upTo), c.log.begin()))
      problems.push_back("controller " + num(c.id) + "'s log disagrees with committed metadata below its commit point " + num(c.committed));
    const bool leads =
        c.running && c.role == kafka::ControllerRole::Leader && m.active >= 0 && m.controllers[static_cast<std::size_t>(m.active)].id == c.id;
    if (leads && (c.log.size() < m.committedLog.size() || !std::equal(m.committedLog.begin(), m.committedLog.end(), c.log.begin())))
      problems.push_back("the active controller " + num(c.id) + " lacks committed metadata entries");
  }
}

} // namespace

void ControlPlaneChecks::afterStep(const World &w, std::span<const Event> events, std::vector<std::string> &problems) {
  const kafka::MetadataState &m = w.kafka.metadata;
  bool logsChanged = false;
  for (const Event &e : events) {
    if (e.type == EventType::ControllerElected) {
      auto &byEpoch = m.zookeeper ? m_zkControllerOfEpoch : m_leaderOfEpoch;
      const auto [it, fresh] = byEpoch.emplace(e.a, e.node);
      if (!fresh && it->second != e.node)
        problems.push_back("two controller leaders in epoch " + num(e.a) + ": " + num(it->second) + " and " + num(e.node));
      logsChanged = true;
    } else if (e.type == EventType::MetadataCommitted) {
      logsChanged = true;
    } else if (e.type == EventType::MetadataApplied && e.a > m.committed()) {
      problems.push_back("broker " + num(e.node) + " applied metadata up to " + num(e.a) + ", beyond the committed offset " + num(m.committed()));
    }
  }
  if (logsChanged)
    checkLogs(w, problems);
}

} // namespace streamscope::engine::check
