#include "engine/sim/share_report.h"

namespace streamscope::engine {

std::vector<ShareGroupReport> shareGroupReports(const World &w) {
  std::vector<ShareGroupReport> out;
  for (const kafka::ShareGroup &g : w.kafka.shareGroups) {
    ShareGroupReport r;
    r.group = g.name;
    r.topic = w.kafka.topics[static_cast<std::size_t>(g.topic)].config.name;
    for (const kafka::ShareMember &m : g.members) {
      r.members += m.alive ? 1 : 0;
      r.idleMembers += m.alive && m.processed == 0 ? 1 : 0;
      r.processed += m.processed;
    }
    r.delivered = g.delivered;
    r.acknowledged = g.acknowledged;
    r.released = g.released;
    r.rejected = g.rejected;
    r.archived = g.archived;
    r.redelivered = g.redelivered;
    r.lockExpired = g.lockExpired;
    r.lateAcks = g.lateAcks;
    r.outOfOrder = g.outOfOrder;
    for (std::size_t p = 0; p < g.parts.size(); ++p) {
      const kafka::SharePartition &sp = g.parts[p];
      SharePartitionReport pr;
      pr.partition = static_cast<int>(p);
      pr.spso = sp.spso;
      pr.speo = sp.spso < 0 ? -1 : sp.speo();
      for (const kafka::ShareRecord &rec : sp.window) {
        if (rec.gap)
          continue;
        switch (rec.state) {
        case kafka::ShareRecordState::Available: ++pr.available; break;
        case kafka::ShareRecordState::Acquired: ++pr.acquired; break;
        case kafka::ShareRecordState::Acknowledged: ++pr.acknowledged; break;
        case kafka::ShareRecordState::Archived: ++pr.archived; break;
        }
      }
      r.partitions.push_back(pr);
    }
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace streamscope::engine
