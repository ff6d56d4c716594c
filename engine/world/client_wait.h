#pragma once
// What a client is waiting for at this moment, and until when: a produce or put request
// without an answer, a retry back-off, a partition without a leader, a fetch the broker has
// not answered, a dead member's partitions or a dead worker's lease. Read from the world by
// kafka/client_waits and kinesis/client_waits, so the UI can say why nothing moves.
// Contract: a plain copyable value; any thread may use its own copy.
#include "engine/core/sim_time.h"

#include <cstdint>

namespace streamscope::engine {

enum class WaitingClient : std::uint8_t {
  KafkaProducer, ///< index = producer
  KafkaConsumer, ///< index = group, member = member (-1: the group as a whole)
  KinesisProducer, ///< index = producer
  KinesisApplication, ///< index = application, member = worker (-1: the application)
};

enum class WaitReason : std::uint8_t {
  ProduceResponse, ///< a produce request sent to `broker` has no answer yet (request.timeout.ms)
  ProduceBackoff, ///< a failed batch waits out its retry back-off (retry.backoff.ms)
  ProduceNoLeader, ///< the partition has no leader; records wait until delivery.timeout.ms
  FetchResponse, ///< a fetch sent to `broker` is unanswered past fetch.max.wait.ms
  FetchNoLeader, ///< the partition has no leader; the member looks again every retry.backoff.ms
  SessionExpiry, ///< a dead member still holds partitions until session.timeout.ms
  PutResponse, ///< a PutRecords call has no answer yet (request timeout)
  PutBackoff, ///< throttled: the producer backs off before putting again
  LeaseExpiry, ///< a dead worker's lease: taken over after failoverTimeMillis
  GetRecordsResponse, ///< a GetRecords call whose answer was lost; called again after kinesisRequestTimeout
};

struct ClientWait {
  WaitingClient client = WaitingClient::KafkaProducer;
  int index = -1;
  int member = -1;
  WaitReason reason = WaitReason::ProduceResponse;
  int broker = -1; ///< the Kafka broker it waits for, -1 = none
  int partition = -1; ///< Kafka partition (index in KafkaState::partitions) or Kinesis shard slot
  int other = -1; ///< SessionExpiry: the dead member; LeaseExpiry: the dead worker
  SimTime since = 0; ///< the wait began
  SimTime expectedBy = 0; ///< a healthy system would have ended it by then (a long poll's wait)
  SimTime until = 0; ///< the client gives up, retries or looks again then
  const char *setting = ""; ///< the configuration setting that decides `until`
  SimTime settingValue = 0;
  SimTime finalDeadline = -1; ///< Kafka producer: delivery.timeout.ms ends all retries then
  std::int64_t records = 0; ///< records held by the wait (producers)
  bool answerLost = false; ///< the server answered but the answer was lost on the wire: only the timeout ends the wait
};

} // namespace streamscope::engine
