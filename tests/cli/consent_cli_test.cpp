// `regenpath consent list|pdf|countersign|withdraw` as the operator types them, on a
// consent a patient signed (the row as the portal's signing leaves it: its API and
// browser tests sign for real): listed, countersigned by a named witness (the copy drawn
// again, its new hash what `pdf` writes), written to a file whose SHA-256 is the one the
// command prints, checked against the audit chain (a copy changed by one byte: exit 3),
// withdrawn with why; a withdrawal without one refused with exit 2 naming the reason, a
// second countersignature refused.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string signed_db() { return (scratch() / "signed-consent.db").string(); }
std::string signed_db_arg() { return "--db " + signed_db(); }

std::string sha256_of_file(const std::string& path) {
  std::string out;
  if (FILE* p = ::popen(("sha256sum " + path).c_str(), "r")) {
    char buf[128];
    if (std::fgets(buf, sizeof buf, p)) out = std::string(buf).substr(0, 64);
    ::pclose(p);
  }
  return out;
}

class ConsentCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::remove(signed_db());
    ASSERT_EQ(run("db init " + signed_db_arg(), "").exit_code, 0);
    ASSERT_EQ(run("centre add " + signed_db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه", "").exit_code, 0);
    ASSERT_EQ(run("patient add " + signed_db_arg() +
                      " --centre c1 --mrn S-1 --name-latin 'Maryam Rezaei' --birth-date 1962-05-01",
                  "")
                  .exit_code,
              0);
    const std::string file = (scratch() / "registry-consent.json").string();
    std::ofstream(file) << nlohmann::json{{"title_en", "Consent to the registry"},
                                          {"title_fa", "رضایت به سامانهٔ ثبت"},
                                          {"sections",
                                           {{{"heading", {{"en", "What is shared"}, {"fa", "چه چیزی"}}},
                                             {"body",
                                              {{"en", "Your answers, without your name."},
                                               {"fa", "پاسخ‌ها، بدون نام."}}}}}},
                                          {"questions", nlohmann::json::array()}}
                               .dump();
    ASSERT_EQ(
        run("consent-document save " + signed_db_arg() + " --centre c1 --kind registry --file " + file, "").exit_code,
        0);
    ASSERT_EQ(
        run("consent-document publish " + signed_db_arg() + " --centre c1 --kind registry --version 1", "").exit_code,
        0);
    SQLite::Database d(signed_db(), SQLite::OPEN_READWRITE);
    d.exec(
        "INSERT INTO consent_signatures (centre_id, patient_id, episode_id, document_id, protocol, kind, version, "
        "language, signed_name, strokes, answers, shown, pdf, pdf_sha256, signed_at) VALUES ('c1', 1, NULL, 1, "
        "'hip-msc-v1', 'registry', 1, 'en', 'Maryam Rezaei', '0.100 0.500,0.400 0.600', '', "
        "'{\"language\":\"en\",\"title\":\"Consent to the registry\",\"figures_as_of\":\"2026-12-01T08:00:00.000Z\","
        "\"sections\":[{\"heading\":\"What is shared\",\"blocks\":[{\"text\":\"Your answers, without your name.\","
        "\"figure\":false}]}],\"questions\":[]}', 'JVBERi0xLjQK', "
        "'0000000000000000000000000000000000000000000000000000000000000000', '2026-12-01T09:00:00.000Z')");
  }
};

TEST_F(ConsentCli, ListedCountersignedWrittenToAFileAndWithdrawn) {
  auto r = run("consent list " + signed_db_arg() + " --patient 1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.json().size(), 1U);
  EXPECT_EQ(r.json()[0]["kind"], "registry");
  EXPECT_TRUE(r.json()[0]["witnessed_at"].get<std::string>().empty());

  r = run("consent countersign 1 " + signed_db_arg() + " --by dr.karimi", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["witness_by"], "cli:dr.karimi");
  const std::string hash = r.json()["pdf_sha256"];
  EXPECT_EQ(hash.size(), 64U);
  EXPECT_NE(run("consent countersign 1 " + signed_db_arg() + " --by someone.else", "").exit_code, 0)
      << "countersigned once";

  const std::string file = (scratch() / "consent-1.pdf").string();
  r = run("consent pdf 1 " + signed_db_arg() + " --out " + file, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["pdf_sha256"], hash);
  EXPECT_EQ(sha256_of_file(file), hash) << "the file is the copy the audit chain hashed";
  std::ifstream in(file, std::ios::binary);
  std::string head(4, '\0');
  in.read(head.data(), 4);
  EXPECT_EQ(head, "%PDF");

  r = run("consent verify 1 " + signed_db_arg() + " --file " + file, "");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(r.json()["verified"].get<bool>());
  EXPECT_EQ(r.json()["audit"]["action"], "consent.countersign");
  EXPECT_EQ(r.json()["chain"], "unanchored");
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(20);
    f.put('~');
  }
  r = run("consent verify 1 " + signed_db_arg() + " --file " + file, "");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_FALSE(r.json()["verified"].get<bool>());

  r = run("consent withdraw 1 " + signed_db_arg() + " --reason ''", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "reason");
  r = run("consent withdraw 1 " + signed_db_arg() + " --reason 'the patient called to withdraw' --by coordinator.a",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.json()["standing"].get<bool>());
  EXPECT_EQ(r.json()["withdrawn_by"], "cli:coordinator.a");
}

}  // namespace
}  // namespace rp::cli_test
