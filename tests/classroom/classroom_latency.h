#pragma once
// A measuring hook for classroom sessions: N clients on loopback, and the time from the host's
// broadcast() to the moment the last client reports the command (its message signal).
#include <QList>

namespace streamscope::classroom::testing {

struct BroadcastLatency {
  int clients = 0;
  int rounds = 0;
  bool tls = false;
  /// Per round, broadcast to the last client's message signal, in milliseconds; sorted.
  QList<double> roundMs;
  double medianMs() const { return roundMs.isEmpty() ? 0 : roundMs.at(roundMs.size() / 2); }
  double p95Ms() const { return roundMs.isEmpty() ? 0 : roundMs.at(std::min<qsizetype>(roundMs.size() - 1, roundMs.size() * 95 / 100)); }
  double maxMs() const { return roundMs.isEmpty() ? 0 : roundMs.last(); }
  /// Every client got every command, in order.
  bool complete = false;
};

/// Starts a host on 127.0.0.1 (with TLS if asked), joins `clients` clients, then broadcasts
/// `rounds` commands one at a time, each after the previous reached every client.
BroadcastLatency measureBroadcastLatency(int clients, int rounds, bool tls = false);

} // namespace streamscope::classroom::testing
