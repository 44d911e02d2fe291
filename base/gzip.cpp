#include "base/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace rp {
namespace {

// windowBits 15 plus 16: a gzip header and trailer instead of zlib's.
constexpr int kGzipWindow = 15 + 16;

Bytef* bytes(std::string_view s) { return reinterpret_cast<Bytef*>(const_cast<char*>(s.data())); }

// zlib counts in 32 bits; nothing regenpath sends or reads comes near that.
void check_size(std::string_view data) {
  if (data.size() > 0xffffffffu) throw std::runtime_error("gzip: data over 4 GiB");
}

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  check_size(data);
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: zlib would not start");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = bytes(data);
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  // The output buffer holds deflateBound bytes, so one call finishes the stream.
  const int rc = deflate(&z, Z_FINISH);
  const auto written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: compression did not finish");
  out.resize(written);
  return out;
}

std::string gzip_decompress(std::string_view data, std::size_t limit) {
  check_size(data);
  z_stream z{};
  if (inflateInit2(&z, kGzipWindow) != Z_OK) throw std::runtime_error("gzip: zlib would not start");
  z.next_in = bytes(data);
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char chunk[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(chunk, sizeof chunk - z.avail_out);
    if (out.size() > limit) {
      inflateEnd(&z);
      throw std::runtime_error("gzip: data inflates past " + std::to_string(limit) + " bytes");
    }
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) rc = Z_BUF_ERROR;  // truncated
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: not a whole gzip stream");
  return out;
}

}  // namespace rp
