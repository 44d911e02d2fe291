// `regenpath consent-document save|publish|list` as the operator types them: a treatment
// consent written from a JSON file, published, listed; a file with a claim's figure
// written as a fact refused with exit 2 naming the field, nothing written.
#include <gtest/gtest.h>

#include <fstream>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string consent_db() { return (scratch() / "consent.db").string(); }
std::string consent_db_arg() { return "--db " + consent_db(); }

class ConsentDocumentCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove(consent_db());
    ASSERT_EQ(run("db init " + consent_db_arg(), "").exit_code, 0);
    ASSERT_EQ(run("centre add " + consent_db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه", "").exit_code, 0);
  }
  static std::string document_file(const std::string& body_en) {
    const std::string file = (scratch() / "consent.json").string();
    const nlohmann::json doc = {
        {"title_en", "Consent to the treatment"},
        {"title_fa", "رضایت به درمان"},
        {"sections", {{{"heading", {{"en", "Risks"}, {"fa", "خطرها"}}}, {"body", {{"en", body_en}, {"fa", "درد."}}}}}},
        {"questions", nlohmann::json::array()}};
    std::ofstream(file) << doc.dump();
    return file;
  }
};

TEST_F(ConsentDocumentCli, WrittenFromAFilePublishedAndListed) {
  auto r = run("consent-document save " + consent_db_arg() + " --centre c1 --kind treatment --file " +
                   document_file("Pain for two days.\n\n{{claim:serious-side-effects-under-1}}"),
               "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["version"], 1);
  r = run("consent-document publish " + consent_db_arg() + " --centre c1 --kind treatment --version 1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["published_by"], "cli");
  r = run("consent-document list " + consent_db_arg() + " --centre c1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.json()["documents"].size(), 1U);
  EXPECT_EQ(r.json()["documents"][0]["published_version"], 1);
}

TEST_F(ConsentDocumentCli, AClaimsFigureWrittenAsAFactIsRefused) {
  const auto r = run("consent-document save " + consent_db_arg() + " --centre c1 --kind treatment --file " +
                         document_file("Serious side effects happen in less than 1 % of cases."),
                     "");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.error_field(), "sections[0].body_en");
  EXPECT_TRUE(run("consent-document list " + consent_db_arg() + " --centre c1", "").json()["documents"].empty());
}

}  // namespace
}  // namespace rp::cli_test
