#include "engine/check/kcl_lease_checks.h"

namespace streamscope::engine::check {
namespace {

using namespace kinesis;

/// The application and worker running on `node`, or {-1, -1}.
std::pair<int, int> workerAt(const KinesisState &k, NodeId node) {
  for (std::size_t a = 0; a < k.apps.size(); ++a)
    for (std::size_t i = 0; i < k.apps[a].workers.size(); ++i)
      if (k.apps[a].workers[i].node == node)
        return {static_cast<int>(a), static_cast<int>(i)};
  return {-1, -1};
}

int leaseOf(const Application &app, int shard) {
  for (std::size_t i = 0; i < app.leases.size(); ++i)
    if (app.leases[i].shard == shard)
      return static_cast<int>(i);
  return -1;
}

} // namespace

void KclLeaseChecks::afterStep(const World &w, std::span<const Event> events, std::vector<std::string> &problems) {
  const KinesisState &k = w.kinesis;
  for (const Event &e : events) {
    if (e.type != EventType::RecordsRead && !(e.type == EventType::LeaseTaken && e.sub == 2))
      continue;
    const auto [a, worker] = workerAt(k, e.node);
    if (a < 0)
      continue;
    const Application &app = k.apps[static_cast<std::size_t>(a)];
    const int lease = leaseOf(app, e.partition);
    if (lease < 0)
      continue;
    const Lease &l = app.leases[static_cast<std::size_t>(lease)];
    const std::string where = app.config.application + " " + k.shardName(e.partition);
    if (e.type == EventType::RecordsRead) {
      const bool finished = l.owner < 0 && l.checkpoint == CheckpointKind::ShardEnd;
      if (l.owner != worker && !finished)
        problems.push_back(where + ": worker " + std::to_string(worker) + " processed records while worker " + std::to_string(l.owner) +
                           " owns the lease");
      continue;
    }
    // A graceful handoff: the old owner's last processed record is the checkpoint now.
    if (static_cast<std::size_t>(a) < m_marks.size() && static_cast<std::size_t>(lease) < m_marks[static_cast<std::size_t>(a)].size()) {
      const Mark &before = m_marks[static_cast<std::size_t>(a)][static_cast<std::size_t>(lease)];
      if (before.processedAny && (l.checkpoint != CheckpointKind::Sequence || l.checkpointCounter != before.processedCounter))
        problems.push_back(where + ": a graceful handoff did not checkpoint at the old owner's last processed record");
    }
  }
  m_marks.resize(k.apps.size());
  for (std::size_t a = 0; a < k.apps.size(); ++a) {
    const Application &app = k.apps[a];
    m_marks[a].resize(app.leases.size());
    for (std::size_t i = 0; i < app.leases.size(); ++i)
      m_marks[a][i] = Mark{app.leases[i].processedAny, app.leases[i].processedCounter};
  }
}

} // namespace streamscope::engine::check
