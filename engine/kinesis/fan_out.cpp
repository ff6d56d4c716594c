#include "engine/kinesis/fan_out.h"

namespace streamscope::engine::kinesis {

// The API reference's description of LimitExceededException (AWS publishes no other wording
// for this case).
const char *const kConsumerLimitError =
    "LimitExceededException: The requested resource exceeds the maximum number allowed, or the number of concurrent stream requests "
    "exceeds the maximum number allowed.";

namespace {

NodeId ownerNode(const Application &app, const Lease &l) { return l.owner >= 0 ? app.workers[static_cast<std::size_t>(l.owner)].node : -1; }

} // namespace

bool registerStreamConsumer(World &w, int a) {
  Application &app = w.kinesis.apps[static_cast<std::size_t>(a)];
  int registered = 0;
  for (int i = 0; i < a; ++i) {
    const Application &other = w.kinesis.apps[static_cast<std::size_t>(i)];
    registered += other.stream == app.stream && other.config.enhancedFanOut && other.registrationError.empty() ? 1 : 0;
  }
  if (registered < kMaxStreamConsumers)
    return true;
  app.registrationError = kConsumerLimitError;
  // The KCL scheduler cannot initialise without its consumer ARN: no worker ever starts.
  for (Worker &wk : app.workers) {
    wk.alive = false;
    wk.inApp = false;
  }
  w.record(EventType::ConsumerRegistrationRefused, -1, app.stream, a, kMaxStreamConsumers, 0);
  return false;
}

SubscribeResult subscribeToShard(World &w, int a, int lease) {
  Application &app = w.kinesis.apps[static_cast<std::size_t>(a)];
  Lease &l = app.leases[static_cast<std::size_t>(lease)];
  const bool tooSoon = l.lastSubscribeCall >= 0 && w.now - l.lastSubscribeCall < kSubscribeCallInterval;
  const bool inUse = l.lastSubscribeSuccess >= 0 && w.now - l.lastSubscribeSuccess < kSubscribeTakeoverWindow;
  l.lastSubscribeCall = w.now;
  if (tooSoon || inUse) {
    ++app.subscribeRefused;
    const SubscriptionChange why = tooSoon ? SubscriptionChange::RefusedRate : SubscriptionChange::RefusedInUse;
    w.record(EventType::SubscriptionChanged, ownerNode(app, l), l.shard, a, 0, static_cast<std::uint8_t>(why));
    return SubscribeResult::Refused;
  }
  l.lastSubscribeSuccess = w.now;
  l.subscribed = true;
  l.subscribedAt = w.now;
  ++app.subscribeCalls;
  return SubscribeResult::Subscribed;
}

bool subscriptionEnded(World &w, int a, int lease) {
  Application &app = w.kinesis.apps[static_cast<std::size_t>(a)];
  Lease &l = app.leases[static_cast<std::size_t>(lease)];
  if (!l.subscribed || w.now - l.subscribedAt < kSubscriptionLifetime)
    return false;
  l.subscribed = false;
  ++app.subscriptionsEnded;
  w.record(EventType::SubscriptionChanged, ownerNode(app, l), l.shard, a, 0, static_cast<std::uint8_t>(SubscriptionChange::Ended));
  return true;
}

} // namespace streamscope::engine::kinesis
