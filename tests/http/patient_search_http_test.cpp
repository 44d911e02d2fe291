// The patient search over HTTP (GET /api/v1/patients): a name typed on an Arabic keyboard
// finds the patient registered in Persian and the other way round, with or without the
// zero-width non-joiner, by a fragment from inside the name; a national id in Persian
// digits and a mobile as it is said find the one patient; the other centre's staff find
// neither. The worklist's patient filter folds the same way.
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class PatientSearchHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    seed(dir_->file("search.db"));
    server_ = new ServerProcess(dir_->file("search.db"));
    Client c{server_->port()};
    EXPECT_EQ(c.login("coordinator.a").status, 200);
    const auto add = [&](const std::string& mrn, const std::string& fa, const std::string& latin,
                         const std::string& mobile) {
      const Reply r = c.post("/api/v1/patients", {{"mrn", mrn},
                                                  {"name_fa", fa},
                                                  {"name_latin", latin},
                                                  {"sex", "male"},
                                                  {"birth_date", "1965-02-03"},
                                                  {"mobile", mobile},
                                                  {"national_id", test_national_id(mrn)}});
      EXPECT_EQ(r.status, 201) << r.body;
    };
    add("S-1", "علی کریمی", "Ali Karimi", "09125550001");
    add("S-2", "كاظم رضايي", "Kazem Rezaei", "09125550002");  // typed with Arabic ك and ي
    add("S-3", "مریم مهدی‌زاده", "Maryam Mahdizadeh", "09125550003");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static std::vector<std::string> found(const std::string& as, const std::string& q) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(as).status, 200);
    const Reply r = c.get("/api/v1/patients?q=" + percent_encoded(q));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::string> out;
    for (const auto& p : r.json()) out.push_back(p["mrn"].get<std::string>());
    return out;
  }

  using Mrns = std::vector<std::string>;
  static TempDir* dir_;
  static ServerProcess* server_;
};
TempDir* PatientSearchHttp::dir_ = nullptr;
ServerProcess* PatientSearchHttp::server_ = nullptr;

TEST_F(PatientSearchHttp, NamesAreFoundWhateverKeyboardTypedThem) {
  EXPECT_EQ(found("coordinator.a", "علي كريمي"), Mrns{"S-1"});
  EXPECT_EQ(found("coordinator.a", "کاظم رضایی"), Mrns{"S-2"});
  EXPECT_EQ(found("coordinator.a", "مهدیزاده"), Mrns{"S-3"});
  EXPECT_EQ(found("coordinator.a", "ezae"), Mrns{"S-2"});
  EXPECT_EQ(found("surgeon.a", "ریم"), (Mrns{"S-1", "S-3"}));  // کریمی and مریم
}

TEST_F(PatientSearchHttp, IdentifiersAsTheyAreTyped) {
  std::string persian;  // the national id in Persian digits
  for (const char d : test_national_id("S-2")) persian += std::string("۰۱۲۳۴۵۶۷۸۹").substr((d - '0') * 2, 2);
  EXPECT_EQ(found("coordinator.a", persian), Mrns{"S-2"});
  EXPECT_EQ(found("coordinator.a", "0912 555 0003"), Mrns{"S-3"});
  EXPECT_EQ(found("coordinator.a", "S-1"), Mrns{"S-1"});
  // The lab is not shown mobiles and national ids, so cannot search by them.
  EXPECT_TRUE(found("lab.a", "0912 555 0003").empty());
  EXPECT_EQ(found("lab.a", "کاظم"), Mrns{"S-2"});
}

TEST_F(PatientSearchHttp, TheOtherCentreFindsNone) {
  EXPECT_TRUE(found("coordinator.b", "كريمي").empty());
  EXPECT_TRUE(found("coordinator.b", "S-1").empty());
  EXPECT_TRUE(found("coordinator.b", "0912 555 0003").empty());
}

}  // namespace
}  // namespace rp::test
