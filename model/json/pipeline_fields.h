#pragma once
// The scenario's "pipelines": consume-transform-produce applications. Each becomes a
// PipelineConfig plus the consumer (a Kafka group or a KCL application) and the producer it
// runs, both named after it, so that faults and views treat them like any client.
// Readers throw JsonFieldError like every loader field; call from the loading thread.
#include "engine/world/scenario.h"

#include <QJsonArray>
#include <QSet>
#include <QString>

namespace streamscope::model {

/// Reads every pipeline into `s` (after its producers and consumers); `taken` holds the
/// client names already used and gains each pipeline's.
void readPipelines(const QJsonArray &pipelines, engine::Scenario &s, QSet<QString> &taken);

} // namespace streamscope::model
