#include "fault_json.h"

#include "fault_table.h"
#include "scenario_loader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace streamscope::model {

QJsonObject faultToJson(const engine::Fault &f, bool application) {
  const FaultRow &row = faultRow(f.action());
  QJsonObject o;
  o[QStringLiteral("at_ms")] = msValue(f.at);
  o[QStringLiteral("action")] = row.name;
  row.write(o, f.what, application);
  return o;
}

std::optional<engine::Fault> faultFromJson(const QByteArray &scenarioJson, const QJsonObject &fault, QString *error) {
  QJsonObject root = QJsonDocument::fromJson(scenarioJson).object();
  QJsonObject entry = fault;
  if (!entry.contains(QStringLiteral("at_ms")))
    entry[QStringLiteral("at_ms")] = 0; // the time is the caller's; the loader insists on one
  root[QStringLiteral("faults")] = QJsonArray{entry};
  const ScenarioLoadResult loaded = loadScenarioText(QJsonDocument(root).toJson(), QStringLiteral("fault"));
  if (!loaded.scenario || loaded.scenario->faults.size() != 1) {
    if (error)
      *error = loaded.error;
    return std::nullopt;
  }
  return loaded.scenario->faults.front();
}

QByteArray withFaults(const QByteArray &scenarioJson, const engine::Scenario &scenario, const std::vector<engine::Fault> &faults, QString *error) {
  QJsonParseError parse;
  QJsonDocument doc = QJsonDocument::fromJson(scenarioJson, &parse);
  if (!doc.isObject()) {
    if (error)
      *error = QObject::tr("the scenario text is not a JSON object: %1").arg(parse.errorString());
    return {};
  }
  QJsonObject root = doc.object();
  QJsonArray all = root.value(QStringLiteral("faults")).toArray();
  for (const engine::Fault &f : faults) {
    const std::string *group = engine::faultGroup(f);
    const bool application = group && std::any_of(scenario.applications.begin(), scenario.applications.end(), [&](const engine::KinesisAppConfig &a) {
                               return a.application == *group;
                             });
    all.append(faultToJson(f, application));
  }
  QList<QJsonValue> sorted(all.begin(), all.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const QJsonValue &a, const QJsonValue &b) {
    return a.toObject().value(QStringLiteral("at_ms")).toDouble() < b.toObject().value(QStringLiteral("at_ms")).toDouble();
  });
  QJsonArray ordered;
  for (const QJsonValue &v : sorted)
    ordered.append(v);
  root[QStringLiteral("faults")] = ordered;
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray withDetails(const QByteArray &scenarioJson, const QString &name, const QString &description) {
  const QJsonDocument doc = QJsonDocument::fromJson(scenarioJson);
  if (!doc.isObject())
    return {};
  QJsonObject root = doc.object();
  root[QStringLiteral("name")] = name;
  if (description.isEmpty())
    root.remove(QStringLiteral("description"));
  else
    root[QStringLiteral("description")] = description;
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace streamscope::model
