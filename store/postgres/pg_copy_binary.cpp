// The binary COPY format's reader (pg_copy_binary.hpp), after the PostgreSQL manual's
// "Binary Format" of COPY: an 11-byte signature, a 32-bit flags field and a header
// extension of a 32-bit length; then per row a 16-bit field count and per field a 32-bit
// length (-1: null) and its bytes; a field count of -1 is the trailer. All big-endian.
#include "store/postgres/pg_copy_binary.hpp"

#include <endian.h>

#include <cstring>
#include <string>

#include "store/postgres/pg_connection.hpp"

namespace rp::store::postgres {
namespace {

constexpr std::string_view kSignature("PGCOPY\n\377\r\n\0", 11);

[[noreturn]] void malformed(const std::string& what) {
  throw PgError("PostgreSQL: a binary COPY that is not the format: " + what, "");
}

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return at_ == s_.size(); }
  std::string_view take(std::size_t n, const char* what) {
    if (n > s_.size() - at_) malformed(std::string(what) + " runs past the message");
    const std::string_view out = s_.substr(at_, n);
    at_ += n;
    return out;
  }
  std::int32_t int32(const char* what) {
    std::uint32_t v = 0;
    std::memcpy(&v, take(4, what).data(), 4);
    return static_cast<std::int32_t>(be32toh(v));
  }
  std::int16_t int16(const char* what) {
    std::uint16_t v = 0;
    std::memcpy(&v, take(2, what).data(), 2);
    return static_cast<std::int16_t>(be16toh(v));
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

}  // namespace

bool BinaryCopyReader::message(std::string_view bytes, const std::function<void(CopyFields)>& row) {
  Cursor c(bytes);
  if (!header_read_) {
    if (c.take(kSignature.size(), "the header") != kSignature) malformed("no signature");
    const std::int32_t flags = c.int32("the header");
    // Bits 16-31 are critical: a reader must refuse one it does not know (bit 16: OIDs).
    if ((flags & static_cast<std::int32_t>(0xffff0000u)) != 0) malformed("unknown critical flags");
    const std::int32_t extension = c.int32("the header");
    if (extension < 0) malformed("a negative header extension");
    c.take(static_cast<std::size_t>(extension), "the header extension");
    header_read_ = true;
  }
  while (!c.done()) {
    if (ended_) malformed("bytes after the trailer");
    const std::int16_t count = c.int16("a row");
    if (count == -1) {
      ended_ = true;
      continue;
    }
    if (count < 0) malformed("a negative field count");
    fields_.resize(static_cast<std::size_t>(count));
    for (auto& field : fields_) {
      const std::int32_t length = c.int32("a field");
      if (length < -1) malformed("a negative field length");
      field = length == -1 ? std::nullopt : std::optional(c.take(static_cast<std::size_t>(length), "a field"));
    }
    row(fields_);
  }
  return !ended_;
}

}  // namespace rp::store::postgres
