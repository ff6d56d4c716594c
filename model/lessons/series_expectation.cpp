#include "series_expectation.h"

#include <QObject>

namespace streamscope::model {

std::optional<SeriesExpectation> SeriesExpectation::parse(const QString &text, const QStringList &labels, const QStringList &measures,
                                                          QString *error) {
  SeriesExpectation e;
  e.m_text = text.simplified();
  const int at = e.m_text.lastIndexOf(QStringLiteral(" at "));
  if (at > 0) {
    const QString label = e.m_text.mid(at + 4).trimmed();
    e.m_kind = Kind::At;
    e.m_at = static_cast<int>(labels.indexOf(label));
    if (e.m_at < 0) {
      *error = QObject::tr("\"%1\" is not one of the scrub's values (%2)").arg(label, labels.join(QStringLiteral(", ")));
      return std::nullopt;
    }
    e.m_expectation = Expectation::parse(e.m_text.left(at), error);
    if (!e.m_expectation)
      return std::nullopt;
    return e;
  }
  const QString word = e.m_text.section(QLatin1Char(' '), -1);
  const QString subject = e.m_text.section(QLatin1Char(' '), 0, -2);
  if (word == QLatin1String("increases"))
    e.m_kind = Kind::Increases;
  else if (word == QLatin1String("decreases"))
    e.m_kind = Kind::Decreases;
  else if (word == QLatin1String("constant"))
    e.m_kind = Kind::Constant;
  else {
    *error = QObject::tr("a scrub expectation is \"MEASURE increases\", \"MEASURE decreases\", \"MEASURE constant\" or \"EXPECTATION at VALUE\"");
    return std::nullopt;
  }
  e.m_measure = static_cast<int>(measures.indexOf(subject));
  if (e.m_measure < 0) {
    *error = QObject::tr("\"%1\" is not one of the scrub's measures (%2)").arg(subject, measures.join(QStringLiteral(", ")));
    return std::nullopt;
  }
  return e;
}

SeriesExpectation::Outcome SeriesExpectation::evaluateTrend(const std::vector<std::optional<double>> &series) const {
  QStringList shown;
  bool complete = true;
  for (const auto &v : series) {
    shown << (v ? QString::number(*v, 'g', 6) : QStringLiteral("—"));
    complete = complete && v.has_value();
  }
  bool holds = complete && series.size() >= 2;
  if (holds) {
    const double first = *series.front(), last = *series.back();
    for (std::size_t i = 1; i < series.size(); ++i) {
      const double step = *series[i] - *series[i - 1];
      if ((m_kind == Kind::Increases && step < 0) || (m_kind == Kind::Decreases && step > 0) || (m_kind == Kind::Constant && step != 0))
        holds = false;
    }
    if ((m_kind == Kind::Increases && !(last > first)) || (m_kind == Kind::Decreases && !(last < first)))
      holds = false;
  }
  const QString expected = m_kind == Kind::Increases ? QObject::tr("to increase")
      : m_kind == Kind::Decreases                    ? QObject::tr("to decrease")
                                                     : QObject::tr("to stay the same");
  return {holds, QObject::tr("%1: %2 (expected %3)").arg(m_text.section(QLatin1Char(' '), 0, -2), shown.join(QStringLiteral(", ")), expected)};
}

} // namespace streamscope::model
