#pragma once
// PostgreSQL's binary COPY format (COPY ... TO STDOUT (FORMAT binary)) as libpq hands it
// over: one CopyData message at a time, the first opening with the file header, each
// holding whole rows, the last the trailer. A bulk read streams through it row by row
// while the server is still sending, instead of waiting for one result of every row.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace rp::store::postgres {

// A row's fields as sent (integers big-endian, text and bytea as their bytes), a null one
// as nullopt; valid during the call that hands them over.
using CopyFields = std::span<const std::optional<std::string_view>>;

class BinaryCopyReader {
 public:
  // Reads one message, calling `row` for each row in it. Returns false once the trailer
  // is read. Throws PgError for bytes that are not the format (a header missing or
  // unknown, a row or field that runs past the message, anything after the trailer).
  bool message(std::string_view bytes, const std::function<void(CopyFields)>& row);

 private:
  bool header_read_ = false, ended_ = false;
  std::vector<std::optional<std::string_view>> fields_;
};

}  // namespace rp::store::postgres
