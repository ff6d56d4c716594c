#pragma once
// Share groups (KIP-932) as the UI sees them in one frame: each member with what it holds and
// has processed, and per partition the share-partition start and end offsets with the state
// and acquiring member of every record in flight between them. GUI thread (built by KafkaView).
#include "engine_types.h"

#include <string>
#include <vector>

namespace streamscope::engine {
struct World;
}

namespace streamscope::model {

enum class ShareState : std::uint8_t { Available, Acquired, Acknowledged, Archived };

struct ShareRecordView {
  ShareState state = ShareState::Available;
  int member = -1; ///< the acquiring member while Acquired
  int deliveries = 0;
  SimTime lockDeadline = 0; ///< while Acquired
  bool gap = false; ///< no record at this offset (compaction)
};

struct SharePartitionView {
  Offset spso = -1; ///< -1: no member has fetched it yet
  Offset speo = -1;
  std::vector<ShareRecordView> inFlight; ///< offsets spso .. speo - 1
  /// The record at `offset`, or nullptr outside the window.
  const ShareRecordView *at(Offset offset) const {
    return offset >= spso && offset < speo ? &inFlight[static_cast<std::size_t>(offset - spso)] : nullptr;
  }
};

struct ShareMemberView {
  std::string id;
  NodeId node = -1;
  bool alive = true;
  int held = 0; ///< records acquired by it right now, over every partition
  std::int64_t processed = 0;
};

struct ShareGroupView {
  std::string name;
  int topic = 0;
  int deliveryCountLimit = 5;
  SimTime recordLock = 0;
  std::vector<ShareMemberView> members;
  std::vector<SharePartitionView> parts; ///< by partition number within the topic
  std::int64_t acknowledged = 0, released = 0, rejected = 0, archived = 0, redelivered = 0, lockExpired = 0, outOfOrder = 0;
};

/// Fills `groups` from the world's share groups, reusing their storage.
void buildShareGroupViews(const engine::World &world, std::vector<ShareGroupView> &groups);

} // namespace streamscope::model
