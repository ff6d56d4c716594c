// Reads lesson files: every key checked, every fault and expectation validated against the
// scenario in force at that step, narration subjects and claim ids checked, errors as
// file:line:column (inside a string for a bad {{SUBJECT}}).
#include "claims.h"
#include "lesson.h"
#include "lesson_checks.h"
#include "lesson_extras_loader.h"
#include "model/json/fault_json.h"
#include "model/json/json_load.h"
#include "model/json/scenario_fields.h"
#include "model/json/scenario_loader.h"
#include "narration.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>

namespace streamscope::model {
namespace {

using engine::SimTime;
using Kind = WorldItem::Kind;

class LessonReader {
public:
  explicit LessonReader(QDir base) : m_base(std::move(base)) {}

  Lesson read(const QJsonObject &root) {
    JsonFields f(root, QString(), QObject::tr("the lesson"));
    Lesson lesson;
    lesson.title = markdown(f, QStringLiteral("title"), false);
    lesson.summary = markdown(f, QStringLiteral("summary"), false, QString());
    std::tie(lesson.scenarioJson, lesson.scenarioFile) = readScenario(f, QStringLiteral("scenario"));
    m_scenario = lesson.scenarioJson;
    const QJsonArray steps = f.array(QStringLiteral("steps"));
    if (steps.isEmpty())
      f.fail(QStringLiteral("steps"), QObject::tr("a lesson needs at least one step"));
    for (int i = 0; i < steps.size(); ++i) {
      const QString ptr = QStringLiteral("/steps/%1").arg(i);
      if (!steps[i].isObject())
        throw JsonFieldError{ptr, QObject::tr("a step must be an object"), false};
      lesson.steps.push_back(readStep(steps[i].toObject(), ptr));
    }
    const QJsonArray table = f.array(QStringLiteral("comparison"));
    for (int i = 0; i < table.size(); ++i) {
      const QJsonArray row = table[i].toArray();
      if (!table[i].isArray() || row.size() != 3 || !row[0].isString() || !row[1].isString() || !row[2].isString())
        throw JsonFieldError{QStringLiteral("/comparison/%1").arg(i), QObject::tr("a comparison row is [\"aspect\", \"Kafka\", \"Kinesis\"]"), false};
      for (int c = 0; c < 3; ++c)
        checkLive(row[c].toString(), QStringLiteral("/comparison/%1/%2").arg(i).arg(c));
      lesson.comparison.push_back({row[0].toString(), row[1].toString(), row[2].toString()});
    }
    if (lesson.comparison.empty())
      f.fail(QStringLiteral("comparison"), QObject::tr("a lesson ends with its Kafka-versus-Kinesis table: at least one row"));
    if (f.has(QStringLiteral("concepts"))) {
      JsonFields c(f.object(QStringLiteral("concepts")), f.pointerOf(QStringLiteral("concepts")), QObject::tr("the concepts"));
      lesson.concepts.introduces = conceptIds(c, QStringLiteral("introduces"));
      lesson.concepts.uses = conceptIds(c, QStringLiteral("uses"));
      c.finish();
    }
    lesson.challenge = readChallenge(f, parts());
    f.finish();
    return lesson;
  }

private:
  /// Narration shown once its step has run may embed {{SUBJECT}}s; text shown before may not.
  static void checkLive(const QString &text, const QString &ptr) {
    if (const auto problem = checkNarration(text))
      throw JsonFieldError{ptr, problem->message, false, problem->at};
  }
  static QString markdown(JsonFields &f, const QString &key, bool live, std::optional<QString> fallback = std::nullopt) {
    const QString text = f.string(key, fallback);
    const auto problem = live ? checkNarration(text) : checkNoBraces(text, QObject::tr("\"%1\"").arg(key));
    if (problem)
      throw JsonFieldError{f.pointerOf(key), problem->message, false, problem->at};
    return text;
  }

  /// A list of concept ids (lessons/course/concepts.json; the course check knows the list).
  static QStringList conceptIds(JsonFields &f, const QString &key) {
    QStringList ids;
    const QJsonArray list = f.array(key, false);
    for (int i = 0; i < list.size(); ++i) {
      const QString ptr = QStringLiteral("%1/%2").arg(f.pointerOf(key)).arg(i);
      if (!list[i].isString() || list[i].toString().isEmpty())
        throw JsonFieldError{ptr, QObject::tr("a concept is a name such as \"offset\""), false};
      if (ids.contains(list[i].toString()))
        throw JsonFieldError{ptr, QObject::tr("concept \"%1\" is named twice").arg(list[i].toString()), false};
      ids << list[i].toString();
    }
    return ids;
  }

  static QStringList readClaims(JsonFields &f) {
    QStringList ids;
    const QJsonArray list = f.array(QStringLiteral("claims"), false);
    for (int i = 0; i < list.size(); ++i) {
      const QString ptr = QStringLiteral("%1/%2").arg(f.pointerOf(QStringLiteral("claims"))).arg(i);
      const QString id = list[i].toString();
      if (!isKnownClaim(id))
        throw JsonFieldError{ptr, QObject::tr("unknown claim \"%1\" (the ids are C01 to C%2, listed in docs/claims.md)").arg(id).arg(claims().size()),
                             false};
      if (ids.contains(id))
        throw JsonFieldError{ptr, QObject::tr("claim \"%1\" is named twice").arg(id), false};
      ids << id;
    }
    return ids;
  }

  std::pair<QByteArray, QString> readScenario(JsonFields &f, const QString &key) {
    const QString relative = f.string(key);
    const QString path = m_base.filePath(relative);
    QString error;
    const std::optional<QByteArray> read = readJsonFile(path, error);
    if (!read)
      f.fail(key, QObject::tr("cannot read scenario \"%1\": %2").arg(relative, error));
    const QByteArray text = *read;
    const ScenarioLoadResult loaded = loadScenarioText(text, path);
    if (!loaded.scenario)
      f.fail(key, QObject::tr("its scenario does not load: %1").arg(loaded.error));
    return {text, path};
  }

  Expectation readExpectation(const QJsonValue &v, const QString &ptr) {
    if (!v.isString())
      throw JsonFieldError{ptr, QObject::tr("an expectation is a string such as \"acknowledged_lost > 0\""), false};
    QString error;
    const auto e = Expectation::parse(v.toString(), &error);
    if (!e)
      throw JsonFieldError{ptr, error, false};
    return *e;
  }

  std::vector<LessonAction> readActions(const QJsonArray &list, const QString &ptr) {
    std::vector<LessonAction> actions;
    for (int i = 0; i < list.size(); ++i) {
      const QString p = QStringLiteral("%1/%2").arg(ptr).arg(i);
      if (!list[i].isObject())
        throw JsonFieldError{p, QObject::tr("an action must be an object"), false};
      JsonFields f(list[i].toObject(), p, QObject::tr("an action"));
      LessonAction a;
      const QStringList kinds = {QStringLiteral("run_for_ms"), QStringLiteral("run_until_ms"), QStringLiteral("run_until"),
                                 QStringLiteral("fault"),      QStringLiteral("load"),         QStringLiteral("reshard")};
      int given = 0;
      for (const QString &k : kinds)
        given += f.has(k) ? 1 : 0;
      if (given != 1)
        f.fail(QString(), QObject::tr("an action has exactly one of %1").arg(kinds.join(QStringLiteral(", "))));
      if (f.has(kinds[0])) {
        a.kind = LessonAction::Kind::RunFor;
        a.time = instantMsField(f, kinds[0]);
      } else if (f.has(kinds[1])) {
        a.kind = LessonAction::Kind::RunUntilTime;
        a.time = instantMsField(f, kinds[1]);
      } else if (f.has(kinds[2])) {
        a.kind = LessonAction::Kind::RunUntil;
        a.until = readExpectation(f.raw(kinds[2]), f.pointerOf(kinds[2]));
        a.time = msField(f, QStringLiteral("within_ms"), 1, 600 * engine::kSecond);
      } else if (f.has(kinds[3])) {
        a.kind = LessonAction::Kind::Fault;
        QString error;
        const auto fault = faultFromJson(m_scenario, f.object(kinds[3]), &error);
        if (!fault)
          f.fail(kinds[3], QObject::tr("this fault does not fit the lesson's scenario: %1").arg(error.section(QObject::tr(": "), 1)));
        a.fault = *fault;
      } else if (f.has(kinds[5])) {
        readReshard(f, kinds[5], a, m_scenario);
      } else {
        a.kind = LessonAction::Kind::Load;
        std::tie(a.scenarioJson, a.scenarioFile) = readScenario(f, kinds[4]);
        m_scenario = a.scenarioJson;
      }
      f.finish();
      actions.push_back(std::move(a));
    }
    return actions;
  }

  std::vector<LessonHighlight> readHighlights(const QJsonArray &list, const QString &ptr) {
    std::vector<LessonHighlight> highlights;
    for (int i = 0; i < list.size(); ++i) {
      const QString p = QStringLiteral("%1/%2").arg(ptr).arg(i);
      if (!list[i].isObject())
        throw JsonFieldError{p, QObject::tr("a highlight must be an object such as {\"broker\": 0}"), false};
      JsonFields f(list[i].toObject(), p, QObject::tr("a highlight"));
      LessonHighlight h;
      if (f.has(QStringLiteral("broker"))) {
        h.kind = Kind::Broker;
        h.index = static_cast<int>(f.integer(QStringLiteral("broker"), 0, 63));
      } else if (f.has(QStringLiteral("partition"))) {
        h.kind = Kind::Replica; // every replica of the partition
        h.name = f.string(QStringLiteral("partition"));
        h.index = static_cast<int>(f.integer(QStringLiteral("on_broker"), 0, 63, -1));
      } else if (f.has(QStringLiteral("cells"))) {
        JsonFields c(f.object(QStringLiteral("cells")), f.pointerOf(QStringLiteral("cells")), QObject::tr("a cell range"));
        h.kind = Kind::LogCell;
        h.name = c.string(QStringLiteral("partition"));
        h.index = static_cast<int>(c.integer(QStringLiteral("broker"), 0, 63));
        h.from = c.integer(QStringLiteral("from"), 0, INT64_MAX / 2);
        h.to = c.integer(QStringLiteral("to"), h.from + 1, h.from + 1000);
        c.finish();
      } else if (f.has(QStringLiteral("messages"))) {
        static const QStringList kinds = {QStringLiteral("produce"),        QStringLiteral("produce_response"),
                                          QStringLiteral("replica_fetch"),  QStringLiteral("replica_fetch_response"),
                                          QStringLiteral("consumer_fetch"), QStringLiteral("consumer_fetch_response"),
                                          QStringLiteral("put_records"),    QStringLiteral("put_records_response"),
                                          QStringLiteral("zone_write"),     QStringLiteral("zone_ack"),
                                          QStringLiteral("get_records"),    QStringLiteral("get_records_response"),
                                          QStringLiteral("fan_out_event")};
        h.kind = Kind::Message;
        h.index = static_cast<int>(kinds.indexOf(f.choice(QStringLiteral("messages"), kinds))); // TransferKind order
      } else if (f.has(QStringLiteral("shard"))) {
        h.kind = Kind::Shard;
        h.index = static_cast<int>(f.integer(QStringLiteral("shard"), 0, 100000));
      } else if (f.has(QStringLiteral("zone"))) {
        h.kind = Kind::Zone;
        h.index = static_cast<int>(f.integer(QStringLiteral("zone"), 0, 2));
      } else if (f.has(QStringLiteral("group"))) {
        h.kind = Kind::Group;
        h.name = f.string(QStringLiteral("group"));
      } else if (f.has(QStringLiteral("application"))) {
        h.kind = Kind::Application;
        h.name = f.string(QStringLiteral("application"));
      } else if (f.has(QStringLiteral("producer"))) {
        h.kind = Kind::KafkaProducer;
        h.name = f.string(QStringLiteral("producer"));
        // "of": one side of a producer that writes to both systems; absent: both.
        static const QStringList sides = {QStringLiteral("kafka"), QStringLiteral("kinesis"), QStringLiteral("both")};
        const int side = static_cast<int>(sides.indexOf(f.choice(QStringLiteral("of"), sides, QStringLiteral("both"))));
        h.index = side == 2 ? -1 : side;
      } else {
        f.fail(
            QString(),
            QObject::tr(
                "a highlight names one of broker, partition (with optional on_broker), cells, messages, shard, zone, group, application, producer"));
      }
      f.finish();
      highlights.push_back(h);
    }
    return highlights;
  }

  LessonStep readStep(const QJsonObject &o, const QString &ptr) {
    JsonFields f(o, ptr, QObject::tr("a step"));
    LessonStep step;
    step.title = markdown(f, QStringLiteral("title"), false);
    step.text = markdown(f, QStringLiteral("text"), true);
    step.reveal = markdown(f, QStringLiteral("reveal"), true, QString());
    step.teacherNotes = markdown(f, QStringLiteral("teacher_notes"), true, QString());
    step.claims = readClaims(f);
    if (f.has(QStringLiteral("predict"))) {
      JsonFields q(f.object(QStringLiteral("predict")), f.pointerOf(QStringLiteral("predict")), QObject::tr("a prediction"));
      Prediction p;
      p.question = markdown(q, QStringLiteral("question"), false);
      const QJsonArray choices = q.array(QStringLiteral("choices"));
      for (int c = 0; c < choices.size(); ++c) {
        p.choices << choices[c].toString();
        if (const auto problem = checkNoBraces(p.choices.back(), QObject::tr("a choice")))
          throw JsonFieldError{QStringLiteral("%1/%2").arg(q.pointerOf(QStringLiteral("choices"))).arg(c), problem->message, false, problem->at};
      }
      if (p.choices.size() < 2)
        q.fail(QStringLiteral("choices"), QObject::tr("a prediction offers at least two choices"));
      p.answer = static_cast<int>(q.integer(QStringLiteral("answer"), 0, p.choices.size() - 1));
      p.explanation = markdown(q, QStringLiteral("explanation"), true);
      if (q.has(QStringLiteral("why_not"))) {
        const QJsonArray whyNot = q.array(QStringLiteral("why_not"));
        if (whyNot.size() != p.choices.size())
          q.fail(QStringLiteral("why_not"),
                 QObject::tr("\"why_not\" has one entry per choice (%1), not %2").arg(p.choices.size()).arg(whyNot.size()));
        for (int c = 0; c < whyNot.size(); ++c) {
          const QString at = QStringLiteral("%1/%2").arg(q.pointerOf(QStringLiteral("why_not"))).arg(c);
          if (!whyNot[c].isString() && !whyNot[c].isNull())
            throw JsonFieldError{at, QObject::tr("an entry of \"why_not\" is a string or null"), false};
          p.whyNot << whyNot[c].toString();
          if (const auto problem = checkNarration(p.whyNot.back()))
            throw JsonFieldError{at, problem->message, false, problem->at};
        }
      }
      q.finish();
      step.prediction = p;
    }
    // Actions before the try-it's: the setup; the learner (or its solution) does the rest.
    step.actions = readActions(f.array(QStringLiteral("actions"), false), f.pointerOf(QStringLiteral("actions")));
    if (f.has(QStringLiteral("try"))) {
      JsonFields t(f.object(QStringLiteral("try")), f.pointerOf(QStringLiteral("try")), QObject::tr("a try-it"));
      TryIt tryIt{markdown(t, QStringLiteral("task"), false), markdown(t, QStringLiteral("hint"), false), {}, {}};
      // One expectation, or a list of them that must all hold ("broker 0 is off, the others run").
      const QJsonValue doneWhen = t.raw(QStringLiteral("done_when"));
      const QString doneWhere = t.pointerOf(QStringLiteral("done_when"));
      if (doneWhen.isArray()) {
        const QJsonArray all = doneWhen.toArray();
        for (int i = 0; i < all.size(); ++i)
          tryIt.doneWhen.push_back(readExpectation(all[i], QStringLiteral("%1/%2").arg(doneWhere).arg(i)));
        if (tryIt.doneWhen.empty())
          t.fail(QStringLiteral("done_when"), QObject::tr("a try-it's goal needs at least one expectation"));
      } else {
        tryIt.doneWhen.push_back(readExpectation(doneWhen, doneWhere));
      }
      tryIt.solution = readActions(t.array(QStringLiteral("solution")), t.pointerOf(QStringLiteral("solution")));
      if (tryIt.solution.empty())
        t.fail(QStringLiteral("solution"), QObject::tr("a try-it needs the solution the player shows and the headless run performs"));
      t.finish();
      step.tryIt = std::move(tryIt);
    }
    step.highlights = readHighlights(f.array(QStringLiteral("highlight"), false), f.pointerOf(QStringLiteral("highlight")));
    const QJsonArray expect = f.array(QStringLiteral("expect"), false);
    for (int i = 0; i < expect.size(); ++i)
      step.expectations.push_back(readExpectation(expect[i], QStringLiteral("%1/expect/%2").arg(ptr).arg(i)));
    readStepExtras(f, step, parts());
    f.finish();
    return step;
  }

  /// This reader's parsers, for the readers of scrubs, forks, follows and challenges.
  LessonParts parts() {
    return {[this](const QJsonArray &list, const QString &ptr) { return readActions(list, ptr); },
            [this](const QJsonValue &v, const QString &ptr) { return readExpectation(v, ptr); },
            [this](const QJsonArray &list, const QString &ptr) { return readHighlights(list, ptr); }, m_scenario};
  }

  QDir m_base;
  QByteArray m_scenario; ///< the scenario in force (a load action changes it)
};

} // namespace

LessonLoadResult loadLessonText(const QByteArray &text, const QString &fileName) {
  LessonLoadResult result;
  LessonReader reader(QFileInfo(fileName).absoluteDir());
  result.lesson = loadJsonObject(
      text, fileName, QObject::tr("a lesson"), [&](const QJsonObject &o) { return reader.read(o); }, result.error);
  if (result.lesson) {
    result.lesson->file = fileName;
    result.lesson->id = QFileInfo(fileName).completeBaseName();
    result.lesson->warnings = lessonWarnings(*result.lesson);
  }
  return result;
}

LessonLoadResult loadLessonFile(const QString &path) {
  QString error;
  const std::optional<QByteArray> text = readJsonFile(path, error);
  return text ? loadLessonText(*text, path) : LessonLoadResult{std::nullopt, error};
}

} // namespace streamscope::model
