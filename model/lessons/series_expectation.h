#pragma once
// What a scrub claims about its series: how one measure moves along the slider
// (`acknowledged_lost decreases`) or what holds at one of its values
// (`acknowledged_lost == 0 at all`). Parsed when the lesson loads, so a typo is a load error.
//
// Grammar: `SUBJECT increases`, `SUBJECT decreases` (from the first value to the last, and
// never back the other way between neighbours), `SUBJECT constant`, or `EXPECTATION at LABEL`.
// Contract: a plain copyable value; pure checks of the numbers it is given.
#include "expectation.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace streamscope::model {

class SeriesExpectation {
public:
  enum class Kind { Increases, Decreases, Constant, At };
  /// Parses `text` against the scrub's value labels and measures; nullopt with `error`.
  static std::optional<SeriesExpectation> parse(const QString &text, const QStringList &labels, const QStringList &measures, QString *error);

  Kind kind() const { return m_kind; }
  const QString &text() const { return m_text; }
  /// A trend's measure (its index in the scrub's measures).
  int measure() const { return m_measure; }
  /// At: the value's index, and what must hold on its run.
  int at() const { return m_at; }
  const std::optional<Expectation> &atExpectation() const { return m_expectation; }

  struct Outcome {
    bool holds = false;
    QString detail; ///< "acknowledged_lost along flush.ms: 40, 12, 0 (expected to decrease)"
  };
  /// A trend over `series` (one value per run; nullopt: no value on that run).
  Outcome evaluateTrend(const std::vector<std::optional<double>> &series) const;

private:
  QString m_text;
  Kind m_kind = Kind::Constant;
  int m_measure = -1;
  int m_at = -1;
  std::optional<Expectation> m_expectation;
};

} // namespace streamscope::model
