#include "claims.h"
#include "lesson.h"

#include <algorithm>

namespace streamscope::model {

const std::vector<Claim> &claims() {
  static const std::vector<Claim> all = {
      {QStringLiteral("C01"), QStringLiteral("Kafka runs on brokers that store and serve records")},
      {QStringLiteral("C02"), QStringLiteral("Kafka gives the operator many more settings to choose")},
      {QStringLiteral("C03"), QStringLiteral("Kafka spreads out for scale and survives broker failures")},
      {QStringLiteral("C04"), QStringLiteral("A broker writes files, but the operating system does the disk I/O")},
      {QStringLiteral("C05"), QStringLiteral("On Linux, written data waits in the page cache")},
      {QStringLiteral("C06"), QStringLiteral("The operating system decides when data reaches the disk")},
      {QStringLiteral("C07"), QStringLiteral("Leaving disk writes to the operating system is why Kafka is fast")},
      {QStringLiteral("C08"), QStringLiteral("Replication covers the risk of losing page-cache data")},
      {QStringLiteral("C09"), QStringLiteral("Kinesis is a managed AWS service")},
      {QStringLiteral("C10"), QStringLiteral("Kinesis is built around a stream processing engine")},
      {QStringLiteral("C11"), QStringLiteral("Kinesis synchronously replicates every record three ways")},
      {QStringLiteral("C12"), QStringLiteral("Kinesis replication is fixed and costs latency and throughput")},
      {QStringLiteral("C13"), QStringLiteral("Kinesis hides the machines: no servers to manage")},
      {QStringLiteral("C14"), QStringLiteral("A Kafka topic corresponds to a Kinesis stream")},
      {QStringLiteral("C15"), QStringLiteral("Kafka topics have any number of partitions; Kinesis streams have shards")},
      {QStringLiteral("C16"), QStringLiteral("The log decouples producers from consumers and keeps the data")},
      {QStringLiteral("C17"), QStringLiteral("A Kafka topic can be replayed from an offset")},
      {QStringLiteral("C18"), QStringLiteral("Streams and tables are two views of the same data")},
      {QStringLiteral("C19"), QStringLiteral("A Kinesis stream is divided into shards")},
      {QStringLiteral("C20"), QStringLiteral("Each shard has its own partition key")},
      {QStringLiteral("C21"), QStringLiteral("A Kinesis record is a sequence number, a partition key and a data blob")},
  };
  return all;
}

bool isKnownClaim(const QString &id) {
  const auto &all = claims();
  return std::any_of(all.begin(), all.end(), [&](const Claim &c) { return c.id == id; });
}

QString lessonLabel(const Lesson &lesson) {
  qsizetype digits = 0;
  while (digits < lesson.id.size() && lesson.id[digits].isDigit())
    ++digits;
  return digits > 0 ? lesson.id.left(digits) : lesson.id;
}

std::vector<ClaimCoverage> claimCoverage(const std::vector<Lesson> &lessons) {
  std::vector<ClaimCoverage> rows;
  for (const Claim &c : claims())
    rows.push_back({c.id, {}, 0});
  for (const Lesson &lesson : lessons)
    for (std::size_t s = 0; s < lesson.steps.size(); ++s)
      for (const QString &id : lesson.steps[s].claims)
        for (ClaimCoverage &row : rows)
          if (row.id == id) {
            row.steps << QStringLiteral("%1:%2").arg(lessonLabel(lesson)).arg(s + 1);
            row.expectations += static_cast<int>(lesson.steps[s].expectations.size());
          }
  return rows;
}

} // namespace streamscope::model
