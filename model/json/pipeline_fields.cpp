#include "pipeline_fields.h"

#include "json_fields.h"
#include "kinesis_scenario.h"
#include "scenario_fields.h"

#include "engine/world/scenario_builder.h"

#include <QObject>

namespace streamscope::model {

using namespace streamscope::engine;

namespace {

struct Endpoint {
  bool kafka = true;
  std::string name;
};

/// "kafka:TOPIC" or "kinesis:STREAM", naming one the scenario has.
Endpoint readEndpoint(JsonFields &f, const QString &key, const Scenario &s) {
  const QString text = f.string(key);
  Endpoint e;
  e.kafka = text.startsWith(QLatin1String("kafka:"));
  if (!e.kafka && !text.startsWith(QLatin1String("kinesis:")))
    f.fail(key, QObject::tr("\"%1\" must be \"kafka:TOPIC\" or \"kinesis:STREAM\"").arg(key));
  e.name = text.section(QLatin1Char(':'), 1).toStdString();
  if (e.kafka && !findTopic(s, QString::fromStdString(e.name)))
    f.fail(key, QObject::tr("no topic named \"%1\" in the kafka section").arg(QString::fromStdString(e.name)));
  if (!e.kafka && !findStream(s, QString::fromStdString(e.name)))
    f.fail(key, QObject::tr("no stream named \"%1\" in the kinesis section").arg(QString::fromStdString(e.name)));
  return e;
}

void readPipeline(JsonFields &f, Scenario &s) {
  PipelineConfig p;
  p.name = f.string(QStringLiteral("name")).toStdString();
  const Endpoint in = readEndpoint(f, QStringLiteral("input"), s);
  const Endpoint out = readEndpoint(f, QStringLiteral("output"), s);
  if (in.kafka != out.kafka)
    f.fail(QStringLiteral("output"), QObject::tr("a pipeline reads and writes the same system: Kafka to Kafka or Kinesis to Kinesis"));
  if (in.name == out.name)
    f.fail(QStringLiteral("output"), QObject::tr("a pipeline writing to its own input would read its outputs again"));
  p.kafkaInput = in.kafka;
  p.exactlyOnce = f.boolean(QStringLiteral("exactly_once"), false);
  if (p.exactlyOnce && !in.kafka)
    f.fail(QStringLiteral("exactly_once"),
           QObject::tr("Kinesis has no transactions: a KCL pipeline is at-least-once, and duplicates are the application's to remove"));
  const SimTime interval = msField(f, QStringLiteral("commit_interval_ms"), 1, p.exactlyOnce ? 100 * kMillisecond : 5 * kSecond);
  const SimTime start = msField(f, QStringLiteral("start_ms"), 0, 0);
  if (in.kafka && f.has(QStringLiteral("workers")))
    f.fail(QStringLiteral("workers"), QObject::tr("\"workers\" sets a KCL pipeline's workers; a Kafka pipeline runs one consumer"));
  if (in.kafka && f.has(QStringLiteral("kcl_version")))
    f.fail(QStringLiteral("kcl_version"), QObject::tr("\"kcl_version\" sets a KCL pipeline's lease assignment; a Kafka pipeline runs one consumer"));
  const int kclVersion = in.kafka ? 3 : static_cast<int>(f.integer(QStringLiteral("kcl_version"), 2, 3, 3));
  ScenarioBuilder b(std::move(s));
  if (in.kafka)
    b.kafkaPipeline(p.name, in.name, out.name, p.exactlyOnce, interval, start);
  else
    b.kinesisPipeline(p.name, in.name, out.name, static_cast<int>(f.integer(QStringLiteral("workers"), 1, 64, 1)), interval, start);
  s = b.build();
  if (!in.kafka)
    s.applications.back().kclVersion = kclVersion; // the pipeline's application, added last
}

} // namespace

void readPipelines(const QJsonArray &pipelines, Scenario &s, QSet<QString> &taken) {
  for (int i = 0; i < pipelines.size(); ++i) {
    const QString ptr = QStringLiteral("/pipelines/%1").arg(i);
    if (!pipelines[i].isObject())
      throw JsonFieldError{ptr, QObject::tr("a pipeline must be an object"), false};
    JsonFields f(pipelines[i].toObject(), ptr, QObject::tr("a pipeline"));
    const QString name = f.string(QStringLiteral("name"));
    if (taken.contains(name))
      throw JsonFieldError{ptr + QStringLiteral("/name"),
                           QObject::tr("\"%1\" already names a producer or consumer: a pipeline's consumer and producer take its name").arg(name),
                           false};
    readPipeline(f, s);
    f.finish();
    taken.insert(name);
  }
}

} // namespace streamscope::model
