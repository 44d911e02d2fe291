// Fuzzes the CSV reader and the numeric cell parser: any input either yields a
// rectangular table whose columns can all be looked up, or throws InputError.
#include <cstdint>
#include <string_view>

#include "base/csv.hpp"
#include "base/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::CsvTable t = rp::parse_csv(text);
    for (const auto& name : t.header()) {
      const auto& cells = t.column(name);
      if (cells.size() != t.rows()) __builtin_trap();
      for (std::size_t i = 0; i < cells.size(); ++i) {
        try {
          rp::parse_csv_number(cells[i], name, i + 1);
        } catch (const rp::InputError&) {
        }
      }
    }
  } catch (const rp::InputError&) {
  }
  return 0;
}
