#include "engine/core/event_stream.h"

#include <cstdio>

namespace streamscope::engine {

std::string EventStream::hashHex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(m_hash));
  return buf;
}

} // namespace streamscope::engine
