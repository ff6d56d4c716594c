#pragma once
// The canvas's far levels of detail, for clusters and streams too big for a strip per replica
// or a lane per shard: where broker tiles, pixel matrices and key-space bands sit. Part of
// CanvasGeometry (built with it; painters and hit-testing read it).
// Contract: plain values, built and read on the GUI thread for one frame.
#include <QRectF>

#include <cstdint>
#include <vector>

namespace streamscope::ui {

/// How much of a system the canvas draws, chosen from the room each thing gets at this zoom.
enum class Detail : std::uint8_t {
  Strips, ///< a strip per replica, a lane per shard (every small world)
  Replicas, ///< Kafka: a tile per broker holding a pixel per replica
  Summary, ///< a tile per broker with its load, a pixel per partition; Kinesis: the key space's heat
};

/// Cells in rows, left to right: a pixel per partition (a topic's matrix) or per replica (a
/// broker tile's).
struct PixelMatrix {
  QRectF rect; ///< the cells' area
  int columns = 1;
  double cell = 0; ///< pitch of a cell (the drawn square is a little smaller)
  int broker = -1; ///< the tile's broker; -1: a topic's matrix
  int topic = -1;
  std::vector<int> partitions; ///< one per cell, in order
  std::vector<int> brokers; ///< the replica each cell names (a topic's: the leader, else the first replica)
  QRectF cellRect(std::size_t i) const;
  /// The cell at `p`, or -1.
  int indexAt(QPointF p) const;
};

/// A broker drawn as a tile: filled by its recent bytes in, a bar for the partitions it leads,
/// badges for its partitions in trouble, a corner mark when it is the active controller.
struct BrokerTile {
  int broker = -1;
  QRectF rect;
  double heat = 0; ///< bytes in, as a share of the busiest broker's
  QRectF leaderBar; ///< full width: the broker leading the most
  double leaderShare = 0;
  QRectF offlineBadge, underReplicatedBadge; ///< empty when none
  bool controller = false;
  int matrix = -1; ///< index into CanvasGeometry::matrices (Replicas level), -1 none
};

/// A stream's hash key space folded into bands, each shard a span of its band: coloured by
/// its recent writes against the per-shard limit, marked where it was throttled.
struct KeySpaceGeometry {
  struct Span {
    int slot = -1;
    QRectF rect; ///< in one band
    double load = 0; ///< recent writes as a share of 1,000 records/s
    bool throttledWrites = false, throttledReads = false;
  };
  int stream = -1;
  std::vector<QRectF> bands;
  std::vector<Span> spans; ///< in key order
  std::vector<int> spanOfSlot; ///< by shard slot: its first span's index, -1 none
  /// The span at `p`, or nullptr.
  const Span *spanAt(QPointF p) const;
  const Span *spanOf(int slot) const;
};

/// Flights aggregated per pair of ends (the far levels): a line as thick as the traffic.
struct FlowLine {
  QPointF from, to;
  double weight = 0; ///< records carried (a request or an acknowledgement counts one)
  int colour = 0; ///< the TransferKind of the heaviest flight on it
};

} // namespace streamscope::ui
