#include "cluster_table_models.h"

#include "engine/kafka/consumer_client.h"

#include <QStringList>

namespace streamscope::model {
namespace {

using engine::kafka::BrokerState;

QString joinInts(const std::vector<int> &values) {
  QStringList parts;
  for (int v : values)
    parts << QString::number(v);
  return parts.join(QLatin1Char(','));
}

QString stateName(BrokerState s) {
  switch (s) {
  case BrokerState::Running: return QObject::tr("running");
  case BrokerState::Crashed: return QObject::tr("crashed (page cache kept)");
  case BrokerState::PoweredOff: return QObject::tr("powered off");
  }
  return {};
}

} // namespace

ClusterTableModel::ClusterTableModel(const SimulationController &controller, QObject *parent)
    : QAbstractTableModel(parent), m_controller(controller) {
  connect(&controller, &SimulationController::frameReady, this, &ClusterTableModel::refresh);
  connect(&controller, &SimulationController::scenarioLoaded, this, [this] {
    beginResetModel();
    m_rows = m_controller.hasSimulation() ? rows() : 0;
    endResetModel();
  });
}

int ClusterTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows; }
int ClusterTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(headers().size()); }

QVariant ClusterTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < headers().size())
    return headers().at(section);
  return {};
}

QVariant ClusterTableModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || !m_controller.hasSimulation() || index.row() >= m_rows)
    return {};
  if (role == Qt::DisplayRole)
    return cell(index.row(), index.column());
  if (role == Qt::ToolTipRole) {
    const QString t = tip(index.row(), index.column());
    return t.isEmpty() ? QVariant() : QVariant(t);
  }
  return {};
}

void ClusterTableModel::refresh() {
  if (m_rows > 0) // values only: one ranged dataChanged per frame
    emit dataChanged(index(0, 0), index(m_rows - 1, columnCount() - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

// Brokers -----------------------------------------------------------------------------------

int BrokerTableModel::rows() const { return static_cast<int>(m_controller.world().kafka.brokers.size()); }

QStringList BrokerTableModel::headers() const { return {tr("Broker"), tr("State"), tr("Network"), tr("Leader of"), tr("Unflushed records")}; }

QVariant BrokerTableModel::cell(int row, int column) const {
  const auto &k = m_controller.world().kafka;
  const auto &b = k.brokers[static_cast<std::size_t>(row)];
  switch (column) {
  case 0: return tr("broker %1").arg(b.id);
  case 1: return stateName(b.state) + (b.fenced ? tr(", fenced") : QString());
  case 2: return m_controller.world().net.isIsolated(b.node) ? tr("isolated") : tr("connected");
  case 3: {
    int led = 0;
    for (const auto &p : k.partitions)
      led += p.leader == b.id ? 1 : 0;
    return led;
  }
  case 4: {
    qint64 dirty = 0;
    for (const auto &p : k.partitions)
      if (p.slotOf(b.id) >= 0)
        dirty += p.logOf(b.id).leo() - p.logOf(b.id).flushed();
    return dirty;
  }
  }
  return {};
}

QString BrokerTableModel::tip(int, int column) const {
  switch (column) {
  case 1:
    return tr("A crashed broker process loses nothing: the OS keeps its page cache. A power loss "
              "drops every record that was not yet flushed to disk.");
  case 4:
    return tr("Records in the OS page cache, not yet on disk. Kafka does not fsync by default: the "
              "kernel writes dirty pages back after about 30 seconds.");
  }
  return {};
}

// Partitions --------------------------------------------------------------------------------

int PartitionTableModel::rows() const { return static_cast<int>(m_controller.world().kafka.partitions.size()); }

QStringList PartitionTableModel::headers() const {
  return {tr("Partition"),      tr("Leader"),          tr("Epoch"),           tr("Replicas"), tr("ISR"),
          tr("High watermark"), tr("Log end offsets"), tr("Flushed offsets"), tr("Log start")};
}

QVariant PartitionTableModel::cell(int row, int column) const {
  const auto &k = m_controller.world().kafka;
  const auto &p = k.partitions[static_cast<std::size_t>(row)];
  if (p.replicas.empty()) // its topic was deleted
    return column == 0 ? QVariant(QString::fromStdString(k.partitionName(row))) : column == 1 ? QVariant(tr("deleted")) : QVariant();
  const auto &serving = p.leader >= 0 ? p.logOf(p.leader) : p.logs.front();
  auto perReplica = [&](auto value) {
    QStringList parts;
    for (std::size_t s = 0; s < p.replicas.size(); ++s)
      parts << QStringLiteral("b%1: %2").arg(p.replicas[s]).arg(value(p.logs[s]));
    return parts.join(QLatin1String("  "));
  };
  switch (column) {
  case 0: return QString::fromStdString(k.partitionName(row));
  case 1: return p.leader >= 0 ? QVariant(tr("broker %1").arg(p.leader)) : QVariant(tr("offline"));
  case 2: return p.leaderEpoch;
  case 3: return joinInts(p.replicas);
  case 4: return joinInts(p.isr);
  case 5: return static_cast<qlonglong>(serving.highWatermark());
  case 6: return perReplica([](const auto &log) { return log.leo(); });
  case 7: return perReplica([](const auto &log) { return log.flushed(); });
  case 8: return static_cast<qlonglong>(serving.logStart());
  }
  return {};
}

QString PartitionTableModel::tip(int, int column) const {
  switch (column) {
  case 2:
    return tr("The leader epoch grows with every leadership change; followers use it to find "
              "where their log diverged and truncate.");
  case 4:
    return tr("In-sync replicas: followers that caught up with the leader within "
              "replica.lag.time.max.ms. Only they may become leader in a clean election.");
  case 5:
    return tr("Offsets below the high watermark are on every in-sync replica: consumers can read "
              "them and acks=all producers were answered.");
  case 6: return tr("Log end offset of each replica: the offset the next record appended there will get.");
  case 7: return tr("Below this offset the replica's data is on disk; above it, only in the page cache.");
  }
  return {};
}

// Consumer groups ---------------------------------------------------------------------------

int GroupTableModel::rows() const { return static_cast<int>(m_controller.world().kafka.groups.size()); }

QStringList GroupTableModel::headers() const {
  return {tr("Group"), tr("Topic"), tr("Generation"), tr("Members"), tr("Lag"), tr("Committed offsets"), tr("Consumed"), tr("Duplicates")};
}

QVariant GroupTableModel::cell(int row, int column) const {
  const auto &w = m_controller.world();
  const auto &g = w.kafka.groups[static_cast<std::size_t>(row)];
  switch (column) {
  case 0: return QString::fromStdString(g.config.group);
  case 1: return QString::fromStdString(g.config.topic);
  case 2: return g.generation;
  case 3: {
    int members = 0;
    for (const auto &m : g.members)
      members += m.inGroup ? 1 : 0;
    return members;
  }
  case 4: {
    qlonglong lag = 0;
    for (std::size_t i = 0; i < g.parts.size(); ++i)
      lag += engine::kafka::groupLag(w, row, static_cast<int>(i));
    return lag;
  }
  case 5: {
    QStringList parts;
    for (std::size_t i = 0; i < g.parts.size(); ++i)
      parts << (g.parts[i].committed >= 0 ? QString::number(g.parts[i].committed) : QStringLiteral("-"));
    return parts.join(QLatin1Char(','));
  }
  case 6: return static_cast<qlonglong>(g.consumed);
  case 7: return static_cast<qlonglong>(g.duplicates);
  }
  return {};
}

QString GroupTableModel::tip(int, int column) const {
  switch (column) {
  case 4: return tr("High watermark minus committed offset, summed over partitions (as kafka-consumer-groups shows).");
  case 5: return tr("The committed offset is the next offset to read after a restart: last processed + 1.");
  case 7:
    return tr("Records delivered to this group more than once, e.g. re-read after a member died "
              "before committing.");
  }
  return {};
}

} // namespace streamscope::model
