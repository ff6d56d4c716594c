#pragma once
// Enhanced fan-out as Kinesis runs it: RegisterStreamConsumer admits at most 20 consumers per
// stream; each SubscribeToShard subscription pushes events for at most 5 minutes and is then
// renewed by a new call; one call per second per consumer and shard (LimitExceededException),
// and a call within 5 s of a successful one is refused with ResourceInUseException.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kinesis {

inline constexpr int kMaxStreamConsumers = 20; ///< registered consumers per stream (provisioned, on-demand standard)
inline constexpr SimTime kSubscriptionLifetime = 300 * kSecond;
inline constexpr SimTime kSubscribeCallInterval = 1 * kSecond;
inline constexpr SimTime kSubscribeTakeoverWindow = 5 * kSecond;

/// The text Kinesis answers a 21st RegisterStreamConsumer with.
extern const char *const kConsumerLimitError;

/// RegisterStreamConsumer for enhanced fan-out application `app`, in scenario order. False when
/// the stream already has kMaxStreamConsumers: the refusal is kept in registrationError.
bool registerStreamConsumer(World &w, int app);

enum class SubscribeResult { Subscribed, Refused };
/// A SubscribeToShard call by lease `lease`'s owner, now.
SubscribeResult subscribeToShard(World &w, int app, int lease);

/// True (and the subscription is closed) when it has run its 5 minutes.
bool subscriptionEnded(World &w, int app, int lease);

} // namespace streamscope::engine::kinesis
