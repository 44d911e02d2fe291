// gzip through zlib: a round trip gives back every byte, the output is a real gzip
// member (magic, method, trailer length), and damaged or oversized input is refused.
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "base/compressible_text.hpp"
#include "base/gzip.hpp"

namespace rp {
namespace {

std::string timeline_like(int items) {
  std::string s = "[";
  for (int i = 0; i < items; ++i)
    s += R"({"id":"visit-)" + std::to_string(i) + R"(","title":"Clinic visit","titles":{"fa":"ویزیت"}},)";
  s.back() = ']';
  return s;
}

TEST(Gzip, RoundTripKeepsEveryByte) {
  std::mt19937 random(7);
  std::string noise(5000, '\0');
  for (auto& c : noise) c = static_cast<char>(random());
  for (const std::string& text : {std::string(), std::string("x"), timeline_like(40), noise}) {
    for (const int level : {1, 6, 9}) EXPECT_EQ(gzip_decompress(gzip_compress(text, level), 1 << 20), text);
  }
}

TEST(Gzip, IsAGzipMemberAndRepetitiveJsonShrinks) {
  const std::string text = timeline_like(40);
  const std::string packed = gzip_compress(text);
  ASSERT_GE(packed.size(), 18U);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // RFC 1952 magic
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_EQ(packed[2], 8);  // deflate
  // The trailer ends with the input's length, little-endian.
  const auto* tail = reinterpret_cast<const unsigned char*>(packed.data() + packed.size() - 4);
  EXPECT_EQ(tail[0] | (tail[1] << 8) | (tail[2] << 16) | (tail[3] << 24), static_cast<int>(text.size()));
  EXPECT_LT(packed.size() * 5, text.size());
}

TEST(Gzip, DamagedTruncatedOrOversizedInputIsRefused) {
  const std::string text = timeline_like(40);
  const std::string packed = gzip_compress(text);
  EXPECT_THROW(gzip_decompress("not gzip at all", 1 << 20), std::runtime_error);
  EXPECT_THROW(gzip_decompress(packed.substr(0, packed.size() / 2), 1 << 20), std::runtime_error);
  std::string flipped = packed;
  flipped[packed.size() - 6] = static_cast<char>(flipped[packed.size() - 6] ^ 0x55);  // the CRC
  EXPECT_THROW(gzip_decompress(flipped, 1 << 20), std::runtime_error);
  // A small input that would inflate far past the limit: refused, not unpacked.
  const std::string bomb = gzip_compress(std::string(1 << 22, 'a'), 9);
  EXPECT_LT(bomb.size(), 10000U);
  EXPECT_THROW(gzip_decompress(bomb, 1 << 20), std::runtime_error);
}

TEST(CompressibleText, GzipFormIsMadeOnceAndSharedAcrossThreads) {
  const CompressibleText text(timeline_like(40));
  std::vector<const std::string*> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = &text.gzip(); });
  for (auto& t : threads) t.join();
  for (const auto* s : seen) EXPECT_EQ(s, seen[0]);
  EXPECT_EQ(gzip_decompress(*seen[0], 1 << 20), text.text());
}

}  // namespace
}  // namespace rp
