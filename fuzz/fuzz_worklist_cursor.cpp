// Fuzzes the worklist's page cursor (service/worklist_cursor.hpp): any text either reads
// as a cursor that writes back to one reading the same, or is refused with InputError
// naming the field `after`.
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "service/worklist_cursor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const rp::store::WorklistCursor c = rp::service::decode_cursor(text);
    if (c.group < 0 || c.group > 2 || c.episode_id < 1 || c.item_id.empty()) __builtin_trap();
    if (!(rp::service::decode_cursor(rp::service::encode_cursor(c)) == c)) __builtin_trap();
  } catch (const rp::InputError& e) {
    if (e.field() != "after" || e.code() != "worklist_cursor_invalid") __builtin_trap();
  }
  return 0;
}
