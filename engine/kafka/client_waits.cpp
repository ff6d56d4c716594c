#include "engine/kafka/client_waits.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

constexpr SimTime kMetadataBackoff = 100 * kMillisecond; // the consumer's retry.backoff.ms

// Every deadline is kept where it applies (a batch, a member, a fetch session), so reading the
// waits costs no pass over the action queue.

void producerWaits(const World &w, std::vector<ClientWait> &out) {
  const KafkaState &k = w.kafka;
  for (std::size_t i = 0; i < k.producers.size(); ++i) {
    const Producer &pr = k.producers[i];
    const auto wait = [&](WaitReason reason, const Batch &b) {
      ClientWait cw;
      cw.client = WaitingClient::KafkaProducer;
      cw.index = static_cast<int>(i);
      cw.reason = reason;
      cw.partition = b.partition;
      cw.finalDeadline = b.createdAt + pr.config.deliveryTimeout;
      cw.records = static_cast<std::int64_t>(b.records.size());
      return cw;
    };
    for (std::size_t local = 0; local < pr.parts.size(); ++local) {
      const ProducerPartition &pp = pr.parts[local];
      for (std::int32_t id : pp.unresolved) {
        const Batch &b = k.batches[id];
        if (!b.inFlight || b.requestDeadline <= w.now)
          continue; // answered, or its request timed out while the producer was down
        ClientWait cw = wait(WaitReason::ProduceResponse, b);
        cw.broker = b.sentTo;
        cw.since = b.sentAt;
        // A resent batch has been stuck since its records were made: no grace period again.
        cw.expectedBy = b.retriesUsed > 0 ? b.createdAt : b.sentAt;
        cw.until = b.requestDeadline;
        cw.setting = "request.timeout.ms";
        cw.settingValue = pr.config.requestTimeout;
        out.push_back(cw);
      }
      if (pp.queue.empty())
        continue;
      // The head of the queue decides, as in the producer's send loop.
      const Batch &head = k.batches[pp.queue.front()];
      const Partition &part = k.partitions[static_cast<std::size_t>(head.partition)];
      if (head.attempt > 0 && head.retryAt > w.now) {
        ClientWait cw = wait(WaitReason::ProduceBackoff, head);
        cw.since = head.failedAt;
        cw.expectedBy = head.createdAt; // a back-off right after a quick error stays unmarked
        cw.until = head.retryAt;
        cw.setting = "retry.backoff.ms";
        cw.settingValue = pr.config.retryBackoff;
        out.push_back(cw);
      } else if (part.leader < 0) {
        ClientWait cw = wait(WaitReason::ProduceNoLeader, head);
        cw.since = cw.expectedBy = head.attempt > 0 ? head.failedAt : head.createdAt;
        cw.until = cw.finalDeadline;
        cw.setting = "delivery.timeout.ms";
        cw.settingValue = pr.config.deliveryTimeout;
        out.push_back(cw);
      }
    }
  }
}

void consumerWaits(const World &w, std::vector<ClientWait> &out) {
  const KafkaState &k = w.kafka;
  for (std::size_t g = 0; g < k.groups.size(); ++g) {
    const ConsumerGroup &group = k.groups[g];
    for (std::size_t local = 0; local < group.parts.size(); ++local) {
      const GroupPartition &gp = group.parts[local];
      if (gp.owner < 0 || !gp.fetching || !group.members[static_cast<std::size_t>(gp.owner)].alive)
        continue;
      const int p = k.partitionId(group.topic, static_cast<int>(local));
      const Member &owner = group.members[static_cast<std::size_t>(gp.owner)];
      ClientWait cw;
      cw.client = WaitingClient::KafkaConsumer;
      cw.index = static_cast<int>(g);
      cw.member = gp.owner;
      cw.partition = p;
      if (gp.leaderlessSince >= 0) {
        if (gp.retryAt < 0)
          continue;
        cw.reason = WaitReason::FetchNoLeader;
        cw.since = cw.expectedBy = gp.leaderlessSince;
        cw.until = gp.retryAt;
        cw.setting = "retry.backoff.ms";
        cw.settingValue = kMetadataBackoff;
      } else if (gp.retryAt >= 0) {
        continue; // answered with an error: the short back-off before the next fetch
      } else {
        // A request on the wire or held by the broker, if the member's session with the
        // partition's leader carries it (else it waits for that session's next request).
        const std::size_t b = static_cast<std::size_t>(gp.fetchBroker);
        if (gp.fetchBroker < 0 || b >= owner.sessions.size() || owner.sessions[b] < 0)
          continue;
        const ConsumerSession &s = k.consumerSessions[static_cast<std::size_t>(owner.sessions[b])];
        if (!s.inFlight || s.memberIncarnation != owner.incarnation ||
            std::find(s.carried.begin(), s.carried.end(), static_cast<std::int32_t>(local)) == s.carried.end())
          continue;
        cw.reason = WaitReason::FetchResponse;
        cw.broker = s.broker;
        cw.since = s.sentAt;
        cw.expectedBy = s.sentAt + group.config.fetchMaxWait; // a long poll answers by then
        cw.until = s.deadline;
        cw.setting = "request.timeout.ms";
        cw.settingValue = group.config.requestTimeout;
        cw.answerLost = s.answerLost;
      }
      out.push_back(cw);
    }
    for (std::size_t m = 0; m < group.members.size(); ++m) {
      const Member &member = group.members[m];
      if (member.alive || !member.inGroup || member.sessionExpiresAt <= w.now)
        continue;
      ClientWait cw;
      cw.client = WaitingClient::KafkaConsumer;
      cw.index = static_cast<int>(g);
      cw.reason = WaitReason::SessionExpiry;
      cw.other = static_cast<int>(m);
      cw.until = member.sessionExpiresAt;
      cw.since = cw.expectedBy = member.sessionExpiresAt - group.config.sessionTimeout;
      cw.setting = group.config.protocol == GroupProtocol::Consumer ? "group.consumer.session.timeout.ms" : "session.timeout.ms";
      cw.settingValue = group.config.sessionTimeout;
      for (std::size_t local = 0; local < group.parts.size() && cw.partition < 0; ++local)
        if (group.parts[local].owner == static_cast<int>(m))
          cw.partition = k.partitionId(group.topic, static_cast<int>(local));
      out.push_back(cw);
    }
  }
}

} // namespace

void collectKafkaWaits(const World &w, std::vector<ClientWait> &out) {
  if (w.kafka.producers.empty() && w.kafka.groups.empty())
    return;
  producerWaits(w, out);
  consumerWaits(w, out);
}

} // namespace streamscope::engine::kafka
