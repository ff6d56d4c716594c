#pragma once

// The checking build (STREAMSCOPE_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer)
// runs every program many times slower. The longest tests walk a sample of their ground
// there, enough for the sanitizers to see each code path; the Release build walks all of it.
namespace streamscope::test {
#ifdef STREAMSCOPE_CHECKING_BUILD
inline constexpr bool kCheckingBuild = true;
#else
inline constexpr bool kCheckingBuild = false;
#endif
} // namespace streamscope::test
