#pragma once
// Lesson expectations: small statements about the engine's state that a lesson step claims,
// such as `acknowledged_lost > 0`, `partition orders-0 high_watermark == 12`,
// `shard 0 throttled >= 1` or `kafka latency_p50_ms < kinesis latency_p50_ms`.
// Parsed once when the lesson loads (so a typo is a load error), evaluated against a World.
//
// Grammar: SUBJECT OP VALUE, where OP is one of == != < <= > >= and VALUE is a number, a
// state name (running, crashed, powered_off, true, false, all) or another SUBJECT. The subjects are
// listed in lessons/README.md.
// Contract: pure checks of a World it is given (const); any thread that owns that World.
#include "engine/world/world.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace streamscope::model {

class Expectation {
public:
  /// Parses `text`; nullopt with `error` describing the first problem.
  static std::optional<Expectation> parse(const QString &text, QString *error);

  struct Outcome {
    bool holds = false;
    QString detail; ///< "partition orders-0 high_watermark == 12 — partition orders-0 high_watermark is 12"
    QString words; ///< the same in a sentence: "orders-0's high watermark is at offset 12: ..."
  };
  Outcome evaluate(const engine::World &world) const;
  const QString &text() const { return m_text; }

  /// A subject on its own (`partition orders-0 high_watermark`), as lesson narration embeds
  /// it: nullopt if it is known and well formed, else what is wrong with it.
  static std::optional<QString> subjectProblem(const QString &subject);
  /// REQUIRES: subjectProblem(subject) is nullopt. Its value in `world`, or nullopt with `why`.
  static std::optional<double> subjectValue(const QString &subject, const engine::World &world, QString *why);

private:
  enum class Op { Eq, Ne, Lt, Le, Gt, Ge };
  struct Operand {
    QStringList subject; ///< empty: a constant
    double constant = 0;
  };
  /// The subject's value now, or nullopt with `why` (an unknown partition, ...).
  static std::optional<double> valueOf(const QStringList &subject, const engine::World &world, QString *why);
  static std::optional<QString> checkSubject(const QStringList &subject);

  QString m_text;
  Operand m_left, m_right;
  Op m_op = Op::Eq;
};

} // namespace streamscope::model
