#include "wait_view.h"

#include "engine/kafka/client_waits.h"
#include "engine/kinesis/client_waits.h"
#include "engine/world/world.h"

#include <algorithm>

namespace streamscope::model {
namespace {

using Kind = WorldItem::Kind;
using engine::ClientWait;
using engine::WaitingClient;

WorldItem itemOf(const ClientWait &c) {
  switch (c.client) {
  case WaitingClient::KafkaProducer: return {Kind::KafkaProducer, c.index};
  case WaitingClient::KafkaConsumer: return c.member >= 0 ? WorldItem{Kind::Member, c.index, c.member} : WorldItem{Kind::Group, c.index};
  case WaitingClient::KinesisProducer: return {Kind::KinesisProducer, c.index};
  case WaitingClient::KinesisApplication: return c.member >= 0 ? WorldItem{Kind::Worker, c.index, c.member} : WorldItem{Kind::Application, c.index};
  }
  return {};
}

std::string clientName(const engine::World &w, const ClientWait &c) {
  const auto at = [](const auto &v, int i) -> const auto & { return v[static_cast<std::size_t>(i)]; };
  switch (c.client) {
  case WaitingClient::KafkaProducer: return "producer " + at(w.kafka.producers, c.index).config.name;
  case WaitingClient::KafkaConsumer: {
    const auto &g = at(w.kafka.groups, c.index);
    return c.member >= 0 ? "consumer " + at(g.members, c.member).id : "group " + g.config.group;
  }
  case WaitingClient::KinesisProducer: return "producer " + at(w.kinesis.producers, c.index).config.name;
  case WaitingClient::KinesisApplication: {
    const auto &app = at(w.kinesis.apps, c.index);
    return c.member >= 0 ? "worker w" + std::to_string(c.member) + " of " + app.config.application : "application " + app.config.application;
  }
  }
  return {};
}

std::string subjectOf(const engine::World &w, const ClientWait &c) {
  if (c.partition < 0)
    return {};
  if (c.client == WaitingClient::KinesisApplication)
    return w.kinesis.shardName(c.partition);
  if (c.client == WaitingClient::KinesisProducer)
    return {};
  return w.kafka.partitionName(c.partition);
}

/// What it waits for, short (`target`) and in full (`what`).
void describe(const engine::World &w, const ClientWait &c, WaitView &v) {
  const std::string broker = "broker " + std::to_string(c.broker);
  const std::string &p = v.subject;
  switch (c.reason) {
  case WaitReason::ProduceResponse:
    v.target = broker;
    v.what = "produce response from " + broker + " for " + p;
    break;
  case WaitReason::ProduceBackoff:
    v.target = "its retry back-off";
    v.what = "the end of its retry back-off before resending to " + p;
    break;
  case WaitReason::ProduceNoLeader:
    v.target = "a leader for " + p;
    v.what = "a leader for " + p + ": no broker leads it, so there is nowhere to send";
    break;
  case WaitReason::FetchResponse:
    v.target = broker;
    v.what = "fetch response from " + broker + " for " + p + (c.answerLost ? " (lost on the wire)" : "");
    break;
  case WaitReason::FetchNoLeader:
    v.target = "a leader for " + p;
    v.what = "a leader for " + p + " to fetch from";
    break;
  case WaitReason::SessionExpiry:
    v.other = w.kafka.groups[static_cast<std::size_t>(c.index)].members[static_cast<std::size_t>(c.other)].id;
    v.target = "the session of " + v.other;
    v.what = "the coordinator to declare dead member " + v.other + " gone and hand its partitions" + (p.empty() ? "" : " (" + p + ", ...)") +
        " to live members";
    break;
  case WaitReason::PutResponse: {
    const auto &pr = w.kinesis.producers[static_cast<std::size_t>(c.index)];
    v.target = "the Kinesis endpoint";
    v.what = "PutRecords response from the Kinesis endpoint of stream " + w.kinesis.streams[static_cast<std::size_t>(pr.stream)].config.name;
    break;
  }
  case WaitReason::PutBackoff:
    v.target = "its back-off";
    v.what = "the end of its back-off after ProvisionedThroughputExceeded before putting again";
    break;
  case WaitReason::GetRecordsResponse:
    v.target = "the Kinesis endpoint";
    v.what = "GetRecords response from the Kinesis endpoint for " + p + " (lost on the wire)";
    break;
  case WaitReason::LeaseExpiry:
    v.other = "w" + std::to_string(c.other);
    v.target = "the lease of " + p;
    v.what = "the lease of " + p + ", held by dead worker " + v.other + ", to expire so a live worker can take it";
    break;
  }
}

} // namespace

void collectWaitViews(const engine::World &world, std::vector<WaitView> &out) {
  out.clear();
  std::vector<ClientWait> waits;
  engine::kafka::collectKafkaWaits(world, waits);
  engine::kinesis::collectKinesisWaits(world, waits);
  for (const ClientWait &c : waits) {
    if (world.now - c.expectedBy < kNoticeableWait)
      continue;
    const WorldItem item = itemOf(c);
    const auto same = std::find_if(out.begin(), out.end(), [&](const WaitView &v) { return v.client == item; });
    if (same != out.end()) {
      ++same->more;
      if (same->stuckSince() <= std::min(c.since, c.expectedBy))
        continue;
    }
    WaitView v;
    v.client = item;
    v.clientName = clientName(world, c);
    v.reason = c.reason;
    v.subject = subjectOf(world, c);
    describe(world, c, v);
    v.broker = c.broker;
    v.since = c.since;
    v.expectedBy = c.expectedBy;
    v.until = c.until;
    v.setting = c.setting;
    v.settingValue = c.settingValue;
    v.finalDeadline = c.finalDeadline;
    v.records = c.records;
    v.answerLost = c.answerLost;
    if (same != out.end()) {
      v.more = same->more;
      *same = std::move(v);
    } else {
      out.push_back(std::move(v));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const WaitView &a, const WaitView &b) { return a.stuckSince() < b.stuckSince(); });
}

} // namespace streamscope::model
