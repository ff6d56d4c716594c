// Kinesis hash key ranges, MD5 routing, partition key rules and sequence numbers.
#include "engine/core/uint128.h"
#include "engine/world/kinesis/hash_keys.h"
#include "engine/world/kinesis/md5.h"
#include "engine/world/kinesis/sequence_number.h"

#include <QtTest>

using namespace streamscope::engine;
using namespace streamscope::engine::kinesis;

namespace {

QString hex(const std::array<std::uint8_t, 16> &d) { return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(d.data()), 16).toHex()); }
QString dec(Uint128 v) { return QString::fromStdString(toDecimal(v)); }

} // namespace

class TstKinesisKeys : public QObject {
  Q_OBJECT
private slots:
  void md5MatchesRfc1321() {
    QCOMPARE(hex(md5("")), QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
    QCOMPARE(hex(md5("abc")), QStringLiteral("900150983cd24fb0d6963f7d28e17f72"));
    QCOMPARE(hex(md5("message digest")), QStringLiteral("f96b697d7cb7938d525a2f31aaf161d0"));
    QCOMPARE(hex(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")),
             QStringLiteral("57edf4a22be3c955ac49da2e2107b67a"));
  }

  void rangesMatchWhatKinesisCreates_data() {
    QTest::addColumn<int>("shards");
    QTest::addColumn<QStringList>("ends"); // EndingHashKey of each shard
    // As DescribeStream reports them for new streams (and kinesalite/LocalStack reproduce).
    QTest::newRow("1") << 1 << QStringList{"340282366920938463463374607431768211455"};
    QTest::newRow("2") << 2 << QStringList{"170141183460469231731687303715884105727", "340282366920938463463374607431768211455"};
    QTest::newRow("3") << 3
                       << QStringList{"113427455640312821154458202477256070484", "226854911280625642308916404954512140969",
                                      "340282366920938463463374607431768211455"};
    QTest::newRow("4") << 4
                       << QStringList{"85070591730234615865843651857942052863", "170141183460469231731687303715884105727",
                                      "255211775190703847597530955573826158591", "340282366920938463463374607431768211455"};
    QTest::newRow("5") << 5
                       << QStringList{"68056473384187692692674921486353642290", "136112946768375385385349842972707284581",
                                      "204169420152563078078024764459060926872", "272225893536750770770699685945414569163",
                                      "340282366920938463463374607431768211455"};
  }
  void rangesMatchWhatKinesisCreates() {
    QFETCH(int, shards);
    QFETCH(QStringList, ends);
    const std::vector<HashKeyRange> ranges = initialHashKeyRanges(shards);
    QCOMPARE(static_cast<int>(ranges.size()), shards);
    QCOMPARE(dec(ranges.front().start), QStringLiteral("0"));
    for (int i = 0; i < shards; ++i) {
      QCOMPARE(dec(ranges[static_cast<std::size_t>(i)].end), ends[i]);
      if (i > 0)
        QCOMPARE(ranges[static_cast<std::size_t>(i)].start, ranges[static_cast<std::size_t>(i - 1)].end + 1); // no gap, no overlap
    }
  }

  void shardIdsArePadded() {
    QCOMPARE(QString::fromStdString(shardId(0)), QStringLiteral("shardId-000000000000"));
    QCOMPARE(QString::fromStdString(shardId(42)), QStringLiteral("shardId-000000000042"));
  }

  void partitionKeysHashByMd5BigEndian() {
    // md5("foo") = acbd18db4cc2f85cedef654fccc4a4d8
    QCOMPARE(dec(hashKeyOf("foo")), QStringLiteral("229609063533823256041787889330700985560"));
    QCOMPARE(dec(hashKeyOf("")), QStringLiteral("281949768489412648962353822266799178366"));
    const auto ranges = initialHashKeyRanges(4);
    QVERIFY(ranges[2].contains(hashKeyOf("foo"))); // 229.6e36 lies in the third quarter
  }

  void partitionKeyLengthIsCountedInCharacters() {
    QVERIFY(partitionKeyError("").has_value());
    QVERIFY(partitionKeyError(std::string(257, 'k')).has_value());
    QVERIFY(!partitionKeyError(std::string(256, 'k')).has_value());
    std::string euros;
    for (int i = 0; i < 256; ++i)
      euros += "\xe2\x82\xac"; // 256 characters, 768 bytes
    QVERIFY(!partitionKeyError(euros).has_value());
    QVERIFY(partitionKeyError("\xff").has_value()); // not UTF-8
    QVERIFY(QString::fromStdString(*partitionKeyError("")).contains(QStringLiteral("greater than or equal to 1")));
  }

  void decimalParsingIsExact() {
    QCOMPARE(parseDecimal128("340282366920938463463374607431768211455"), std::optional<Uint128>(kUint128Max));
    QVERIFY(!parseDecimal128("340282366920938463463374607431768211456")); // 2^128
    QVERIFY(!parseDecimal128("-1"));
    QVERIFY(!parseDecimal128(""));
    QCOMPARE(dec(*parseDecimal128("0")), QStringLiteral("0"));
  }

  void sequenceNumbersRoundTripAndOrder() {
    const SequenceNumber a{kEpochSeconds, 3, 1000, kEpochSeconds + 5};
    const SequenceNumber b{kEpochSeconds, 3, 1001, kEpochSeconds + 5};
    const std::string text = a.toDecimal();
    QCOMPARE(static_cast<int>(text.size()), 56); // like real ones
    QCOMPARE(SequenceNumber::parse(text), std::optional<SequenceNumber>(a));
    QVERIFY(a < b);
    // Numeric order of the decimal strings (same length here) is the order of the numbers.
    QVERIFY(a.toDecimal() < b.toDecimal());
    // Sparse: the next counter is 2^80 further in value (compare the low 38 digits mod 10^38).
    const Uint128 mod = *parseDecimal128("100000000000000000000000000000000000000");
    const Uint128 lowA = *parseDecimal128(a.toDecimal().substr(18)), lowB = *parseDecimal128(b.toDecimal().substr(18));
    QCOMPARE(dec((lowB + mod - lowA) % mod), dec(static_cast<Uint128>(1) << 80));
    QVERIFY(!SequenceNumber::parse("12345"));
    QVERIFY(!SequenceNumber::parse("4967042447273116986106192500119003939721130316043334451x"));
  }
};

QTEST_APPLESS_MAIN(TstKinesisKeys)
#include "tst_kinesis_keys.moc"
