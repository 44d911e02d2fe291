// A patient is registered with a name in either script, the other optional: only a
// Persian name, or only a Latin one, is enough (missing or empty alike). Neither is
// refused with a message that names the field and the rule, in English and in Persian,
// and nothing is saved; a correction cannot blank both names either.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class PatientNames : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    seed(dir_->file("names.db"));
    server_ = new ServerProcess(dir_->file("names.db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override {
    coordinator_.port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
  }
  static int patients() {
    SQLite::Database d(dir_->file("names.db"), SQLite::OPEN_READONLY);
    SQLite::Statement q(d, "SELECT COUNT(*) FROM patients");
    q.executeStep();
    return q.getColumn(0).getInt();
  }
  static nlohmann::json patient(const std::string& mrn) {
    return {{"mrn", mrn},
            {"sex", "female"},
            {"birth_date", "1970-01-01"},
            {"mobile", "09121110000"},
            {"national_id", test_national_id(mrn)}};
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  Client coordinator_;
};
TempDir* PatientNames::dir_ = nullptr;
ServerProcess* PatientNames::server_ = nullptr;

TEST_F(PatientNames, OnlyAPersianNameIsEnough) {
  nlohmann::json body = patient("NAME-FA-1");
  body["name_fa"] = "مریم احمدی";
  const Reply r = coordinator_.post("/api/v1/patients", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["name_fa"], "مریم احمدی");
  EXPECT_EQ(r.json()["name_latin"], "");

  // an empty Latin name, as a form sends it, is no name either
  body = patient("NAME-FA-2");
  body["name_fa"] = "رضا کریمی";
  body["name_latin"] = "";
  const Reply empty = coordinator_.post("/api/v1/patients", body);
  ASSERT_EQ(empty.status, 201) << empty.body;
  const Reply read = coordinator_.get("/api/v1/patients/" + std::to_string(empty.json()["id"].get<std::int64_t>()));
  EXPECT_EQ(read.json()["name_fa"], "رضا کریمی");
  EXPECT_EQ(read.json()["name_latin"], "");
}

TEST_F(PatientNames, OnlyALatinNameIsEnough) {
  nlohmann::json body = patient("NAME-LA-1");
  body["name_latin"] = "Maryam Ahmadi";
  const Reply r = coordinator_.post("/api/v1/patients", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["name_latin"], "Maryam Ahmadi");
  EXPECT_EQ(r.json()["name_fa"], "");

  body = patient("NAME-LA-2");
  body["name_fa"] = "";
  body["name_latin"] = "Reza Karimi";
  EXPECT_EQ(coordinator_.post("/api/v1/patients", body).status, 201);
}

TEST_F(PatientNames, NeitherNameIsRefusedNamingTheFieldAndTheRule) {
  const int before = patients();
  for (const nlohmann::json& names : {nlohmann::json::object(), nlohmann::json{{"name_fa", ""}, {"name_latin", ""}},
                                      nlohmann::json{{"name_fa", "  "}, {"name_latin", " "}}}) {
    nlohmann::json body = patient("NAME-NONE");
    body.update(names);
    const Reply r = coordinator_.post("/api/v1/patients", body);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "name_fa") << r.body;
    const std::string message = r.json()["error"]["message"];
    EXPECT_NE(message.find("is required when the name in Latin script is not given"), std::string::npos) << message;
  }
  // the same rule in Persian, field unchanged
  nlohmann::json body = patient("NAME-NONE");
  const Reply fa = coordinator_.post("/api/v1/patients", body, {{"Accept-Language", "fa"}});
  EXPECT_EQ(fa.status, 422);
  EXPECT_EQ(fa.json()["error"]["field"], "name_fa");
  EXPECT_NE(fa.json()["error"]["message"].get<std::string>().find("یکی از این دو لازم است"), std::string::npos)
      << fa.body;
  EXPECT_EQ(patients(), before);
}

TEST_F(PatientNames, ACorrectionKeepsOneNameAtLeast) {
  nlohmann::json body = patient("NAME-FIX-1");
  body["name_fa"] = "نرگس مرادی";
  body["name_latin"] = "Narges Moradi";
  const Reply made = coordinator_.post("/api/v1/patients", body);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/api/v1/patients/" + std::to_string(made.json()["id"].get<std::int64_t>());

  // dropping the Latin name leaves the Persian one: allowed
  Reply r =
      coordinator_.call("PATCH", path, nlohmann::json{{"name_latin", ""}, {"reason", "no Latin spelling"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(coordinator_.get(path).json()["name_latin"], "");

  // dropping the last one is refused and changes nothing
  r = coordinator_.call("PATCH", path, nlohmann::json{{"name_fa", ""}, {"reason", "typo"}}.dump());
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "name_fa");
  EXPECT_EQ(coordinator_.get(path).json()["name_fa"], "نرگس مرادی");
}

TEST_F(PatientNames, ATooLongNameNamesItsOwnField) {
  nlohmann::json body = patient("NAME-LONG");
  body["name_fa"] = "مریم";
  body["name_latin"] = std::string(201, 'a');
  const Reply r = coordinator_.post("/api/v1/patients", body);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "name_latin") << r.body;
}

}  // namespace
}  // namespace rp::test
