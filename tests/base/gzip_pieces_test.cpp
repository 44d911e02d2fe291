// Pieces compressed apart and laid end to end between one gzip header and trailer are one
// gzip member: zlib inflates them to the pieces' text in order, its CRC-32 and size check
// out, an empty piece anywhere is harmless, and a piece's own text may repeat another's
// (no back-reference crosses a piece's start).
#include <gtest/gtest.h>

#include <random>

#include "base/gzip.hpp"
#include "base/gzip_pieces.hpp"

namespace rp {
namespace {

std::string joined(const std::vector<std::string>& texts, int level = 1) {
  std::string body = gzip_header();
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
  bool first = true;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::string piece;
    DeflatePiece p(level, [&](std::string_view bytes) { piece.append(bytes); });
    // Added in slices, as rows come.
    for (std::size_t at = 0; at < texts[i].size(); at += 1000) p.add(std::string_view(texts[i]).substr(at, 1000));
    p.end(i + 1 == texts.size());
    crc = first ? p.crc() : crc32_joined(crc, p.crc(), p.size());
    first = false;
    size += p.size();
    body += piece;
  }
  return body + gzip_trailer(crc, size);
}

TEST(GzipPieces, PiecesEndToEndInflateToTheirTextInOrder) {
  std::mt19937 random(7);
  std::vector<std::string> texts;
  for (int t = 0; t < 5; ++t) {
    std::string text;
    for (int line = 0; line < 2000 + t * 500; ++line)
      text += "{\"table\":\"t" + std::to_string(t) + "\",\"row\":{\"n\":" + std::to_string(random() % 1000) + "}}\n";
    texts.push_back(std::move(text));
  }
  texts.insert(texts.begin() + 2, "");  // a table without rows
  texts.push_back(texts[0]);            // a piece the same as an earlier one
  std::string all;
  for (const auto& t : texts) all += t;
  const std::string body = joined(texts);
  EXPECT_LT(body.size(), all.size() / 4);
  EXPECT_EQ(gzip_decompress(body, all.size()), all);
  // A trailer that does not match is caught by the inflater: the CRC is checked.
  std::string bad = body;
  bad[bad.size() - 8] = static_cast<char>(bad[bad.size() - 8] ^ 1);
  EXPECT_THROW(gzip_decompress(bad, all.size()), std::runtime_error);
}

TEST(GzipPieces, OnePieceIsPlainGzipAndAnEmptyLastPieceEndsTheStream) {
  EXPECT_EQ(gzip_decompress(joined({"hello, registry\n"}, 6), 100), "hello, registry\n");
  EXPECT_EQ(gzip_decompress(joined({"a\n", "b\n", ""}), 100), "a\nb\n");
  EXPECT_EQ(gzip_decompress(joined({""}), 100), "");
}

}  // namespace
}  // namespace rp
