// Fuzz target: lesson text, read as if it sat in the project's lessons folder so that its
// scenario references resolve. Every input is refused with `file:line:column: message` or
// loads.
#include "fuzz_support.h"

#include "model/lessons/lesson.h"

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) { return streamscope::fuzz::initialize(argc, argv); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  using namespace streamscope;
  const QString file = QStringLiteral(LESSON_DIR "/fuzz.json");
  const auto loaded = model::loadLessonText(fuzz::bytes(data, size), file);
  if (!loaded.lesson)
    fuzz::requireLocated(loaded.error, file);
  return 0;
}
