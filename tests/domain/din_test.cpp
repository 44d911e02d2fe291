// The ISBT 128 DIN and its ISO/IEC 7064 MOD 37-2 check character (domain/product/din.hpp).
// The worked examples were computed by hand step by step with the recursive form; the test
// checks them and every DIN it builds against the standard's other definition, the
// weighted sum (weights 2^13 .. 2^1 and the check character's weight 1 sum to 1 mod 37).
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "base/error.hpp"
#include "domain/product/din.hpp"

namespace rp::product {
namespace {

int value_of(char c) { return c == '*' ? 36 : (c <= '9' ? c - '0' : c - 'A' + 10); }

// The pure-system property of MOD 37-2: sum of value * 2^(n - i) over the string and its
// check character (weight 2^0) is 1 mod 37.
int weighted_sum_mod37(const std::string& with_check) {
  long long sum = 0, weight = 1;
  for (auto it = with_check.rbegin(); it != with_check.rend(); ++it) {
    sum = (sum + value_of(*it) * weight) % 37;
    weight = (weight * 2) % 37;
  }
  return static_cast<int>(sum);
}

std::string error_code(const std::function<void()>& f, std::string* field = nullptr) {
  try {
    f();
  } catch (const InputError& e) {
    if (field) *field = e.field();
    return e.code();
  }
  return "";
}

TEST(Din, WorkedExamplesByHand) {
  // A999914123456: p runs 20 21 23 27 35 35 4 10 24 17 5 20 15; (38 - 15) mod 37 = 23 = 'N'.
  const Din a = parse_din("A999914123456");
  EXPECT_EQ(a.check_value(), 23);
  EXPECT_EQ(a.check(), 'N');
  EXPECT_EQ(a.flag(), "83");
  EXPECT_EQ(a.with_check(), "A999914123456N");
  EXPECT_EQ(a.scan_data(), "=A99991412345683");
  // G151724123456: p ends at 24; (38 - 24) mod 37 = 14 = 'E'.
  const Din g = parse_din("G151724123456");
  EXPECT_EQ(g.check(), 'E');
  EXPECT_EQ(g.flag(), "74");
  EXPECT_EQ(g.facility(), "G1517");
  EXPECT_EQ(g.year(), "24");
  EXPECT_EQ(g.sequence(), "123456");
  for (const auto& d : {a, g}) EXPECT_EQ(weighted_sum_mod37(d.with_check()), 1) << d.text();
}

TEST(Din, CheckCharactersCoverTheWholeSetAndSatisfyTheWeightedSum) {
  // Over many sequence numbers every check value 0..36 turns up (the '*' of 36 included),
  // and each one makes the weighted sum 1 mod 37.
  std::vector<bool> seen(37, false);
  for (int seq = 0; seq < 2000; ++seq) {
    const Din d = make_din("W1234", "26", seq);
    seen[static_cast<std::size_t>(d.check_value())] = true;
    ASSERT_EQ(weighted_sum_mod37(d.with_check()), 1) << d.with_check();
    ASSERT_EQ(parse_din(d.with_check()), d);
    ASSERT_EQ(parse_din(d.scan_data()), d);
  }
  for (int v = 0; v < 37; ++v) EXPECT_TRUE(seen[static_cast<std::size_t>(v)]) << v;
  EXPECT_EQ(check_character(36), '*');
}

TEST(Din, EverySingleCharacterSlipIsCaught) {
  // MOD 37-2 catches every single substitution: no one-character change of DIN or check
  // still passes as a 14-character DIN.
  const std::string good = parse_din("A999914123456").with_check();
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (std::size_t i = 0; i < good.size(); ++i)
    for (char c : alphabet) {
      if (c == good[i]) continue;
      std::string typo = good;
      typo[i] = c;
      EXPECT_NE(error_code([&] { parse_din(typo); }), "") << typo;
    }
}

TEST(Din, ReadsTypedAndScannedForms) {
  EXPECT_EQ(parse_din("  a999914123456n\r\n").text(), "A999914123456");
  EXPECT_EQ(parse_din("=A99991412345683").text(), "A999914123456");
  // Flags 00-59 carry no check: the DIN is read as it is.
  EXPECT_EQ(parse_din("=A99991412345600").text(), "A999914123456");
}

TEST(Din, RefusesEachSlipNamingTheRule) {
  std::string field;
  EXPECT_EQ(error_code([] { parse_din("A999914123456X"); }, &field), "din_check_character");
  EXPECT_EQ(field, "din");
  try {
    parse_din("A999914123456X");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'N'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(error_code([] { parse_din("=A99991412345684"); }), "din_flag_mismatch");
  EXPECT_EQ(error_code([] { parse_din("=A99991412345697"); }), "din_flag");
  EXPECT_EQ(error_code([] { parse_din("=A999914123456X3"); }), "din_flag");
  EXPECT_EQ(error_code([] { parse_din("A99991412345"); }), "din_length");
  EXPECT_EQ(error_code([] { parse_din("=A999914123456"); }), "din_length");
  EXPECT_EQ(error_code([] { parse_din(""); }), "required");
  EXPECT_EQ(error_code([] { parse_din("A9999-4123456"); }), "din_character");
  EXPECT_EQ(error_code([] { parse_din("O999914123456"); }), "din_facility");
  EXPECT_EQ(error_code([] { parse_din("09999141234567"); }), "din_facility");
  EXPECT_EQ(error_code([] { parse_din("A9999X4123456"); }), "din_year");
  EXPECT_EQ(error_code([] { parse_din("A99991412345B"); }), "din_sequence");
  EXPECT_EQ(error_code([] { parse_din("A99991412345*"); }), "din_character");
}

TEST(Din, MakesNewDinsFromParts) {
  const Din d = make_din("A9999", "14", 123456);
  EXPECT_EQ(d.text(), "A999914123456");
  EXPECT_EQ(make_din("A9999", "6", 7).text(), "A999906000007");
  std::string field;
  EXPECT_EQ(error_code([] { make_din("A999", "14", 1); }, &field), "din_facility");
  EXPECT_EQ(field, "facility");
  EXPECT_EQ(error_code([] { make_din("A99-9", "14", 1); }, &field), "din_facility");
  EXPECT_EQ(field, "facility");
  EXPECT_EQ(error_code([] { make_din("A9999", "2x", 1); }, &field), "din_year");
  EXPECT_EQ(field, "year");
  EXPECT_EQ(error_code([] { make_din("A9999", "14", 1000000); }, &field), "din_sequence_range");
  EXPECT_EQ(field, "seq");
  EXPECT_EQ(error_code([] { make_din("A9999", "14", -1); }, &field), "din_sequence_range");
}

}  // namespace
}  // namespace rp::product
