#include "control_plane_readouts.h"

#include <QObject>

#include <algorithm>

namespace streamscope::model::control_plane_readouts {
namespace {

using namespace engine;
using kafka::ControllerRole;

const QStringList kQuorumFields = {QStringLiteral("has_leader"),     QStringLiteral("leader"),   QStringLiteral("epoch"),
                                   QStringLiteral("voters_running"), QStringLiteral("majority"), QStringLiteral("committed")};
const QStringList kControllerFields = {QStringLiteral("active"), QStringLiteral("running"), QStringLiteral("epoch"), QStringLiteral("log_end_offset"),
                                       QStringLiteral("committed_offset")};

bool leads(const kafka::Controller &c) { return c.running && c.role == ControllerRole::Leader; }

/// The controller that acts now: the KRaft leader, or in ZooKeeper mode the broker holding the
/// /controller znode once its metadata is loaded. Its id, or -1.
int activeController(const World &w) {
  const kafka::MetadataState &m = w.kafka.metadata;
  if (m.zookeeper)
    return m.active >= 0 && w.now >= m.activeSince ? m.active : -1;
  for (const kafka::Controller &c : m.controllers)
    if (leads(c))
      return c.id;
  return -1;
}

std::optional<double> quorumValue(const QString &f, const World &w, QString *why) {
  const kafka::MetadataState &m = w.kafka.metadata;
  const int active = activeController(w);
  if (f == QLatin1String("has_leader"))
    return active >= 0 ? 1 : 0;
  if (f == QLatin1String("leader")) {
    if (active < 0)
      *why = QObject::tr("no controller is active");
    return active >= 0 ? std::optional<double>(active) : std::nullopt;
  }
  if (f == QLatin1String("committed"))
    return static_cast<double>(m.committed());
  if (m.zookeeper) {
    if (f == QLatin1String("epoch"))
      return m.zkEpoch;
    return f == QLatin1String("voters_running") ? (active >= 0 ? 1 : 0) : 1; // one controller; no majority to reach
  }
  if (f == QLatin1String("epoch")) {
    std::int32_t epoch = 0;
    for (const kafka::Controller &c : m.controllers)
      if (c.running)
        epoch = std::max(epoch, c.epoch);
    return epoch;
  }
  if (f == QLatin1String("voters_running"))
    return static_cast<double>(std::count_if(m.controllers.begin(), m.controllers.end(), [](const kafka::Controller &c) { return c.running; }));
  return static_cast<double>(m.controllers.size() / 2 + 1); // majority
}

} // namespace

bool answers(const QStringList &s) {
  const QString head = s.value(0);
  return head == QLatin1String("quorum") || head == QLatin1String("controller") ||
      (head == QLatin1String("broker") && s.value(2) == QLatin1String("metadata_applied"));
}

QStringList fieldsOf(const QString &head) {
  if (head == QLatin1String("quorum"))
    return kQuorumFields;
  if (head == QLatin1String("controller"))
    return kControllerFields;
  if (head == QLatin1String("broker"))
    return {QStringLiteral("metadata_applied")};
  return {};
}

std::optional<QString> check(const QStringList &s) {
  const QString head = s[0];
  const int fieldAt = head == QLatin1String("quorum") ? 1 : 2;
  if (s.size() != fieldAt + 1)
    return QObject::tr("\"%1\" needs %2 words").arg(s.join(QLatin1Char(' '))).arg(fieldAt + 1);
  const QStringList fields = fieldsOf(head);
  if (!fields.contains(s[fieldAt]))
    return QObject::tr("unknown %1 field \"%2\" (known: %3)").arg(head, s[fieldAt], fields.join(QStringLiteral(", ")));
  bool ok = false;
  if (fieldAt == 2 && (s[1].toInt(&ok), !ok))
    return QObject::tr("\"%1\" is not a %2 id").arg(s[1], head);
  return std::nullopt;
}

std::optional<double> value(const QStringList &s, const World &w, QString *why) {
  const QString head = s[0];
  if (head == QLatin1String("quorum"))
    return quorumValue(s[1], w, why);
  const int id = s[1].toInt();
  const kafka::MetadataState &m = w.kafka.metadata;
  if (head == QLatin1String("broker")) {
    if (id < 0 || static_cast<std::size_t>(id) >= m.brokers.size()) {
      *why = QObject::tr("no broker \"%1\"").arg(s[1]);
      return std::nullopt;
    }
    return static_cast<double>(m.brokers[static_cast<std::size_t>(id)].applied);
  }
  const auto c = std::find_if(m.controllers.begin(), m.controllers.end(), [&](const kafka::Controller &x) { return x.id == id; });
  if (c == m.controllers.end()) {
    *why = m.zookeeper ? QObject::tr("ZooKeeper mode has no KRaft controller \"%1\"").arg(s[1]) : QObject::tr("no controller \"%1\"").arg(s[1]);
    return std::nullopt;
  }
  const QString f = s[2];
  if (f == QLatin1String("active"))
    return leads(*c) ? 1 : 0;
  if (f == QLatin1String("running"))
    return c->running ? 1 : 0;
  if (f == QLatin1String("epoch"))
    return c->epoch;
  if (f == QLatin1String("log_end_offset"))
    return static_cast<double>(c->logEnd(m.base));
  return static_cast<double>(c->committed);
}

QString inWords(const QStringList &s, double v) {
  const QString head = s[0];
  const QString f = s.value(head == QLatin1String("quorum") ? 1 : 2);
  const QString n = QString::number(static_cast<qlonglong>(v));
  if (head == QLatin1String("broker"))
    return QObject::tr("broker %1 has applied the metadata log up to offset %2").arg(s[1], n);
  if (head == QLatin1String("controller")) {
    if (f == QLatin1String("active"))
      return v != 0 ? QObject::tr("controller %1 is the active controller").arg(s[1])
                    : QObject::tr("controller %1 is not the active controller").arg(s[1]);
    if (f == QLatin1String("running"))
      return v != 0 ? QObject::tr("controller %1 is running").arg(s[1]) : QObject::tr("controller %1 is down").arg(s[1]);
    if (f == QLatin1String("epoch"))
      return QObject::tr("controller %1 is in epoch %2").arg(s[1], n);
    if (f == QLatin1String("log_end_offset"))
      return QObject::tr("controller %1's metadata log ends at offset %2").arg(s[1], n);
    return QObject::tr("controller %1 knows the metadata log committed up to offset %2").arg(s[1], n);
  }
  if (f == QLatin1String("has_leader"))
    return v != 0 ? QObject::tr("a controller is active") : QObject::tr("no controller is active");
  if (f == QLatin1String("leader"))
    return QObject::tr("controller %1 is active").arg(n);
  if (f == QLatin1String("epoch"))
    return QObject::tr("the controllers are in epoch %1").arg(n);
  if (f == QLatin1String("voters_running"))
    return QObject::tr("%1 controllers are running").arg(n);
  if (f == QLatin1String("majority"))
    return QObject::tr("a majority is %1 controllers").arg(n);
  return QObject::tr("the metadata log is committed up to offset %1").arg(n);
}

} // namespace streamscope::model::control_plane_readouts
