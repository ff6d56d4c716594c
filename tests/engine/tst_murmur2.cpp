// murmur2 and the Java client's partitioners, against Kafka's own test values.
#include "engine/core/rng.h"
#include "engine/kafka/murmur2.h"
#include "engine/world/kafka/sticky_partitioner.h"

#include <QtTest>

using namespace streamscope::engine;
using namespace streamscope::engine::kafka;

class TstMurmur2 : public QObject {
  Q_OBJECT
private slots:
  void kafkaUtilsTestValues_data() {
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("expected");
    // org.apache.kafka.common.utils.UtilsTest#testMurmur2
    QTest::newRow("21") << QByteArray("21") << -973932308;
    QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
    QTest::newRow("a-little-bit-long-string") << QByteArray("a-little-bit-long-string") << -985981536;
    QTest::newRow("a-little-bit-longer-string") << QByteArray("a-little-bit-longer-string") << -1486304829;
    QTest::newRow("lkjh...") << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << -58897971;
    QTest::newRow("abc") << QByteArray("abc") << 479470107;
    // tails of 1, 2 and 3 bytes, and a whole block (values from Kafka's implementation)
    QTest::newRow("tail 1") << QByteArray("1") << -1993445489;
    QTest::newRow("tail 2") << QByteArray("12") << 126087238;
    QTest::newRow("tail 3") << QByteArray("123") << -267702483;
    QTest::newRow("block") << QByteArray("1234") << -1614185708;
    QTest::newRow("block + tail 1") << QByteArray("12345") << -1188365604;
  }
  void kafkaUtilsTestValues() {
    QFETCH(QByteArray, key);
    QFETCH(int, expected);
    QCOMPARE(murmur2(std::string_view(key.constData(), static_cast<std::size_t>(key.size()))), expected);
  }

  void emptyKeyIsHashedNotNull() {
    // seed ^ 0, then the finaliser: an empty key is a zero-length array, hashed like any other.
    std::uint32_t h = 0x9747b28cU;
    h ^= h >> 13;
    h *= 0x5bd1e995U;
    h ^= h >> 15;
    QCOMPARE(murmur2(std::string_view()), static_cast<std::int32_t>(h));
    QCOMPARE(partitionForKey(std::string_view(), 7), static_cast<int>((h & 0x7fffffffU) % 7));
  }

  void partitionUsesPositiveMaskThenModulo() {
    // "foobar" -> -790332482; & 0x7fffffff = 1357151166 (not abs(), not a signed %)
    QCOMPARE(1357151166 % 6, partitionForKey("foobar", 6));
    QCOMPARE(1357151166 % 100, partitionForKey("foobar", 100));
    // "21" -> -973932308; & 0x7fffffff = 1173551340
    QCOMPARE(1173551340 % 3, partitionForKey("21", 3));
    QCOMPARE(0, partitionForKey("anything", 1));
  }

  void stickyPartitionerSticksUntilBatchSize() {
    StickyPartitioner sticky(1000);
    Rng rng(5);
    const std::vector<bool> available(4, true);
    const std::vector<int> queued(4, 0);
    const int first = sticky.partition(available, queued, rng);
    for (int i = 0; i < 9; ++i) { // 9 x 100 bytes < 1000
      QCOMPARE(sticky.partition(available, queued, rng), first);
      sticky.onAppend(100);
    }
    sticky.onAppend(100); // reaches batch.size: the next record may go elsewhere
    std::vector<int> seen(4, 0);
    for (int i = 0; i < 400; ++i) {
      ++seen[static_cast<std::size_t>(sticky.partition(available, queued, rng))];
      sticky.onAppend(1000);
    }
    for (int n : seen)
      QVERIFY2(n > 50, "switches spread over every partition");
  }

  void stickyPartitionerSkipsPartitionsWithoutLeader() {
    StickyPartitioner sticky(100);
    Rng rng(9);
    const std::vector<bool> available{false, true, false, true};
    const std::vector<int> queued(4, 0);
    for (int i = 0; i < 100; ++i) {
      const int p = sticky.partition(available, queued, rng);
      QVERIFY(p == 1 || p == 3);
      sticky.onAppend(100);
    }
  }

  void adaptivePartitioningPrefersShortQueues() {
    StickyPartitioner sticky(1);
    Rng rng(3);
    const std::vector<bool> available(2, true);
    const std::vector<int> queued{9, 0}; // weights 1 and 10
    int toShort = 0;
    for (int i = 0; i < 1100; ++i) {
      toShort += sticky.partition(available, queued, rng) == 1 ? 1 : 0;
      sticky.onAppend(1);
    }
    QVERIFY2(toShort > 900 && toShort < 1050, qPrintable(QString::number(toShort)));
  }
};

QTEST_APPLESS_MAIN(TstMurmur2)
#include "tst_murmur2.moc"
