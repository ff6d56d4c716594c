#include "memory_budget.h"

#include "world_settings.h"

#include <QFile>
#include <QObject>

#include <unistd.h>

namespace streamscope::model {

std::size_t physicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long pageSize = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && pageSize > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) : 0;
}

std::size_t defaultMemoryBudget() {
  const std::size_t physical = physicalMemoryBytes();
  return physical > 0 ? physical / 4 : std::size_t{2} << 30;
}

std::size_t processResidentBytes() {
  QFile statm(QStringLiteral("/proc/self/statm")); // size resident shared ... (in pages)
  if (!statm.open(QIODevice::ReadOnly))
    return 0;
  const QList<QByteArray> fields = statm.readAll().split(' ');
  if (fields.size() < 2)
    return 0;
  bool ok = false;
  const qulonglong pages = fields[1].toULongLong(&ok);
  const long pageSize = sysconf(_SC_PAGE_SIZE);
  return ok && pageSize > 0 ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) : 0;
}

QString memoryText(std::size_t bytes) {
  const double mib = static_cast<double>(bytes) / (1 << 20);
  if (mib >= 1024)
    return QObject::tr("%1 GiB").arg(mib / 1024, 0, 'f', 1);
  if (mib < 1)
    return QObject::tr("%1 KiB").arg(static_cast<double>(bytes) / 1024, 0, 'f', 0);
  return QObject::tr("%1 MiB").arg(mib, 0, 'f', mib < 10 ? 1 : 0);
}

std::vector<engine::Fault> scaledRates(const SimulationController &controller, double factor) {
  std::vector<engine::Fault> actions;
  for (const ProducerSettings &p : readWorldSettings(controller).producers)
    if (p.rate > 0)
      actions.push_back(engine::Fault{0, engine::SetRate{p.name.toStdString(), p.rate * factor}});
  return actions;
}

} // namespace streamscope::model
