#pragma once
// One gzip member (RFC 1952) made of pieces compressed apart, as pigz joins its blocks:
// each piece is a raw deflate stream (RFC 1951) ended on a byte boundary by a sync flush,
// the last ended by a final block instead, so that the pieces laid end to end between one
// gzip header and one trailer are a single deflate stream (a piece's back-references stay
// within it), and the trailer's CRC-32 is the pieces' combined (zlib's crc32_combine).
// The registry's NDJSON answer is compressed so, each table's rows into their own piece as
// the store hands them out, and sent piece after piece without being compressed again.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace rp {

class DeflatePiece {
 public:
  // `out` receives the compressed bytes as they are made. Level 1 (fast) to 9 (small).
  DeflatePiece(int level, std::function<void(std::string_view)> out);
  ~DeflatePiece();
  DeflatePiece(const DeflatePiece&) = delete;
  DeflatePiece& operator=(const DeflatePiece&) = delete;

  void add(std::string_view data);
  // Ends the piece: with a sync flush, or with the final block when it is the last piece.
  // Nothing may be added after.
  void end(bool last);

  std::uint32_t crc() const { return crc_; }
  std::uint64_t size() const { return size_; }

 private:
  void deflate_all(int flush);

  struct Stream;
  std::unique_ptr<Stream> z_;
  std::function<void(std::string_view)> out_;
  std::uint32_t crc_ = 0;
  std::uint64_t size_ = 0;
  bool ended_ = false;
};

// The gzip header (no name, no time: the same bytes every time) and the trailer of the
// whole: the CRC-32 and the size of the uncompressed data.
std::string gzip_header();
std::string gzip_trailer(std::uint32_t crc, std::uint64_t size);
// The CRC-32 of A then B, from A's and B's and B's size.
std::uint32_t crc32_joined(std::uint32_t crc_a, std::uint32_t crc_b, std::uint64_t size_b);

}  // namespace rp
