#pragma once
// gzip (RFC 1952) through zlib: what an HTTP response is sent as when the client accepts
// it. A JSON timeline or a web-app bundle shrinks to a fifth or less.
#include <cstddef>
#include <string>
#include <string_view>

namespace rp {

// Level 1 (fast) to 9 (small); zlib's default is 6.
std::string gzip_compress(std::string_view data, int level = 6);

// The data of one gzip member; throws std::runtime_error when `data` is not gzip or would
// inflate past `limit` bytes (a bomb is refused, not unpacked).
std::string gzip_decompress(std::string_view data, std::size_t limit);

}  // namespace rp
