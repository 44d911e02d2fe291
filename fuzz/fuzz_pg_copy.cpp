// Fuzzes the reader of PostgreSQL's binary COPY format (store/postgres/pg_copy_binary.hpp):
// the messages a server sends are either read into rows whose fields lie inside the
// message they came in, or refused with PgError; the reader never reads past a message.
// The input is split into messages at each 0xff 0x00 pair, so that one input can carry the
// header, rows and the trailer in several messages, as libpq hands them over.
#include <cstdint>
#include <string_view>

#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_copy_binary.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  rp::store::postgres::BinaryCopyReader reader;
  try {
    std::size_t from = 0;
    while (from <= input.size()) {
      std::size_t end = input.find(std::string_view("\xff\x00", 2), from);
      if (end == std::string_view::npos) end = input.size();
      const std::string_view message = input.substr(from, end - from);
      reader.message(message, [&](rp::store::postgres::CopyFields fields) {
        for (const auto& f : fields)
          if (f && (f->data() < message.data() || f->data() + f->size() > message.data() + message.size()))
            __builtin_trap();
      });
      from = end + 2;
    }
  } catch (const rp::store::postgres::PgError&) {
    return 0;  // refused
  }
  return 0;
}
