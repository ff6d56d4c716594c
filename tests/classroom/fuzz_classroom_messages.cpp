// Fuzz target: any bytes as a frame from a student and as a frame from the host. The decoder
// accepts a message it can encode back unchanged, or refuses it with a reason; it never crashes.
// A name from an accepted hello, sanitised, is short and holds nothing invisible.
#include "fuzz_support.h"

#include "model/classroom/classroom_protocol.h"
#include "model/classroom/student_name.h"
#include "model/json/controller_command_json.h"

using namespace streamscope;
using namespace streamscope::classroom;

namespace {

/// The scenario a fuzzed student follows (faults are read in its context).
const QByteArray &followedScenario() {
  static const QByteArray text = R"({"name": "fuzz", "duration_ms": 10000, "kafka": {"brokers": 3, "topics": [{"name": "orders", "partitions": 3,
    "replication_factor": 3}]}, "producers": [{"name": "p", "target": ["kafka:orders"], "rate": 10}]})";
  return text;
}

void checkName(const QString &typed) {
  const QString shown = sanitizeStudentName(typed);
  const auto codePoints = shown.toUcs4();
  if (shown.isEmpty() || codePoints.size() > kMaxStudentNameLength || shown != shown.trimmed())
    fuzz::fail(QStringLiteral("a sanitised name is empty, too long or padded"));
  for (const char32_t c : codePoints)
    if (QChar::category(c) == QChar::Other_Control || QChar::category(c) == QChar::Other_Format)
      fuzz::fail(QStringLiteral("a sanitised name keeps an invisible character"));
  if (uniqueStudentName(shown, {shown}).toUcs4().size() > kMaxStudentNameLength)
    fuzz::fail(QStringLiteral("a name made unique is too long"));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) { return fuzz::initialize(argc, argv); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const QByteArray frame = fuzz::bytes(data, size);
  QString error;
  if (const auto student = decodeStudentMessage(frame, &error)) {
    const QByteArray again = encode(*student);
    QString second;
    const auto back = decodeStudentMessage(again, &second);
    if (!back || encode(*back) != again)
      fuzz::fail(QStringLiteral("an accepted student message does not survive encoding: ") + second);
    if (const auto *hello = std::get_if<Hello>(&*student))
      checkName(hello->name);
  } else if (error.isEmpty()) {
    fuzz::fail(QStringLiteral("a student frame refused without a reason"));
  }
  error.clear();
  if (const auto host = decodeHostMessage(frame, &error)) {
    const QByteArray again = encode(*host, 1);
    QString second;
    const auto back = decodeHostMessage(again, &second);
    if (!back || encode(*back, 1) != again)
      fuzz::fail(QStringLiteral("an accepted host message does not survive encoding: ") + second);
    if (const auto *command = std::get_if<Command>(&*host)) {
      if (!validateCommandPayload(command->payload).isEmpty())
        fuzz::fail(QStringLiteral("an accepted command fails its schema"));
      // What a student's app does with it next: read it as an engine command, or refuse it with a reason.
      QString why;
      if (!model::commandFromJson(command->payload, followedScenario(), &why) && why.isEmpty())
        fuzz::fail(QStringLiteral("an engine command refused without a reason"));
    }
  } else if (error.isEmpty()) {
    fuzz::fail(QStringLiteral("a host frame refused without a reason"));
  }
  return 0;
}
