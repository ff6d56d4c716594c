// The consumer protocol's promise: a partition has one owner at a time. The checker keeps its
// own record of each partition's holder and whether the holder let go (revoked and waiting
// for the acknowledgement, left, fenced); a partition that changes hands while its holder
// still reads it, or a fetch by anyone but the reading owner, is a violation.
#include "engine/check/invariant_checker.h"

namespace streamscope::engine::check {

void InvariantChecker::checkGroupOwners(const World &w, std::span<const Event> events) {
  using namespace kafka;
  const KafkaState &k = w.kafka;
  m_groupHolders.resize(k.groups.size());
  for (std::size_t g = 0; g < k.groups.size(); ++g) {
    const ConsumerGroup &group = k.groups[g];
    if (group.config.protocol != GroupProtocol::Consumer)
      continue;
    std::vector<Holder> &holders = m_groupHolders[g];
    holders.resize(group.parts.size());
    for (std::size_t i = 0; i < group.parts.size(); ++i) {
      const GroupPartition &gp = group.parts[i];
      Holder &h = holders[i];
      if (gp.owner >= 0 && gp.owner != h.member && !h.released)
        fail(w,
             group.config.group + ": partition " + std::to_string(i) + " went to member " + std::to_string(gp.owner) + " while member " +
                 std::to_string(h.member) + " still owned it");
      const bool memberGone = gp.owner >= 0 && !group.members[static_cast<std::size_t>(gp.owner)].inGroup;
      h = Holder{gp.owner, gp.owner < 0 || gp.revoking || memberGone};
    }
  }
  for (const Event &e : events) {
    if (e.type != EventType::Fetched)
      continue;
    for (const ConsumerGroup &group : k.groups) {
      if (group.config.protocol != GroupProtocol::Consumer || e.peer < 0 || e.peer >= static_cast<std::int32_t>(group.members.size()) ||
          group.members[static_cast<std::size_t>(e.peer)].node != e.node)
        continue;
      const int local = k.localIndex(e.partition);
      const GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
      if (gp.owner != e.peer || gp.revoking)
        fail(w,
             group.config.group + ": member " + std::to_string(e.peer) + " fetched partition " + std::to_string(local) +
                 " it does not own for reading");
    }
  }
}

} // namespace streamscope::engine::check
