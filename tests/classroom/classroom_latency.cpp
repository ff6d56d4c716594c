#include "classroom_latency.h"

#include "model/classroom/classroom_client.h"
#include "model/classroom/classroom_server.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace streamscope::classroom::testing {

BroadcastLatency measureBroadcastLatency(int clients, int rounds, bool tls) {
  BroadcastLatency result;
  result.clients = clients;
  result.rounds = rounds;
  result.tls = tls;
  QString error;
  const auto identity = tls ? createTlsIdentity(&error) : std::nullopt;
  if (tls && !identity)
    return result;
  ClassroomServer host;
  ClassroomServer::Options options;
  options.code = QStringLiteral("BENCH2");
  options.tls = identity;
  if (!host.listen(options))
    return result;
  host.setSession(SessionInfo{SessionInfo::Kind::Scenario, {}, QByteArrayLiteral(R"({"name":"bench"})"), std::nullopt});

  QElapsedTimer clock;
  clock.start();
  std::vector<std::unique_ptr<ClassroomClient>> students;
  std::vector<qint64> lastSeq(clients, 0);
  int reached = 0; // clients that reported the current round's command
  qint64 lastArrival = 0;
  bool inOrder = true;
  QEventLoop waiting; // not QTest::qWaitFor, whose pauses between polls would be measured too
  for (int i = 0; i < clients; ++i) {
    auto client = std::make_unique<ClassroomClient>();
    QObject::connect(client.get(), &ClassroomClient::message, client.get(), [&, i](const HostMessage &m) {
      if (const auto *c = std::get_if<Command>(&m)) {
        inOrder = inOrder && c->seq == lastSeq[i] + 1;
        lastSeq[i] = c->seq;
        if (++reached == clients) {
          lastArrival = clock.nsecsElapsed();
          waiting.quit();
        }
      }
    });
    ClassroomClient::Options join;
    join.host = QStringLiteral("127.0.0.1");
    join.port = host.port();
    join.code = options.code;
    join.name = QStringLiteral("bench %1").arg(i);
    join.fingerprint = identity ? identity->fingerprint() : QString();
    client->connectTo(join);
    students.push_back(std::move(client));
  }
  const auto allConnected = [&] { return std::all_of(students.begin(), students.end(), [](const auto &c) { return c->isConnected(); }); };
  if (!QTest::qWaitFor(allConnected, 30000))
    return result;

  for (int round = 1; round <= rounds; ++round) {
    reached = 0;
    const qint64 start = clock.nsecsElapsed();
    host.broadcast(
        commandPayload(QStringLiteral("seek"), round, round,
                       {{QStringLiteral("target"),
                         QJsonObject{{QStringLiteral("branch"), 0}, {QStringLiteral("at_us"), round}, {QStringLiteral("processed"), round}}}}));
    QTimer::singleShot(10000, &waiting, &QEventLoop::quit);
    if (reached < clients)
      waiting.exec();
    if (reached < clients)
      return result;
    result.roundMs.append(double(lastArrival - start) / 1e6);
  }
  std::sort(result.roundMs.begin(), result.roundMs.end());
  result.complete = inOrder && std::all_of(lastSeq.begin(), lastSeq.end(), [&](qint64 s) { return s == rounds; });
  return result;
}

} // namespace streamscope::classroom::testing
