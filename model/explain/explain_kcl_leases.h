#pragma once
// Inspector words for how a KCL application's leases find owners: KCL 3's elected leader
// assigning by load with graceful handoffs, or KCL 2's workers taking and stealing leases.
// Used by explain_kinesis.cpp's application and worker explanations.
// Contract: reads a World; GUI or worker thread, whichever owns that World.
#include "item_explainer.h"

namespace streamscope::model {

/// Facts on application `a`'s lease assignment: version, leader, lease moves, redeliveries.
QList<QPair<QString, QString>> leaseAssignmentFacts(const engine::World &w, int a);
/// Why leases move the way they do in this application.
QString leaseAssignmentWhy(const engine::World &w, int a);
/// Facts on worker `wi`: leader or not, its load and modelled CPU (KCL 3).
QList<QPair<QString, QString>> workerLoadFacts(const engine::World &w, int a, int wi);
/// Why a dead or running worker's leases go where they go.
QString workerLeaseWhy(const engine::World &w, int a, int wi);

} // namespace streamscope::model
