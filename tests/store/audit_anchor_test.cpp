// Anchors: the signed line, its strict parser, the key file kept to its owner, and the
// append-only anchor file checked with the public key alone.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/error.hpp"
#include "store/audit_anchor.hpp"
#include "store/audit_anchor_file.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHead = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
constexpr const char* kAt = "2026-11-25T08:00:00.000Z";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AuditAnchor, ASignedLineParsesBackAndVerifiesWithItsKeyOnly) {
  const SigningKey key = generate_signing_key();
  const AuditAnchor a = sign_anchor(42, kHead, kAt, key);
  const std::string line = anchor_line(a);
  EXPECT_EQ(line.rfind(std::string("regenpath-audit-anchor v1 seq=42 head=") + kHead + " at=" + kAt + " key=", 0), 0u)
      << line;
  const auto back = parse_anchor_line(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, a);
  EXPECT_TRUE(anchor_signed_by(*back, key.public_key_hex()));
  EXPECT_FALSE(anchor_signed_by(*back, generate_signing_key().public_key_hex()));
  // Any field changed after signing: the signature no longer holds.
  AuditAnchor moved = a;
  moved.seq = 41;
  EXPECT_FALSE(anchor_signed_by(moved, key.public_key_hex()));
  AuditAnchor other_head = a;
  other_head.head[0] = 'd';
  EXPECT_FALSE(anchor_signed_by(other_head, key.public_key_hex()));
  // The same seed gives the same key: the key file holds only the seed.
  EXPECT_EQ(signing_key_from_seed(key.seed).public_key_hex(), key.public_key_hex());
}

TEST(AuditAnchor, OnlyTheExactFormatParses) {
  const AuditAnchor a = sign_anchor(7, kHead, kAt, generate_signing_key());
  const std::string good = anchor_line(a);
  ASSERT_TRUE(parse_anchor_line(good));
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  const std::vector<std::string> bad = {
      "",
      good + " ",
      good + "\n",
      " " + good,
      replaced("seq=7", "seq=07"),
      replaced("seq=7", "seq=-7"),
      replaced("seq=7", "seq="),
      replaced("seq=7", "seq=1234567890123456789"),
      replaced(std::string("head=") + kHead, "head=" + std::string(64, 'C')),
      replaced(std::string("head=") + kHead, "head=" + std::string(63, 'c')),
      replaced(kAt, "2026-11-25T08:00:00Z"),
      replaced(kAt, "2026-13-25T08:00:00.000Z"),
      replaced(kAt, "2026-11-25 08:00:00.000Z"),
      replaced(" key=", "  key="),
      replaced("v1", "v2"),
      replaced(" sig=", " sig=0"),
      replaced("seq=7 head=", std::string("head=") + kHead + " seq=7 head="),
  };
  for (const auto& line : bad) {
    std::string why;
    EXPECT_FALSE(parse_anchor_line(line, &why)) << line;
    EXPECT_FALSE(why.empty()) << line;
  }
}

TEST(AnchorFile, TheKeyIsCreatedOnceReadableByItsOwnerOnly) {
  test::TempDb dir;
  const std::string path = (dir.dir() / "keys" / "audit-signing.key").string();
  const SigningKey first = load_or_create_signing_key(path);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(slurp(public_key_path(path)), first.public_key_hex() + "\n");
  EXPECT_EQ(read_public_key_file(public_key_path(path), "public_key"), first.public_key_hex());
  // Read again, the same key.
  EXPECT_EQ(load_or_create_signing_key(path).public_key_hex(), first.public_key_hex());
  // A key others may read is refused, naming the setting.
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  try {
    load_or_create_signing_key(path);
    FAIL() << "a group-readable key was used";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "audit_key");
    EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
  }
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  // A public key file that is not this key's is refused, not overwritten.
  std::ofstream(public_key_path(path)) << generate_signing_key().public_key_hex() << "\n";
  EXPECT_THROW(load_or_create_signing_key(path), InputError);
  std::ofstream(path) << "not a key\n";
  EXPECT_THROW(load_or_create_signing_key(path), InputError);
}

TEST(AnchorFile, LinesAreCheckedWithTheTrustedKeyAndEveryOtherLineNamed) {
  test::TempDb dir;
  const std::string path = (dir.dir() / "a.anchors").string();
  const SigningKey key = generate_signing_key();
  append_anchor_line(path, anchor_line(sign_anchor(3, kHead, kAt, key)));
  // A line cut short by a crash, then the next anchor: it starts on a line of its own.
  std::ofstream(path, std::ios::app) << "regenpath-audit-anchor v1 seq=4 he";
  append_anchor_line(path, anchor_line(sign_anchor(5, kHead, kAt, key)));
  std::ofstream(path, std::ios::app) << anchor_line(sign_anchor(6, kHead, kAt, generate_signing_key())) << "\n";
  const AnchorFile f = read_anchor_file(path, key.public_key_hex());
  EXPECT_TRUE(f.exists);
  ASSERT_EQ(f.anchors.size(), 2u);
  EXPECT_EQ(f.anchors[0].line, 1u);
  EXPECT_EQ(f.anchors[1].line, 3u);
  EXPECT_EQ(f.anchors[1].anchor.seq, 5);
  ASSERT_EQ(f.defects.size(), 2u);
  EXPECT_EQ(f.defects[0].line, 2u);
  EXPECT_EQ(f.defects[1].line, 4u);
  EXPECT_NE(f.defects[1].why.find("another key"), std::string::npos);
  EXPECT_FALSE(read_anchor_file((dir.dir() / "none").string(), key.public_key_hex()).exists);
}

}  // namespace
}  // namespace rp::store
