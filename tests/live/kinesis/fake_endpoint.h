#pragma once
// A scripted HTTP endpoint on 127.0.0.1 for the failures kinesalite cannot show: it answers
// each request with the next scripted response (the last one repeats) and keeps every request.
// It runs on the test's thread: the client's blocking call spins that thread's event loop.
#include <QByteArray>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

struct FakeResponse {
  int status = 200;
  QByteArray body;
  bool silent = false; ///< never answer (a timeout)
};

struct FakeRequest {
  QList<std::pair<QByteArray, QByteArray>> headers; ///< as received, in order
  QByteArray body;
  QByteArray header(const QByteArray &name) const {
    for (const auto &[n, v] : headers)
      if (n.compare(name, Qt::CaseInsensitive) == 0)
        return v;
    return {};
  }
};

class FakeEndpoint {
public:
  explicit FakeEndpoint(QList<FakeResponse> script) : m_script(std::move(script)) {
    m_server.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
      while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *buffer = new QByteArray;
        QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
          delete buffer;
          socket->deleteLater();
        });
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] { serve(socket, *buffer); });
      }
    });
  }
  QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
  const QList<FakeRequest> &requests() const { return m_requests; }

private:
  void serve(QTcpSocket *socket, QByteArray &buffer) {
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
      return;
    FakeRequest request;
    qsizetype length = 0;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
      const QByteArray line = lines[i].trimmed();
      const qsizetype colon = line.indexOf(':');
      request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
      if (line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
        length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (buffer.size() < end + 4 + length)
      return;
    request.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    m_requests.append(request);
    const FakeResponse &response = m_script[std::min<qsizetype>(m_requests.size() - 1, m_script.size() - 1)];
    if (response.silent)
      return;
    socket->write("HTTP/1.1 " + QByteArray::number(response.status) + " X\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: " +
                  QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n" + response.body);
    socket->disconnectFromHost();
  }

  QTcpServer m_server;
  QList<FakeResponse> m_script;
  QList<FakeRequest> m_requests;
};
