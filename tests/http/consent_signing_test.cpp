// Signing the centre's consents over HTTP (issue 21): a Persian patient reads the treatment
// consent filled with the centre's figures in the portal, a wrong answer is refused naming
// the question, a right signing answers 201 and its PDF (in Persian, with the typed name and
// the centre's figure) hashes to what the audit row and the answer say; the surgeon sees it
// and countersigns, which redraws it with a new hash; the patient downloads it and
// withdraws a consent (signed with the typed name alone), which clears its flag; another
// centre, the lab and another patient reach nothing; bad bodies change nothing.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include <cstdlib>
#include <fstream>

#include "audit_rows_support.hpp"
#include "http_test_support.hpp"
#include "pdf_text_support.hpp"

namespace rp::test {
namespace {

std::string sha256_hex(const std::string& bytes) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[sizeof d * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, d, sizeof d);
  return hex;
}

class ConsentSigningOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("clinic.db");
    ids_ = seed(db_);
    log_ = dir_.file("log");
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, log_);
    surgeon_.port = admin_.port = coordinator_.port = other_coordinator_.port = lab_.port = server_->port();
    ASSERT_EQ(surgeon_.login("surgeon.a").status, 200);
    ASSERT_EQ(admin_.login("admin.a").status, 200);
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(other_coordinator_.login("coordinator.b").status, 200);
    ASSERT_EQ(lab_.login("lab.a").status, 200);
    const nlohmann::json miles{{"protocol", "hip-msc-v1"},
                               {"claims", {"success-75-85"}},
                               {"citation", "MILES trial, Nature Medicine 2023"},
                               {"year", 2023},
                               {"design", "randomised_trial"},
                               {"n", 480},
                               {"stance", "contradicts"},
                               {"finding_en", "No cell product relieved pain better than a steroid injection."},
                               {"finding_fa", "هیچ فراوردهٔ سلولی بیش از تزریق کورتون درد را کم نکرد."},
                               {"link", "https://www.nature.com/articles/s41591-023-02632-w"}};
    ASSERT_EQ(surgeon_.call("PUT", "/api/v1/evidence/miles-2023", miles.dump()).status, 200);
    for (const char* kind : {"treatment", "registry"}) {
      ASSERT_EQ(
          surgeon_.call("PUT", std::string("/api/v1/centres/a/consent-documents/") + kind, document().dump()).status,
          200);
      ASSERT_EQ(admin_
                    .call("POST", std::string("/api/v1/centres/a/consent-documents/") + kind + "/publication",
                          nlohmann::json{{"version", 1}}.dump())
                    .status,
                200);
    }
    patient_ = patient_client(server_->port(), log_, ids_.patient_a);
    ASSERT_NE(patient_.port, 0);
  }
  static nlohmann::json document() {
    return {
        {"title_en", "Consent to the treatment"},
        {"title_fa", "رضایت‌نامهٔ درمان با سلول"},
        {"sections",
         {{{"heading", {{"en", "What is done"}, {"fa", "چه انجام می‌شود"}}},
           {"body",
            {{"en", "Cells are taken from your hip bone.\n\n{{claim:success-75-85}}"},
             {"fa",
              "سلول‌ها از استخوان لگن گرفته می‌شود.\n\n{{claim:success-75-85}}"}}}}}},
        {"questions",
         {{{"prompt", {{"en", "Is the treatment proven?"}, {"fa", "آیا درمان اثبات‌شده است؟"}}},
           {"options", {{{"en", "Yes"}, {"fa", "بله"}}, {{"en", "No"}, {"fa", "نه"}}}},
           {"correct", 1}}}}};
  }
  nlohmann::json signing(int answer = 1) const {
    return {{"episode", ids_.episode_a},
            {"language", "fa"},
            {"answers", {{{"option", answer}}}},
            {"name", "مریم رضایی"},
            {"signature", "0.100 0.500,0.300 0.300,0.500 0.600;0.600 0.400,0.900 0.450"}};
  }
  Reply sign(const nlohmann::json& body, const std::string& kind = "treatment") {
    return patient_.post("/api/v1/me/consents/" + kind + "/signature", body);
  }
  std::string audit_detail(const std::string& action) const {
    SQLite::Database d(db_, SQLite::OPEN_READONLY);
    SQLite::Statement q(d, "SELECT detail FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1");
    q.bind(1, action);
    return q.executeStep() ? q.getColumn(0).getString() : "";
  }
  // Where a run leaves the signed copies to look at (RP_KEEP_CONSENT_PDFS=DIR), none by default.
  static void keep(const std::string& pdf, const std::string& name) {
    if (const char* dir = std::getenv("RP_KEEP_CONSENT_PDFS"))
      std::ofstream(std::string(dir) + "/" + name + ".pdf", std::ios::binary) << pdf;
  }

  TempDir dir_;
  std::string db_, log_;
  Seeded ids_;
  std::unique_ptr<ServerProcess> server_;
  Client surgeon_, admin_, coordinator_, other_coordinator_, lab_, patient_;
};

TEST_F(ConsentSigningOverHttp, APatientSignsOnThePortalAndTheCopyIsVerifiedAgainstTheAuditChain) {
  Reply r = patient_.get("/api/v1/me/consents?lang=fa");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto docs = r.json()["documents"];
  ASSERT_EQ(docs.size(), 2U) << "the treatment for the open episode, and the registry";
  EXPECT_EQ(docs[0]["kind"], "treatment");
  EXPECT_EQ(docs[0]["episode"], ids_.episode_a);
  EXPECT_EQ(docs[0]["title"], "رضایت‌نامهٔ درمان با سلول");
  EXPECT_TRUE(docs[0]["signed"].is_null());
  ASSERT_GE(docs[0]["sections"].size(), 2U);
  const auto figure = docs[0]["sections"][0]["blocks"][1];
  EXPECT_TRUE(figure["figure"].get<bool>());
  EXPECT_NE(figure["text"].get<std::string>().find("در این مرکز"), std::string::npos) << figure;

  r = sign(signing(0));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "answers[0]");
  auto no_episode = signing();
  no_episode.erase("episode");
  EXPECT_EQ(sign(no_episode).json()["error"]["field"], "episode");
  auto bad = signing();
  bad["signature"] = "0.1 0.2;x y";
  EXPECT_EQ(sign(bad).json()["error"]["field"], "signature");
  bad = signing();
  bad["language"] = "de";
  EXPECT_EQ(sign(bad).json()["error"]["field"], "language");
  EXPECT_EQ(audit_rows_of(db_, "consent.sign"), 0) << "nothing refused is written";

  r = sign(signing());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json()["id"].get<std::int64_t>();
  const std::string hash = r.json()["pdf_sha256"];
  EXPECT_EQ(hash.size(), 64U);
  EXPECT_EQ(r.json()["signed_name"], "مریم رضایی");
  EXPECT_NE(audit_detail("consent.sign").find("sha256 " + hash), std::string::npos) << "the hash is in the chain";
  EXPECT_EQ(sign(signing()).status, 409) << "signed once";

  r = patient_.get("/api/v1/me/consent-signatures/" + std::to_string(id) + "/pdf");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  EXPECT_EQ(sha256_hex(r.body), hash);
  keep(r.body, "signed-fa");
  const std::string text = pdf_text(dir_, r.body, "signed");
  EXPECT_NE(text.find("مریم رضایی"), std::string::npos) << text;
  EXPECT_NE(text.find("MILES"), std::string::npos) << "the published evidence as shown";

  // The clinic: the surgeon sees and countersigns; another centre, the lab see nothing.
  const std::string list = "/api/v1/patients/" + std::to_string(ids_.patient_a) + "/consents";
  r = surgeon_.get(list);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json().size(), 1U);
  EXPECT_TRUE(r.json()[0]["witnessed_at"].get<std::string>().empty());
  EXPECT_EQ(other_coordinator_.get(list).status, 404);
  EXPECT_EQ(lab_.get(list).status, 403);
  const std::string at = "/api/v1/consent-signatures/" + std::to_string(id);
  EXPECT_EQ(other_coordinator_.post(at + "/countersignature", nlohmann::json::object()).status, 404);
  EXPECT_EQ(other_coordinator_.get(at + "/pdf").status, 404);
  r = surgeon_.post(at + "/countersignature", nlohmann::json::object());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["witness_by"], "surgeon.a");
  const std::string witnessed = r.json()["pdf_sha256"];
  EXPECT_NE(witnessed, hash);
  EXPECT_NE(audit_detail("consent.countersign").find(witnessed), std::string::npos);
  EXPECT_EQ(coordinator_.post(at + "/countersignature", nlohmann::json::object()).status, 409);
  r = coordinator_.get(at + "/pdf");
  EXPECT_EQ(sha256_hex(r.body), witnessed);
  keep(r.body, "countersigned-fa");
  EXPECT_NE(pdf_text(dir_, r.body, "countersigned").find("surgeon.a"), std::string::npos);

  // A later version of the document: the signed copy stays as it was.
  auto changed = document();
  changed["title_en"] = "Consent to the autologous cell treatment";
  ASSERT_EQ(surgeon_.call("PUT", "/api/v1/centres/a/consent-documents/treatment", changed.dump()).status, 200);
  ASSERT_EQ(admin_
                .call("POST", "/api/v1/centres/a/consent-documents/treatment/publication",
                      nlohmann::json{{"version", 2}}.dump())
                .status,
            200);
  EXPECT_EQ(sha256_hex(patient_.get("/api/v1/me/consent-signatures/" + std::to_string(id) + "/pdf").body), witnessed);
  EXPECT_TRUE(patient_.get("/api/v1/me/consents?lang=en").json()["documents"][0]["signed"].is_null())
      << "version 2 asks for a new signature";
}

TEST_F(ConsentSigningOverHttp, AWithdrawnConsentClearsItsFlagAndAnotherPatientReachesNothing) {
  // Signed with the typed name alone (the patient cannot draw); a drawing beside it is refused.
  auto body = signing();
  body.erase("episode");
  body["language"] = "en";
  body["typed_only"] = true;
  EXPECT_EQ(sign(body, "registry").json()["error"]["field"], "signature");
  body.erase("signature");
  Reply r = sign(body, "registry");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(r.json()["episode"].is_null());
  EXPECT_FALSE(r.json()["drawn"].get<bool>());
  const auto id = r.json()["id"].get<std::int64_t>();
  const std::string copy = patient_.get("/api/v1/me/consent-signatures/" + std::to_string(id) + "/pdf").body;
  keep(copy, "registry-en");
  EXPECT_NE(pdf_text(dir_, copy, "typed").find("Signed with the typed name alone"), std::string::npos);
  const std::string patient_path = "/api/v1/patients/" + std::to_string(ids_.patient_a);
  EXPECT_TRUE(coordinator_.get(patient_path).json()["consent"]["registry"].get<bool>());
  const std::string withdrawal = "/api/v1/me/consent-signatures/" + std::to_string(id) + "/withdrawal";
  EXPECT_EQ(patient_.post(withdrawal, {{"reason", ""}}).status, 422);
  r = patient_.post(withdrawal, {{"reason", "I do not want my data in the registry"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json()["standing"].get<bool>());
  EXPECT_FALSE(coordinator_.get(patient_path).json()["consent"]["registry"].get<bool>());
  EXPECT_EQ(patient_.post(withdrawal, {{"reason", "again"}}).status, 409);
  EXPECT_EQ(audit_rows_of(db_, "consent.withdraw"), 1);

  // The other centre's patient shares the mobile number: signed in as them, nothing here is theirs.
  Client other = patient_client(server_->port(), log_, ids_.patient_b);
  ASSERT_NE(other.port, 0);
  EXPECT_EQ(other.get("/api/v1/me/consent-signatures/" + std::to_string(id) + "/pdf").status, 404);
  EXPECT_EQ(other.post(withdrawal, {{"reason", "not mine"}}).status, 404);
  EXPECT_TRUE(other.get("/api/v1/me/consents").json()["documents"].empty()) << "their centre published none";
}

}  // namespace
}  // namespace rp::test
