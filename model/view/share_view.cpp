#include "share_view.h"

#include "engine/world/world.h"

namespace streamscope::model {

void buildShareGroupViews(const engine::World &world, std::vector<ShareGroupView> &groups) {
  const auto &source = world.kafka.shareGroups;
  groups.resize(source.size());
  for (std::size_t gi = 0; gi < source.size(); ++gi) {
    const engine::kafka::ShareGroup &g = source[gi];
    ShareGroupView &v = groups[gi];
    v.name = g.name;
    v.topic = g.topic;
    v.deliveryCountLimit = g.config.deliveryCountLimit;
    v.recordLock = g.config.recordLock;
    v.acknowledged = g.acknowledged;
    v.released = g.released;
    v.rejected = g.rejected;
    v.archived = g.archived;
    v.redelivered = g.redelivered;
    v.lockExpired = g.lockExpired;
    v.outOfOrder = g.outOfOrder;
    v.members.resize(g.members.size());
    for (std::size_t m = 0; m < g.members.size(); ++m)
      v.members[m] = {g.members[m].id, g.members[m].node, g.members[m].alive, 0, g.members[m].processed};
    v.parts.resize(g.parts.size());
    for (std::size_t p = 0; p < g.parts.size(); ++p) {
      const engine::kafka::SharePartition &sp = g.parts[p];
      SharePartitionView &pv = v.parts[p];
      pv.spso = sp.spso;
      pv.speo = sp.spso < 0 ? -1 : sp.speo();
      pv.inFlight.clear();
      for (const engine::kafka::ShareRecord &r : sp.window) {
        pv.inFlight.push_back({static_cast<ShareState>(r.state), r.member, r.deliveries, r.lockDeadline, r.gap});
        if (r.state == engine::kafka::ShareRecordState::Acquired && r.member >= 0 && static_cast<std::size_t>(r.member) < v.members.size())
          ++v.members[static_cast<std::size_t>(r.member)].held;
      }
    }
  }
}

} // namespace streamscope::model
