// `regenpath evidence import|list|withdraw` as the operator types them: the shipped
// starting file imported (again: nothing changes), listed with each claim's randomised
// support, an entry withdrawn; a file with one bad entry refused with exit 2 naming it,
// nothing written. The outcome report carries the evidence beside its claims: in its JSON
// and, in the reader's language, in its HTML claims table, a withdrawn entry no longer.
#include <gtest/gtest.h>

#include <fstream>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string evidence_db() { return (scratch() / "evidence.db").string(); }
std::string evidence_db_arg() { return "--db " + evidence_db(); }

class EvidenceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove(evidence_db());
    ASSERT_EQ(run("db init " + evidence_db_arg(), "").exit_code, 0);
  }
};

TEST_F(EvidenceCli, TheStartingFileIsImportedListedAndAnEntryWithdrawn) {
  const std::string seed = std::string(RP_SOURCE_DIR) + "/claims/seed-evidence.yaml";
  auto r = run("evidence import " + evidence_db_arg() + " --file " + seed, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int written = r.json()["written"];
  EXPECT_GE(written, 5);
  EXPECT_EQ(run("evidence import " + evidence_db_arg() + " --file " + seed, "").json()["written"], 0)
      << "the same again";
  r = run("evidence list " + evidence_db_arg() + " --protocol hip-msc-v1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["entries"].size(), static_cast<std::size_t>(written));
  r = run("report outcomes " + evidence_db_arg() + " --format json", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["evidence"]["entries"].size(), static_cast<std::size_t>(written));
  std::string html = run("report outcomes " + evidence_db_arg() + " --format html --lang fa", "").out;
  EXPECT_NE(html.find("MILES trial"), std::string::npos);
  // clang-format never settles on Persian with zero-width non-joiners: as written.
  // clang-format off
  EXPECT_NE(html.find("کارآزمایی تصادفی‌شده"), std::string::npos) << "the design in the reader's language";
  EXPECT_NE(html.find("هیچ کارآزمایی تصادفی‌شده یا مرور نظام‌مندی این ادعا را تأیید نکرده است."), std::string::npos);
  // clang-format on
  r = run("evidence withdraw " + evidence_db_arg() + " --id miles-2023 --reason 'checked against the full text'", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["withdrawn_reason"], "checked against the full text");
  EXPECT_EQ(run("evidence list " + evidence_db_arg() + " --protocol hip-msc-v1", "").json()["entries"].size(),
            static_cast<std::size_t>(written - 1));
  html = run("report outcomes " + evidence_db_arg() + " --format html", "").out;
  EXPECT_EQ(html.find("MILES trial"), std::string::npos) << "a withdrawn entry is not shown";
  EXPECT_NE(html.find("No randomised trial or systematic review supports this claim."), std::string::npos);
}

TEST_F(EvidenceCli, AFileWithOneBadEntryIsRefusedWhole) {
  const std::string file = (scratch() / "bad-evidence.yaml").string();
  std::ofstream(file) << "evidence:\n"
                         "  - {id: good-one, protocol: hip-msc-v1, claims: [success-75-85], citation: A, year: 2020,\n"
                         "     design: cohort, stance: inconclusive, finding: {en: a, fa: b}, link: 'https://e.org'}\n"
                         "  - {id: bad-one, protocol: hip-msc-v1, claims: [success-75-85], citation: B, year: 2020,\n"
                         "     design: cohort, stance: inconclusive, finding: {en: a, fa: b}, link: 'http://e.org'}\n";
  const auto r = run("evidence import " + evidence_db_arg() + " --file " + file, "");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.error_field(), "evidence[1].link") << r.err;
  EXPECT_TRUE(run("evidence list " + evidence_db_arg() + " --protocol hip-msc-v1", "").json()["entries"].empty());
}

}  // namespace
}  // namespace rp::cli_test
