// Defaults for sanitized builds (STREAMSCOPE_SANITIZE): stop at the first error, and do not
// report memory that system libraries keep until exit (font caches, Qt's plugin loader).
extern "C" const char *__asan_default_options() { return "detect_leaks=1:abort_on_error=0:strict_string_checks=1"; }
extern "C" const char *__ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }
extern "C" const char *__lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:libfreetype.so\n"
         "leak:libglib-2.0.so\n"
         "leak:libdbus-1.so\n";
}
