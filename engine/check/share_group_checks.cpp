#include "engine/check/share_group_checks.h"

#include <algorithm>

namespace streamscope::engine::check {
namespace {

using kafka::ShareRecordState;

std::string where(const World &w, const kafka::ShareGroup &g, int local) {
  return "share group " + g.name + " on " + w.kafka.partitionName(w.kafka.partitionId(g.topic, local));
}

void checkPartition(const World &w, const kafka::ShareGroup &g, int local, std::vector<std::string> &problems) {
  const kafka::SharePartition &sp = g.parts[static_cast<std::size_t>(local)];
  if (sp.window.size() > static_cast<std::size_t>(g.config.maxRecordLocks))
    problems.push_back(where(w, g, local) + ": " + std::to_string(sp.window.size()) + " records in flight, over the record lock limit");
  std::int32_t available = 0;
  for (std::size_t i = 0; i < sp.window.size(); ++i) {
    const kafka::ShareRecord &r = sp.window[i];
    available += r.state == ShareRecordState::Available ? 1 : 0;
    const bool overLimit = r.deliveries > g.config.deliveryCountLimit;
    const bool unlocked = r.state == ShareRecordState::Acquired && (r.member < 0 || r.lockDeadline <= 0 || r.lockDeadline < w.now);
    if (!overLimit && !unlocked)
      continue;
    const std::string offset = " offset " + std::to_string(sp.spso + static_cast<std::int64_t>(i));
    if (overLimit)
      problems.push_back(where(w, g, local) + offset + " delivered " + std::to_string(r.deliveries) + " times, over the limit " +
                         std::to_string(g.config.deliveryCountLimit));
    if (unlocked)
      problems.push_back(where(w, g, local) + offset + " is acquired without a live lock (member " + std::to_string(r.member) + ", deadline " +
                         std::to_string(r.lockDeadline) + ")");
  }
  if (available != sp.available)
    problems.push_back(where(w, g, local) + ": " + std::to_string(available) + " records available, the leader counts " +
                       std::to_string(sp.available));
}

/// Every record a member holds under a live lock is acquired by it at the share-partition
/// leader: a record has one acquiring member, so no two members hold it at once.
/// Only partitions `checked` says changed in this step are looked at.
template <typename Checked> void checkHolders(const World &w, const kafka::ShareGroup &g, Checked checked, std::vector<std::string> &problems) {
  for (std::size_t m = 0; m < g.members.size(); ++m) {
    const kafka::ShareMember &member = g.members[m];
    if (!member.alive)
      continue;
    for (const kafka::HeldBatch &batch : member.queue) {
      if (!checked(batch.partition))
        continue;
      const kafka::SharePartition &sp = g.parts[static_cast<std::size_t>(batch.partition)];
      for (const kafka::HeldRecord &r : batch.records) {
        if (r.lockDeadline <= w.now || r.lockEpoch != sp.lockEpoch)
          continue; // its lock is gone: another member may have it now, this one's acknowledgement will be refused
        const std::int64_t i = r.offset - sp.spso;
        const kafka::ShareRecord *rec = i >= 0 && i < static_cast<std::int64_t>(sp.window.size()) ? &sp.window[static_cast<std::size_t>(i)] : nullptr;
        if (rec && rec->state == ShareRecordState::Acquired && rec->member == static_cast<int>(m) && rec->deliveries == r.delivery)
          continue;
        std::string what =
            where(w, g, batch.partition) + " offset " + std::to_string(r.offset) + " is held by member " + std::to_string(m) + " under a live lock";
        if (rec && rec->state == ShareRecordState::Acquired && rec->member != static_cast<int>(m))
          what += " and by member " + std::to_string(rec->member) + " at once";
        else
          what += " but the share-partition leader does not show it acquired by that member";
        problems.push_back(std::move(what));
      }
    }
  }
}

} // namespace

void ShareGroupChecks::afterStep(const World &w, std::span<const Event> events, std::vector<std::string> &problems) {
  // Share state changes with a share event (a leader change shows at the next one), on the
  // event's partition; with no events given, everything is checked.
  const bool everything = events.empty();
  std::vector<int> touched;
  bool any = everything;
  bool memberChanged = false;
  for (const Event &e : events)
    if (e.type >= EventType::ShareMemberChanged && e.type <= EventType::ShareProcessed) {
      any = true;
      if (e.type != EventType::ShareMemberChanged)
        touched.push_back(e.partition);
      else
        memberChanged = true;
    }
  if (!any)
    return;
  const auto &groups = w.kafka.shareGroups;
  m_spso.resize(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    m_spso[g].resize(groups[g].parts.size(), -1);
    // A member joining or leaving moves holdings of any partition; otherwise only the
    // partitions this step's share events name can have changed.
    const auto checked = [&](int local) {
      return everything || memberChanged || std::find(touched.begin(), touched.end(), w.kafka.partitionId(groups[g].topic, local)) != touched.end();
    };
    for (std::size_t p = 0; p < groups[g].parts.size(); ++p) {
      if (!checked(static_cast<int>(p)))
        continue;
      checkPartition(w, groups[g], static_cast<int>(p), problems);
      const std::int64_t spso = groups[g].parts[p].spso;
      if (spso < m_spso[g][p])
        problems.push_back(where(w, groups[g], static_cast<int>(p)) + ": the SPSO moved back from " + std::to_string(m_spso[g][p]) + " to " +
                           std::to_string(spso));
      m_spso[g][p] = spso;
    }
    checkHolders(w, groups[g], checked, problems);
  }
}

} // namespace streamscope::engine::check
