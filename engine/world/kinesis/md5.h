#pragma once
// MD5 (RFC 1321). Kinesis routes a record by the MD5 of its partition key, so the engine
// needs the exact digest; it is used for routing only, never for security.
// Contract: pure functions of their arguments; any thread.
#include <array>
#include <cstdint>
#include <string_view>

namespace streamscope::engine::kinesis {

std::array<std::uint8_t, 16> md5(std::string_view bytes);

} // namespace streamscope::engine::kinesis
