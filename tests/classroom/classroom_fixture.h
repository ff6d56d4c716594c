#pragma once
// What the classroom socket tests share: a host on 127.0.0.1 with an ephemeral port, clients
// that record what they receive, and a raw WebSocket for frames a real client never sends.
#include "model/classroom/classroom_client.h"
#include "model/classroom/classroom_server.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>

namespace streamscope::classroom::testing {

inline const QString kCode = QStringLiteral("K7Q2XM");

inline SessionInfo scenarioSession() { return SessionInfo{SessionInfo::Kind::Scenario, {}, QByteArrayLiteral(R"({"name":"demo","seed":7})"), 7}; }

inline ClassroomServer::Options hostOptions() {
  ClassroomServer::Options options;
  options.address = QHostAddress::LocalHost;
  options.code = kCode;
  return options;
}

/// A client and everything it was told.
struct Student {
  std::unique_ptr<ClassroomClient> client = std::make_unique<ClassroomClient>();
  QList<Welcome> welcomes;
  QList<qint64> seqs; // of the commands reported, in order
  QList<HostMessage> others; // removed, end
  QStringList refusals;
  int lost = 0;
  int reconnects = 0;

  Student() {
    QObject::connect(client.get(), &ClassroomClient::welcomed, client.get(), [this](const Welcome &w) {
      welcomes.append(w);
      for (const Command &c : w.log)
        seqs.append(c.seq);
    });
    QObject::connect(client.get(), &ClassroomClient::message, client.get(), [this](const HostMessage &m) {
      if (const auto *c = std::get_if<Command>(&m))
        seqs.append(c->seq);
      else
        others.append(m);
    });
    QObject::connect(client.get(), &ClassroomClient::refused, client.get(), [this](const QString &r) { refusals.append(r); });
    QObject::connect(client.get(), &ClassroomClient::connectionLost, client.get(), [this] { ++lost; });
    QObject::connect(client.get(), &ClassroomClient::reconnected, client.get(), [this] { ++reconnects; });
  }

  void join(quint16 port, const QString &name, const QString &code = kCode, const QString &fingerprint = {}) {
    ClassroomClient::Options options;
    options.host = QStringLiteral("127.0.0.1");
    options.port = port;
    options.code = code;
    options.name = name;
    options.fingerprint = fingerprint;
    client->connectTo(options);
  }
};

/// A WebSocket speaking raw frames to the host.
struct RawSocket {
  QWebSocket socket;
  QStringList received;
  bool closed = false;

  explicit RawSocket(quint16 port) {
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &text) { received.append(text); });
    QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] { closed = true; });
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
  }
  bool waitConnected() {
    return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
  }
  void send(const QByteArray &frame) { socket.sendTextMessage(QString::fromUtf8(frame)); }
  void hello(int version = kProtocolVersion, const QString &code = kCode, const QString &resume = {}) {
    send(encode(StudentMessage(Hello{version, code, QStringLiteral("raw"), resume, 0})));
  }
  /// The last frame received, decoded.
  std::optional<HostMessage> last() const {
    QString error;
    return received.isEmpty() ? std::nullopt : decodeHostMessage(received.last().toUtf8(), &error);
  }
};

inline QJsonObject play(qint64 atUs = 0) { return commandPayload(QStringLiteral("play"), atUs, atUs / 10); }

} // namespace streamscope::classroom::testing
