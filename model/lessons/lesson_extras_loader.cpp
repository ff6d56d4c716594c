#include "lesson_extras_loader.h"
#include "narration.h"

#include "model/json/scenario_loader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace streamscope::model {
namespace {

const QString kValue = QStringLiteral("$value");

/// `v` with every string "$value" replaced by `value`.
QJsonValue substitute(const QJsonValue &v, const QJsonValue &value) {
  if (v.isString() && v.toString() == kValue)
    return value;
  if (v.isArray()) {
    QJsonArray out;
    for (const QJsonValue &item : v.toArray())
      out.append(substitute(item, value));
    return out;
  }
  if (v.isObject()) {
    QJsonObject out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
      out.insert(it.key(), substitute(it.value(), value));
    return out;
  }
  return v;
}

bool mentionsValue(const QJsonValue &v) {
  if (v.isString())
    return v.toString() == kValue;
  if (v.isArray()) {
    for (const QJsonValue &item : v.toArray())
      if (mentionsValue(item))
        return true;
  }
  if (v.isObject()) {
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
      if (mentionsValue(it.value()))
        return true;
  }
  return false;
}

/// A future runs on a branch of the run in force; loading a scenario would start a new run.
void refuseLoad(const std::vector<LessonAction> &actions, const QString &ptr) {
  for (const LessonAction &a : actions)
    if (a.kind == LessonAction::Kind::Load)
      throw JsonFieldError{ptr, QObject::tr("a scrub's or a fork's actions cannot load a scenario: each runs on a branch of the run in force"),
                           false};
}

QString plainText(JsonFields &f, const QString &key, bool live, std::optional<QString> fallback = std::nullopt) {
  const QString text = f.string(key, fallback);
  const auto problem = live ? checkNarration(text) : checkNoBraces(text, QObject::tr("\"%1\"").arg(key));
  if (problem)
    throw JsonFieldError{f.pointerOf(key), problem->message, false, problem->at};
  return text;
}

std::vector<Expectation> expectations(JsonFields &f, const QString &key, const LessonParts &parts, bool required) {
  std::vector<Expectation> list;
  const QJsonArray a = f.array(key, required);
  for (int i = 0; i < a.size(); ++i)
    list.push_back(parts.expectation(a[i], QStringLiteral("%1/%2").arg(f.pointerOf(key)).arg(i)));
  if (required && list.empty())
    f.fail(key, QObject::tr("at least one expectation"));
  return list;
}

Scrub readScrub(JsonFields &f, const LessonParts &parts) {
  Scrub s;
  s.setting = plainText(f, QStringLiteral("setting"), false);
  const QJsonArray values = f.array(QStringLiteral("values"));
  if (values.size() < 2)
    f.fail(QStringLiteral("values"), QObject::tr("a scrub has at least two values"));
  const QJsonArray actions = f.array(QStringLiteral("actions"));
  if (!mentionsValue(actions))
    f.fail(QStringLiteral("actions"), QObject::tr("a scrub's actions put its value in somewhere: write \"$value\" where it goes"));
  for (int i = 0; i < values.size(); ++i) {
    if (!values[i].isDouble() && !values[i].isString())
      throw JsonFieldError{QStringLiteral("%1/%2").arg(f.pointerOf(QStringLiteral("values"))).arg(i),
                           QObject::tr("a scrub value is a number or a string"), false};
    const QString label = values[i].isString() ? values[i].toString() : QString::number(values[i].toDouble(), 'g', 12);
    if (s.labels.contains(label))
      throw JsonFieldError{QStringLiteral("%1/%2").arg(f.pointerOf(QStringLiteral("values"))).arg(i),
                           QObject::tr("value %1 is given twice").arg(label), false};
    s.labels << label;
    // Each value's actions are checked as written out, so a value the engine refuses is a load error.
    LessonFuture run;
    run.name = QStringLiteral("%1 = %2").arg(s.setting, label);
    run.actions = parts.actions(substitute(actions, values[i]).toArray(), f.pointerOf(QStringLiteral("actions")));
    refuseLoad(run.actions, f.pointerOf(QStringLiteral("actions")));
    s.runs.push_back(std::move(run));
  }
  const QJsonArray measures = f.array(QStringLiteral("measures"));
  for (int i = 0; i < measures.size(); ++i) {
    const QString subject = measures[i].toString().simplified();
    const auto problem =
        measures[i].isString() ? Expectation::subjectProblem(subject) : std::optional<QString>(QObject::tr("a measure is a subject"));
    if (problem)
      throw JsonFieldError{QStringLiteral("%1/%2").arg(f.pointerOf(QStringLiteral("measures"))).arg(i), *problem, false};
    s.measures << subject;
  }
  if (s.measures.isEmpty())
    f.fail(QStringLiteral("measures"), QObject::tr("a scrub measures at least one subject"));
  const QJsonArray expect = f.array(QStringLiteral("expect"), false);
  for (int i = 0; i < expect.size(); ++i) {
    QString error;
    const auto e = SeriesExpectation::parse(expect[i].toString(), s.labels, s.measures, &error);
    if (!e)
      throw JsonFieldError{QStringLiteral("%1/%2").arg(f.pointerOf(QStringLiteral("expect"))).arg(i), error, false};
    s.expect.push_back(*e);
  }
  f.finish();
  return s;
}

std::vector<LessonFuture> readFork(const QJsonArray &list, const QString &ptr, const LessonParts &parts) {
  std::vector<LessonFuture> futures;
  if (list.size() < 2)
    throw JsonFieldError{ptr, QObject::tr("a fork has at least two futures"), false};
  for (int i = 0; i < list.size(); ++i) {
    const QString p = QStringLiteral("%1/%2").arg(ptr).arg(i);
    if (!list[i].isObject())
      throw JsonFieldError{p, QObject::tr("a future is an object with \"name\" and \"actions\""), false};
    JsonFields f(list[i].toObject(), p, QObject::tr("a future"));
    LessonFuture future;
    future.name = plainText(f, QStringLiteral("name"), false);
    for (const LessonFuture &other : futures)
      if (other.name == future.name)
        f.fail(QStringLiteral("name"), QObject::tr("two futures are named \"%1\"").arg(future.name));
    future.actions = parts.actions(f.array(QStringLiteral("actions")), f.pointerOf(QStringLiteral("actions")));
    refuseLoad(future.actions, f.pointerOf(QStringLiteral("actions")));
    future.expectations = expectations(f, QStringLiteral("expect"), parts, false);
    f.finish();
    futures.push_back(std::move(future));
  }
  return futures;
}

std::optional<engine::Scenario> scenarioOf(const QByteArray &json) {
  const ScenarioLoadResult loaded = loadScenarioText(json, QStringLiteral("scenario"));
  return loaded.scenario;
}

RecordPin readFollow(JsonFields &f, const LessonParts &parts) {
  RecordPin pin{f.string(QStringLiteral("producer")), static_cast<int>(f.integer(QStringLiteral("record"), 0, 10'000'000))};
  bool known = false;
  if (const auto scenario = scenarioOf(parts.scenario))
    for (const engine::ProducerConfig &p : scenario->producers)
      known = known || QString::fromStdString(p.name) == pin.producer;
  if (!known)
    f.fail(QStringLiteral("producer"), QObject::tr("the scenario has no producer \"%1\"").arg(pin.producer));
  f.finish();
  return pin;
}

} // namespace

void readStepExtras(JsonFields &f, LessonStep &step, const LessonParts &parts) {
  if (f.has(QStringLiteral("scrub"))) {
    JsonFields s(f.object(QStringLiteral("scrub")), f.pointerOf(QStringLiteral("scrub")), QObject::tr("a scrub"));
    step.scrub = readScrub(s, parts);
  }
  if (f.has(QStringLiteral("fork")))
    step.fork = readFork(f.array(QStringLiteral("fork")), f.pointerOf(QStringLiteral("fork")), parts);
  if (step.scrub && !step.fork.empty())
    f.fail(QStringLiteral("fork"), QObject::tr("a step has a scrub or a fork, not both"));
  if (f.has(QStringLiteral("follow"))) {
    JsonFields pin(f.object(QStringLiteral("follow")), f.pointerOf(QStringLiteral("follow")), QObject::tr("a followed record"));
    step.follow = readFollow(pin, parts);
  }
  if (f.has(QStringLiteral("show"))) {
    step.show = parts.highlights(f.array(QStringLiteral("show")), f.pointerOf(QStringLiteral("show")));
    if (step.show.empty())
      f.fail(QStringLiteral("show"), QObject::tr("\"show\" lists at least one thing to draw"));
  }
}

std::optional<Challenge> readChallenge(JsonFields &f, const LessonParts &parts) {
  if (!f.has(QStringLiteral("challenge")))
    return std::nullopt;
  JsonFields c(f.object(QStringLiteral("challenge")), f.pointerOf(QStringLiteral("challenge")), QObject::tr("a challenge"));
  Challenge challenge;
  challenge.goal = plainText(c, QStringLiteral("goal"), false);
  challenge.hint = plainText(c, QStringLiteral("hint"), false, QString());
  challenge.setup = parts.actions(c.array(QStringLiteral("actions"), false), c.pointerOf(QStringLiteral("actions")));
  challenge.doneWhen = expectations(c, QStringLiteral("done_when"), parts, true);
  challenge.solution = parts.actions(c.array(QStringLiteral("solution")), c.pointerOf(QStringLiteral("solution")));
  if (challenge.solution.empty())
    c.fail(QStringLiteral("solution"), QObject::tr("a challenge needs a solution (\"Show me\" and the headless run use it)"));
  c.finish();
  return challenge;
}

void readReshard(JsonFields &f, const QString &key, LessonAction &a, const QByteArray &scenario) {
  JsonFields r(f.object(key), f.pointerOf(key), QObject::tr("a reshard"));
  a.kind = LessonAction::Kind::Reshard;
  a.stream = r.string(QStringLiteral("stream"));
  a.openShards = static_cast<int>(r.integer(QStringLiteral("open_shards"), 1, 64));
  bool known = false;
  if (const auto s = scenarioOf(scenario); s && s->kinesis)
    for (const engine::StreamConfig &st : s->kinesis->streams)
      known = known || QString::fromStdString(st.name) == a.stream;
  if (!known)
    r.fail(QStringLiteral("stream"), QObject::tr("the scenario has no stream \"%1\"").arg(a.stream));
  r.finish();
}

} // namespace streamscope::model
