#pragma once
// The end-of-run summary of each share group (KIP-932): what its members acknowledged,
// released and rejected, what was archived or delivered again, and each share partition's
// start and end offsets with the records in flight between them.
// Contract: reads a World it is given (const); call it on the thread that owns that World, or on a copy.
#include "engine/world/world.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamscope::engine {

struct SharePartitionReport {
  int partition = 0;
  std::int64_t spso = -1; ///< share-partition start offset (-1: no member fetched yet)
  std::int64_t speo = -1; ///< share-partition end offset
  std::int64_t available = 0, acquired = 0, acknowledged = 0, archived = 0; ///< in flight, by state
};

struct ShareGroupReport {
  std::string group;
  std::string topic;
  int members = 0; ///< alive
  int idleMembers = 0; ///< alive and have processed no record yet
  std::int64_t delivered = 0;
  std::int64_t acknowledged = 0;
  std::int64_t released = 0;
  std::int64_t rejected = 0;
  std::int64_t archived = 0;
  std::int64_t redelivered = 0;
  std::int64_t lockExpired = 0;
  std::int64_t lateAcks = 0;
  std::int64_t outOfOrder = 0;
  std::int64_t processed = 0; ///< records members finished, late ones included
  std::vector<SharePartitionReport> partitions;
};

std::vector<ShareGroupReport> shareGroupReports(const World &w);

} // namespace streamscope::engine
