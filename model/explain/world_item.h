#pragma once
// A name for one thing in the simulated world that the user can point at: a broker, one
// replica's log, one record in it, a shard, a consumer, a message in flight. Views hit-test
// to a WorldItem, the inspector explains one, and fault injection targets one. A plain value;
// it stays meaningful across frames because it names things by index, offset or counter.
// Contract: a plain copyable value; any thread may use its own copy, it names things, it owns none.
#include <cstdint>

namespace streamscope::model {

struct WorldItem {
  enum class Kind : std::uint8_t {
    None,
    Broker, ///< a = broker id
    Replica, ///< a = partition, b = broker id
    LogCell, ///< a = partition, b = broker id, c = offset
    KafkaProducer, ///< a = producer
    Group, ///< a = group
    Member, ///< a = group, b = member
    Stream, ///< a = stream
    Shard, ///< a = shard slot
    ShardRecord, ///< a = shard slot, c = counter (the ordering part of its sequence number)
    Zone, ///< a = availability zone 0..2
    KinesisProducer, ///< a = producer
    Application, ///< a = application
    Worker, ///< a = application, b = worker
    Message, ///< c = the scheduler sequence number of the message's arrival
    Controller, ///< a = index among the KRaft controllers
    ShareGroup, ///< a = share group (KIP-932)
    ShareMember, ///< a = share group, b = member
  };
  Kind kind = Kind::None;
  int a = -1;
  int b = -1;
  std::int64_t c = -1;

  bool operator==(const WorldItem &) const = default;
  explicit operator bool() const { return kind != Kind::None; }
};

} // namespace streamscope::model
