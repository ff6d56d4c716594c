#include "narration.h"
#include "expectation.h"

#include <QObject>

#include <cmath>

namespace streamscope::model {
namespace {

const QLatin1String kOpen("{{"), kClose("}}");

/// Calls `each(start, end, subject)` for every `{{SUBJECT}}`, [start, end) spanning the braces;
/// stops and returns the problem of an unclosed or empty pair.
template <typename Each> std::optional<NarrationProblem> forEachSubject(const QString &text, Each each) {
  qsizetype from = 0;
  for (;;) {
    const qsizetype start = text.indexOf(kOpen, from);
    if (start < 0)
      return std::nullopt;
    const qsizetype close = text.indexOf(kClose, start + 2);
    if (close < 0)
      return NarrationProblem{start, QObject::tr("\"{{\" without its closing \"}}\"")};
    const QString subject = text.mid(start + 2, close - start - 2).simplified();
    if (subject.isEmpty())
      return NarrationProblem{start, QObject::tr("empty \"{{}}\": write a subject such as {{kafka acknowledged}}")};
    if (auto problem = each(start, close + 2, subject))
      return problem;
    from = close + 2;
  }
}

template <typename Replace> QString replaceSubjects(const QString &text, Replace replace) {
  QString out;
  qsizetype copied = 0;
  forEachSubject(text, [&](qsizetype start, qsizetype end, const QString &subject) -> std::optional<NarrationProblem> {
    out += QStringView(text).mid(copied, start - copied);
    out += replace(subject);
    copied = end;
    return std::nullopt;
  });
  out += QStringView(text).mid(copied);
  return out;
}

} // namespace

std::optional<NarrationProblem> checkNarration(const QString &markdown) {
  return forEachSubject(markdown, [](qsizetype start, qsizetype, const QString &subject) -> std::optional<NarrationProblem> {
    if (const auto problem = Expectation::subjectProblem(subject))
      return NarrationProblem{start, QObject::tr("{{%1}}: %2").arg(subject, *problem)};
    return std::nullopt;
  });
}

std::optional<NarrationProblem> checkNoBraces(const QString &text, const QString &where) {
  const qsizetype at = text.indexOf(kOpen);
  if (at < 0)
    return std::nullopt;
  return NarrationProblem{at, QObject::tr("%1 is shown before the step runs, so it cannot show the engine's values: no \"{{\" here").arg(where)};
}

bool hasLiveNumbers(const QString &markdown) { return markdown.contains(kOpen); }

QString formatSubjectValue(const QString &subject, double value) {
  static const QStringList yesOrNo = {QStringLiteral("in_isr"),
                                      QStringLiteral("in_elr"),
                                      QStringLiteral("fenced"),
                                      QStringLiteral("isolated"),
                                      QStringLiteral("open"),
                                      QStringLiteral("up"),
                                      QStringLiteral("sequence_increasing"),
                                      QStringLiteral("unclean_leader_election"),
                                      QStringLiteral("compacted"),
                                      QStringLiteral("has_leader"),
                                      QStringLiteral("active"),
                                      QStringLiteral("running"),
                                      QStringLiteral("updating"),
                                      QStringLiteral("on_demand")};
  const QString field = subject.section(QLatin1Char(' '), -1, -1, QString::SectionSkipEmpty);
  if (field.startsWith(QLatin1String("latency_")))
    return QString::number(value, 'f', 1);
  if (yesOrNo.contains(field))
    return value != 0 ? QStringLiteral("true") : QStringLiteral("false");
  if (field == QLatin1String("state")) { // BrokerState order: Running, Crashed, PoweredOff
    static const QStringList states = {QStringLiteral("running"), QStringLiteral("crashed"), QStringLiteral("powered_off")};
    return states.value(static_cast<int>(value), QString::number(value));
  }
  if (field == QLatin1String("acks") && value < 0)
    return QStringLiteral("all");
  return value == std::floor(value) ? QString::number(static_cast<qlonglong>(value)) : QString::number(value, 'f', 1);
}

RenderedNarration renderNarration(const QString &markdown, const engine::World &world) {
  RenderedNarration r;
  r.text = replaceSubjects(markdown, [&](const QString &subject) {
    QString why;
    const auto value = Expectation::subjectValue(subject, world, &why);
    if (value)
      return formatSubjectValue(subject, *value);
    r.missing << QStringLiteral("{{%1}}: %2").arg(subject, why);
    return QStringLiteral("—");
  });
  return r;
}

QString narrationBeforeItsMoment(const QString &markdown) {
  return replaceSubjects(markdown, [](const QString &) { return QStringLiteral("…"); });
}

} // namespace streamscope::model
