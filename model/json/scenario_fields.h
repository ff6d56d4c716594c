#pragma once
// Field readers shared by the scenario loaders: durations given in milliseconds, acks.
// Contract: pure functions of their arguments; any thread.
#include "engine/core/sim_time.h"
#include "engine/world/config_enums.h"
#include "engine/world/scenario.h"
#include "json_fields.h"

#include <QObject>

#include <cmath>
#include <optional>

namespace streamscope::model {

/// The scenario's topic called `name`, or nullptr.
inline const engine::TopicConfig *findTopic(const engine::Scenario &s, const QString &name) {
  if (!s.kafka)
    return nullptr;
  for (const engine::TopicConfig &t : s.kafka->topics)
    if (QString::fromStdString(t.name) == name)
      return &t;
  return nullptr;
}

inline constexpr std::int64_t kMaxMs = 10LL * 365 * 24 * 3600 * 1000; // ten years of simulated time
inline constexpr std::int64_t kIntMax = 2147483647;

/// A whole number of milliseconds in [min, ten years], kept in microseconds.
inline engine::SimTime msField(JsonFields &f, const QString &key, std::int64_t min, std::optional<engine::SimTime> fallback) {
  const std::optional<std::int64_t> fallbackMs = fallback ? std::optional<std::int64_t>(*fallback / engine::kMillisecond) : std::nullopt;
  return engine::fromMs(f.integer(key, min, kMaxMs, fallbackMs));
}

/// An optional whole number of milliseconds in [min, ten years], kept in microseconds;
/// absent or null gives nullopt (Kafka's "unset": never).
inline std::optional<engine::SimTime> optionalMsField(JsonFields &f, const QString &key, std::int64_t min) {
  const QJsonValue v = f.raw(key);
  if (v.isUndefined() || v.isNull())
    return std::nullopt;
  if (!v.isDouble() || std::floor(v.toDouble()) != v.toDouble() || v.toDouble() < static_cast<double>(min) ||
      v.toDouble() > static_cast<double>(kMaxMs))
    f.fail(key,
           QObject::tr("\"%1\" must be a whole number of milliseconds between %2 and %3, or null (never), not %4")
               .arg(key)
               .arg(min)
               .arg(kMaxMs)
               .arg(v.isDouble() ? QString::number(v.toDouble(), 'g', 17) : jsonTypeName(v)));
  return engine::fromMs(static_cast<std::int64_t>(v.toDouble()));
}

/// A duration in milliseconds that may be fractional (latencies), kept in microseconds.
inline engine::SimTime fineMsField(JsonFields &f, const QString &key, engine::SimTime fallback) {
  const double ms = f.number(key, 0, 60000, engine::toMs(fallback));
  return static_cast<engine::SimTime>(std::llround(ms * 1000));
}

/// An instant in milliseconds, fractional to the microsecond (faults saved from the app
/// happen between whole milliseconds), kept in microseconds. Required.
inline engine::SimTime instantMsField(JsonFields &f, const QString &key) {
  const double ms = f.number(key, 0, static_cast<double>(kMaxMs));
  return static_cast<engine::SimTime>(std::llround(ms * 1000));
}

/// A [min, max] latency range in milliseconds, kept in microseconds.
inline void latencyRangeField(JsonFields &f, const QString &key, engine::SimTime &min, engine::SimTime &max) {
  if (!f.has(key)) {
    f.raw(key);
    return;
  }
  const QJsonArray range = f.array(key);
  const QString ptr = f.pointerOf(key);
  if (range.size() != 2 || !range[0].isDouble() || !range[1].isDouble())
    throw JsonFieldError{ptr, QStringLiteral("\"%1\" must be [min, max] in milliseconds").arg(key), false};
  const double lo = range[0].toDouble(), hi = range[1].toDouble();
  if (lo < 0 || hi > 60000 || lo > hi)
    throw JsonFieldError{ptr, QStringLiteral("\"%1\" needs 0 <= min <= max <= 60000, not [%2, %3]").arg(key).arg(lo).arg(hi), false};
  min = std::llround(lo * 1000);
  max = std::llround(hi * 1000);
}

/// "acks": 0, 1, "all" or -1 (absent: all). A producer's setting and set_acks' value.
inline engine::Acks readAcks(JsonFields &f) {
  using engine::Acks;
  const QJsonValue v = f.raw(QStringLiteral("acks"));
  if (v.isUndefined())
    return Acks::All;
  if (v.isString()) {
    const QString s = v.toString();
    if (s == QLatin1String("all") || s == QLatin1String("-1"))
      return Acks::All;
    if (s == QLatin1String("1"))
      return Acks::Leader;
    if (s == QLatin1String("0"))
      return Acks::None;
  } else if (v.isDouble()) {
    const double d = v.toDouble();
    if (d == -1)
      return Acks::All;
    if (d == 1)
      return Acks::Leader;
    if (d == 0)
      return Acks::None;
  }
  f.fail(QStringLiteral("acks"), QObject::tr("\"acks\" must be 0, 1 or \"all\" (or -1)"));
}

} // namespace streamscope::model
