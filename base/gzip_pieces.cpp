#include "base/gzip_pieces.hpp"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>

namespace rp {

struct DeflatePiece::Stream {
  z_stream z{};
};

DeflatePiece::DeflatePiece(int level, std::function<void(std::string_view)> out)
    : z_(std::make_unique<Stream>()), out_(std::move(out)), crc_(static_cast<std::uint32_t>(crc32(0, nullptr, 0))) {
  // Negative window bits: raw deflate, no zlib or gzip wrapper of its own.
  if (deflateInit2(&z_->z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: zlib would not start");
}

DeflatePiece::~DeflatePiece() { deflateEnd(&z_->z); }

void DeflatePiece::deflate_all(int flush) {
  char chunk[65536];
  do {
    z_->z.next_out = reinterpret_cast<Bytef*>(chunk);
    z_->z.avail_out = sizeof chunk;
    const int rc = deflate(&z_->z, flush);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("gzip: compression failed");
    if (const std::size_t made = sizeof chunk - z_->z.avail_out; made > 0) out_(std::string_view(chunk, made));
  } while (z_->z.avail_out == 0 || z_->z.avail_in > 0);
}

void DeflatePiece::add(std::string_view data) {
  if (ended_) throw std::logic_error("gzip: a piece added to after its end");
  while (!data.empty()) {
    // zlib counts in 32 bits: a large text goes in slices.
    const std::size_t slice = std::min<std::size_t>(data.size(), 1U << 30);
    const auto* in = reinterpret_cast<const Bytef*>(data.data());
    crc_ = static_cast<std::uint32_t>(crc32(crc_, in, static_cast<uInt>(slice)));
    size_ += slice;
    z_->z.next_in = const_cast<Bytef*>(in);
    z_->z.avail_in = static_cast<uInt>(slice);
    deflate_all(Z_NO_FLUSH);
    data.remove_prefix(slice);
  }
}

void DeflatePiece::end(bool last) {
  if (ended_) return;
  ended_ = true;
  z_->z.avail_in = 0;
  deflate_all(last ? Z_FINISH : Z_SYNC_FLUSH);
}

std::string gzip_header() {
  // ID1 ID2, deflate, no flags, no time, no extra flags, OS unknown (255).
  return std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
}

std::string gzip_trailer(std::uint32_t crc, std::uint64_t size) {
  std::string out(8, '\0');
  const auto size32 = static_cast<std::uint32_t>(size & 0xffffffffu);  // ISIZE: the size modulo 2^32
  for (int i = 0; i < 4; ++i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>((crc >> (8 * i)) & 0xff);
    out[static_cast<std::size_t>(4 + i)] = static_cast<char>((size32 >> (8 * i)) & 0xff);
  }
  return out;
}

std::uint32_t crc32_joined(std::uint32_t crc_a, std::uint32_t crc_b, std::uint64_t size_b) {
  return static_cast<std::uint32_t>(
      crc32_combine(crc_a, crc_b, static_cast<z_off_t>(size_b)));  // z_off_t: 64 bits here
}

}  // namespace rp
