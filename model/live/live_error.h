#pragma once
// Why a live connection or probe failed, and the exit code streamscope-cli gives it
// (3: cannot connect or authenticate; 4: acknowledged records missing; 2: bad arguments).
#include <QString>

namespace streamscope::live {

struct LiveError {
  int exitCode = 3;
  QString message; ///< names the broker or endpoint and the cause
};

} // namespace streamscope::live
