// PATCH /api/v1/patients/{id} over HTTP: a coordinator corrects a mobile number with a
// reason; the record reads back corrected. A bad value is refused naming its field, a
// taken record number is a conflict, another centre's patient is not found, a lab
// account is forbidden: each changes nothing.
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

TEST(PatientUpdateHttp, ACoordinatorCorrectsDetailsWithAReason) {
  TempDir dir;
  const Seeded seeded = seed(dir.file("update.db"));
  ServerProcess server(dir.file("update.db"));
  Client coordinator{server.port()};
  ASSERT_EQ(coordinator.login("coordinator.a").status, 200);
  const std::string path = "/api/v1/patients/" + std::to_string(seeded.patient_a);
  const auto patch = [&](const nlohmann::json& body) { return coordinator.call("PATCH", path, body.dump()); };
  const nlohmann::json before = coordinator.get(path).json();

  const Reply ok = patch({{"mobile", "0912 765 4321"}, {"consent", {{"contact", true}}}, {"reason", "new phone"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["mobile"], "+989127654321");
  nlohmann::json now = coordinator.get(path).json();
  EXPECT_EQ(now["mobile"], "+989127654321");
  EXPECT_EQ(now["consent"]["contact"], true);
  EXPECT_EQ(now["consent"]["treatment"], before["consent"]["treatment"]);
  EXPECT_EQ(now["name_latin"], before["name_latin"]);

  const auto refused = [&](const nlohmann::json& body, int status, const std::string& field) {
    const Reply r = patch(body);
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
    EXPECT_EQ(coordinator.get(path).json(), now);
  };
  refused({{"mobile", "09121112233"}}, 422, "reason");
  refused({{"national_id", "1234567890"}, {"reason", "typo"}}, 422, "national_id");
  refused({{"centre", "b"}, {"reason", "moved"}}, 422, "centre");  // a patient stays at their centre
  refused({{"birth_date", "1961-02-30"}, {"reason", "typo"}}, 422, "birth_date");

  // Another patient at this centre holds MRN-x: a conflict naming the field.
  const Reply added = coordinator.post("/api/v1/patients", {{"mrn", "MRN-x"},
                                                            {"name_fa", "دیگری"},
                                                            {"name_latin", "Other"},
                                                            {"sex", "male"},
                                                            {"birth_date", "1970-01-01"},
                                                            {"mobile", "09120000002"},
                                                            {"national_id", test_national_id("MRN-x")}});
  ASSERT_EQ(added.status, 201) << added.body;
  refused({{"mrn", "MRN-x"}, {"reason", "merge"}}, 409, "mrn");

  Client lab{server.port()};
  ASSERT_EQ(lab.login("lab.a").status, 200);
  EXPECT_EQ(lab.call("PATCH", path, R"({"mobile":"09121112233","reason":"x"})").status, 403);
  Client other{server.port()};
  ASSERT_EQ(other.login("coordinator.b").status, 200);
  EXPECT_EQ(other.call("PATCH", path, R"({"mobile":"09121112233","reason":"x"})").status, 404);
  EXPECT_EQ(coordinator.get(path).json(), now);
}

}  // namespace
}  // namespace rp::test
