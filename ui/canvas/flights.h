#pragma once
// Messages in flight, placed on the canvas: the view lists each with when it was sent and
// when it arrives, so its position is interpolated between the two anchors the geometry gives
// for its ends. Nothing is remembered between frames.
// Contract: GUI thread; the flights are valid for the frame whose view they came from.
#include "canvas_geometry.h"

#include <cstdint>
#include <vector>

namespace streamscope::ui {

struct Flight {
  QPointF from, to;
  double progress = 0; ///< 0 at the sender, 1 at the receiver
  model::TransferKind kind = model::TransferKind::ProduceRequest;
  std::uint64_t seq = 0; ///< the message's sequence number (names it for the inspector)
  int records = 0; ///< records it carries (0: a request or an ack)
  bool dropped = false; ///< a drop_message fault will lose it
  bool kinesis = false; ///< between Kinesis ends (else Kafka's)
  QPointF position() const { return from + (to - from) * progress; }
};

/// Every message in flight at view.now() whose two ends are on the canvas.
std::vector<Flight> collectFlights(const model::WorldView &view, const CanvasGeometry &geometry);

} // namespace streamscope::ui
