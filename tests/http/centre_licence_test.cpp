// A centre's licence status is the licensing registry's to set: the centre's own admin
// edits the centre's details but not its status (a clear error naming the field, in
// English and Persian, changing nothing), cannot make or take over a registry account,
// and the registry account reads no patient.
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class CentreLicence : public ::testing::Test {
 protected:
  void SetUp() override {
    seed(dir_.file("clinic.db"));
    {
      // Only the operator makes a registry account (as `regenpath user add` does).
      auto store = store::open_sqlite(dir_.file("clinic.db"));
      service::Accounts accounts(*store, Clock::system());
      registry_id_ = accounts.create(service::Actor::cli_operator(), "registry.ir", "registry", "a", kPassword).id;
    }
    server_ = std::make_unique<ServerProcess>(dir_.file("clinic.db"));
    admin_.port = registry_.port = server_->port();
    ASSERT_EQ(admin_.login("admin.a").status, 200);
    ASSERT_EQ(registry_.login("registry.ir").status, 200);
  }

  nlohmann::json centre(const std::string& id) {
    for (const auto& c : admin_.get("/api/v1/centres").json())
      if (c["id"] == id) return c;
    return nullptr;
  }

  static nlohmann::json details(const std::string& status) {
    nlohmann::json body = {{"name_en", "Centre a"},
                           {"name_fa", "مرکز"},
                           {"city_en", "Tehran"},
                           {"city_fa", "تهران"},
                           {"phone", "+982112345678"}};
    if (!status.empty()) body["licence_status"] = status;
    return body;
  }

  TempDir dir_;
  std::int64_t registry_id_ = 0;
  std::unique_ptr<ServerProcess> server_;
  Client admin_, registry_;
};

TEST_F(CentreLicence, TheCentresAdminCannotChangeItsStatus) {
  ASSERT_EQ(centre("a")["licence_status"], "licensed");
  Reply r = admin_.call("PUT", "/api/v1/centres/a", details("suspended").dump());
  ASSERT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "licence_status");
  EXPECT_EQ(r.json()["error"]["message"],
            "a centre's licence status is set by the registry, not by the centre's own staff");
  r = admin_.call("PUT", "/api/v1/centres/a", details("pending").dump(), {{"Accept-Language", "fa"}});
  ASSERT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["error"]["field"], "licence_status");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("نهاد ثبت"), std::string::npos) << r.body;
  // Nothing changed, the phone neither.
  EXPECT_EQ(centre("a")["licence_status"], "licensed");
  EXPECT_EQ(centre("a")["phone"], "");

  // The details change when the status is the one the registry set, or not sent at all.
  r = admin_.call("PUT", "/api/v1/centres/a", details("licensed").dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(centre("a")["phone"], "+982112345678");
  auto renamed = details("");
  renamed["city_en"] = "Tehran city";
  r = admin_.call("PUT", "/api/v1/centres/a", renamed.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(centre("a")["licence_status"], "licensed");
  EXPECT_EQ(centre("a")["city_en"], "Tehran city");
  // Nor through the registry's own route.
  r = admin_.call("PUT", "/api/v1/centres/a/licence", nlohmann::json{{"licence_status", "suspended"}}.dump());
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(centre("a")["licence_status"], "licensed");
}

TEST_F(CentreLicence, TheRegistrySetsAnyCentresStatus) {
  Reply r = registry_.call("PUT", "/api/v1/centres/b/licence",
                           nlohmann::json{{"licence_status", "suspended"}, {"licence_number", "IR-77"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["changed"], true);
  EXPECT_EQ(centre("b")["licence_status"], "suspended");
  EXPECT_EQ(centre("b")["licence_number"], "IR-77");
  EXPECT_EQ(centre("b")["name_en"], "Centre b");  // the rest of the centre stays
  r = registry_.call("PUT", "/api/v1/centres/b/licence", nlohmann::json{{"licence_status", "suspended"}}.dump());
  EXPECT_EQ(r.json()["changed"], false);
  r = registry_.call("PUT", "/api/v1/centres/b/licence", nlohmann::json{{"licence_status", "revoked"}}.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["field"], "licence_status");
  EXPECT_EQ(centre("b")["licence_status"], "suspended");
  EXPECT_EQ(
      registry_.call("PUT", "/api/v1/centres/nowhere/licence", nlohmann::json{{"licence_status", "pending"}}.dump())
          .status,
      404);
  // The registry reads centres, never patients, and edits no centre's details.
  EXPECT_EQ(registry_.get("/api/v1/centres").status, 200);
  EXPECT_EQ(registry_.get("/api/v1/patients").status, 403);
  EXPECT_EQ(registry_.call("PUT", "/api/v1/centres/a", details("licensed").dump()).status, 403);
}

TEST_F(CentreLicence, OnlyTheOperatorManagesRegistryAccounts) {
  Reply r = admin_.post("/api/v1/accounts",
                        {{"username", "my.registry"}, {"role", "registry"}, {"password", "Another-pass-2026"}});
  ASSERT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "role");
  r = admin_.post("/api/v1/accounts/" + std::to_string(registry_id_) + "/password",
                  {{"password", "Another-pass-2026"}});
  EXPECT_EQ(r.status, 403) << r.body;
  r = admin_.call("PATCH", "/api/v1/accounts/" + std::to_string(registry_id_),
                  nlohmann::json{{"disabled", true}}.dump());
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(registry_.get("/api/v1/centres").status, 200);  // still signed in
}

}  // namespace
}  // namespace rp::test
