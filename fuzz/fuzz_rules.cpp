// libFuzzer entry point for the fuzz_rules target; the invariants live in rules_checks.hpp.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fuzz/rules_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const std::string why = awesome::fuzz::check_rules(input); !why.empty()) {
    std::fprintf(stderr, "fuzz_rules: %s\n", why.c_str());
    __builtin_trap();
  }
  return 0;
}
