// Fuzz target: a TOML rule pack from arbitrary bytes. Loading either fails
// with a message or gives a compiled set that matches lines.
#include <cstdint>
#include <string>

#include "winnow/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string toml(reinterpret_cast<const char*>(data), size);
  winnow::RuleSet rs;
  if (!rs.AddPack(toml, "fuzz.toml").ok()) return 0;
  if (!rs.Compile(8 << 20).ok()) return 0;
  (void)rs.Match("Please enter your comment!", 4);
  (void)rs.Match(toml.substr(0, 200), 30);
  return 0;
}
