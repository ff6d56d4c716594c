#pragma once
// The scenario keys of Kafka transactions: the kafka section's __transaction_state size and
// transaction protocol version, a producer's transactional.id and how its application ends
// transactions, and a consumer group's isolation.level.
// Readers throw JsonFieldError like every loader field; call from the loading thread.
#include "engine/world/scenario.h"
#include "json_fields.h"

namespace streamscope::model {

/// transaction_state_partitions and transaction_version (k.version already read).
void readTransactionSettings(JsonFields &f, engine::KafkaConfig &k);
/// transactional_id, transaction_records or transaction_ms, abort_ratio, transaction_timeout_ms
/// (p's targets, acks and enable_idempotence already read).
void readTransactionalProducer(JsonFields &f, engine::ProducerConfig &p);
/// isolation_level: read_uncommitted (the default) or read_committed.
engine::IsolationLevel readIsolationLevel(JsonFields &f);

} // namespace streamscope::model
