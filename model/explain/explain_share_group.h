#pragma once
// The inspector's text for share groups (KIP-932): a share group (record states, the lock,
// the delivery count, SPSO and SPEO per partition, its totals), one member (what it holds and
// has done), and the share state of a record cell of a topic a share group reads.
// Contract: pure reads of a World it is given (const); the GUI thread that owns its view.
#include "item_explainer.h"

namespace streamscope::model {

/// REQUIRES: item.kind is ShareGroup or ShareMember.
Explanation explainShareGroupItem(const engine::World &world, const WorldItem &item);
/// Adds, for each share group reading partition `p`, the state of the record at `offset`.
void addShareRecordFacts(Explanation &e, const engine::World &world, int p, engine::kafka::Offset offset);

} // namespace streamscope::model
