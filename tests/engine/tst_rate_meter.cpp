// The meter behind a broker's bytes in per second: what it reads against an exact count.
#include "engine/core/rate_meter.h"

#include <QtTest>

#include <vector>

using namespace streamscope::engine;

class TstRateMeter : public QObject {
  Q_OBJECT

  /// Adds `amount` every `step` in [from, to) to the meter and to `log`.
  static void feed(RateMeter &m, std::vector<std::pair<SimTime, std::int64_t>> &log, SimTime from, SimTime to, SimTime step, std::int64_t amount) {
    for (SimTime t = from; t < to; t += step) {
      m.add(t, amount);
      log.emplace_back(t, amount);
    }
  }
  static std::int64_t exact(const std::vector<std::pair<SimTime, std::int64_t>> &log, SimTime now) {
    std::int64_t sum = 0;
    for (const auto &[t, amount] : log)
      sum += t > now - kSecond && t <= now ? amount : 0;
    return sum;
  }

private slots:
  void emptyReadsZero() {
    const RateMeter m;
    QCOMPARE(m.lastSecond(0), 0);
    QCOMPARE(m.lastSecond(5 * kSecond), 0);
  }

  void steadyTrafficReadsTheLastSecond() {
    RateMeter m;
    std::vector<std::pair<SimTime, std::int64_t>> log;
    feed(m, log, 0, 3 * kSecond, 10 * kMillisecond, 100);
    // At every instant of the next bucket, within one add of the exact count.
    for (SimTime now = 3 * kSecond - 10 * kMillisecond; now < 3 * kSecond + 100 * kMillisecond; now += 7 * kMillisecond) {
      const std::int64_t want = exact(log, now);
      QVERIFY2(std::abs(m.lastSecond(now) - want) <= 100,
               qPrintable(QStringLiteral("at %1 us: %2, exactly %3").arg(now).arg(m.lastSecond(now)).arg(want)));
    }
  }

  void quietTrafficDecays() {
    RateMeter m;
    std::vector<std::pair<SimTime, std::int64_t>> log;
    feed(m, log, 0, 2 * kSecond, kMillisecond, 1000);
    QVERIFY(std::abs(m.lastSecond(2 * kSecond) - exact(log, 2 * kSecond)) <= 1000);
    // Half a second later half of it is left, and a second later none.
    QVERIFY(std::abs(m.lastSecond(2500 * kMillisecond) - exact(log, 2500 * kMillisecond)) <= 1000);
    QCOMPARE(m.lastSecond(3100 * kMillisecond), 0);
    QCOMPARE(m.lastSecond(60 * kSecond), 0);
  }

  void aLongGapForgetsWhatCameBefore() {
    RateMeter m;
    m.add(0, 5000);
    m.add(150 * kMillisecond, 7000);
    m.add(10 * kSecond, 3); // the slots the old amounts used are emptied
    QCOMPARE(m.lastSecond(10 * kSecond), 3);
    m.add(10 * kSecond + 50 * kMillisecond, 4);
    QCOMPARE(m.lastSecond(10 * kSecond + 60 * kMillisecond), 7);
    QCOMPARE(m.lastSecond(11 * kSecond + 200 * kMillisecond), 0);
  }

  void burstsWithinOneBucketAreCountedWhole() {
    RateMeter m;
    for (int i = 0; i < 10; ++i)
      m.add(5 * kSecond + 20 * kMillisecond, 10);
    QCOMPARE(m.lastSecond(5 * kSecond + 20 * kMillisecond), 100);
    QCOMPARE(m.lastSecond(5 * kSecond + 900 * kMillisecond), 100);
  }
};

QTEST_GUILESS_MAIN(TstRateMeter)
#include "tst_rate_meter.moc"
