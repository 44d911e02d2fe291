// The public directory of centres and the booking rule behind it (issue 19): the centre's
// admin sets its address, map link and services; the registry sets its licence's issuer
// and last valid day; anyone reads the directory without signing in and sees the licence's
// standing today; and a centre suspended, or past its licence's last day, books no new
// harvest or injection (refused naming the field, changing nothing) while its patients'
// follow-up goes on.
#include <gtest/gtest.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class CentreDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    seeded_ = seed(dir_.file("clinic.db"));
    {
      auto store = store::open_sqlite(dir_.file("clinic.db"));
      service::Accounts accounts(*store, Clock::system());
      accounts.create(service::Actor::cli_operator(), "registry.ir", "registry", "a", kPassword);
    }
    server_ = std::make_unique<ServerProcess>(dir_.file("clinic.db"));
    admin_.port = registry_.port = coordinator_.port = public_.port = server_->port();
    ASSERT_EQ(admin_.login("admin.a").status, 200);
    ASSERT_EQ(registry_.login("registry.ir").status, 200);
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
  }

  nlohmann::json listed(const std::string& id) {
    const Reply r = public_.get("/api/v1/directory/centres");
    EXPECT_EQ(r.status, 200) << r.body;
    const auto all = r.json();
    for (const auto& c : all["centres"])
      if (c["id"] == id) return c;
    return nullptr;
  }

  Reply licence(const nlohmann::json& body) { return registry_.call("PUT", "/api/v1/centres/a/licence", body.dump()); }

  Reply plan(int harvest_in_days, int injection_in_days) {
    const CivilDate today = Clock::system().today();
    return coordinator_.post(
        "/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/plan",
        {{"harvest", today.plus_days(harvest_in_days).iso()}, {"injection", today.plus_days(injection_in_days).iso()}});
  }

  nlohmann::json episode() { return coordinator_.get("/api/v1/episodes/" + std::to_string(seeded_.episode_a)).json(); }

  TempDir dir_;
  Seeded seeded_;
  std::unique_ptr<ServerProcess> server_;
  Client admin_, registry_, coordinator_, public_;
};

TEST_F(CentreDirectory, TheAdminsDetailsAndTheRegistrysLicenceReachThePublicDirectory) {
  Reply r = admin_.call("PUT", "/api/v1/centres/a",
                        nlohmann::json{{"name_en", "Centre a"},
                                       {"name_fa", "مرکز"},
                                       {"address_en", "10 North Kargar St, Tehran"},
                                       {"address_fa", "تهران، خیابان کارگر شمالی، پلاک ۱۰"},
                                       {"map_url", "https://www.openstreetmap.org/?mlat=35.70&mlon=51.39"},
                                       {"services", {"ultrasound", "bone_marrow", "expansion_lab"}}}
                            .dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string expires = Clock::system().today().plus_days(200).iso();
  r = licence({{"licence_status", "licensed"},
               {"licence_number", "TH-1403-12"},
               {"licence_issuer", "Ministry of Health"},
               {"licence_expires", expires}});
  ASSERT_EQ(r.status, 200) << r.body;

  const auto a = listed("a");
  ASSERT_FALSE(a.is_null());
  EXPECT_EQ(a["address_fa"], "تهران، خیابان کارگر شمالی، پلاک ۱۰");
  EXPECT_EQ(a["map_url"], "https://www.openstreetmap.org/?mlat=35.70&mlon=51.39");
  // Kept in the directory's order whatever order they were sent in.
  EXPECT_EQ(a["services"], nlohmann::json({"bone_marrow", "expansion_lab", "ultrasound"}));
  EXPECT_EQ(a["licence_issuer"], "Ministry of Health");
  EXPECT_EQ(a["licence_expires"], expires);
  EXPECT_EQ(a["licence_standing"], "in_force");
  EXPECT_EQ(a["books_procedures"], true);
  // A patient sees what to check, never the staff's fields.
  EXPECT_FALSE(a.contains("on_call_mobile"));
  EXPECT_FALSE(a.contains("facility_code"));
  // What the admin reads back can be sent back as it is; the registry's facts changed in it
  // are refused, naming the field, and change nothing.
  auto own = nlohmann::json();
  for (const auto& c : admin_.get("/api/v1/centres").json())
    if (c["id"] == "a") own = c;
  own.erase("id");
  r = admin_.call("PUT", "/api/v1/centres/a", own.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["changed"], false);
  for (const auto& [field, value] : {std::pair{"licence_expires", nlohmann::json("2099-01-01")},
                                     std::pair{"licence_issuer", nlohmann::json("The centre itself")}}) {
    auto changed = own;
    changed[field] = value;
    r = admin_.call("PUT", "/api/v1/centres/a", changed.dump());
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field);
  }
  EXPECT_EQ(listed("a")["licence_expires"], expires);
  // The admin's next change leaves the registry's facts and the unsent details as they are.
  r = admin_.call("PUT", "/api/v1/centres/a", nlohmann::json{{"name_en", "Centre a"}, {"name_fa", "مرکز"}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(listed("a")["licence_expires"], expires);
  EXPECT_EQ(listed("a")["services"].size(), 3u);
}

TEST_F(CentreDirectory, BadDirectoryFieldsAreRefusedNamingTheFieldAndChangeNothing) {
  const nlohmann::json base = {{"name_en", "Centre a"}, {"name_fa", "مرکز"}};
  for (const auto& [field, value, code] :
       {std::tuple{"map_url", nlohmann::json("javascript:alert(1)"), "map_url_not_https"},
        std::tuple{"map_url", nlohmann::json("http://maps.example/a"), "map_url_not_https"},
        std::tuple{"services", nlohmann::json({"stem_cell_spa"}), "unknown_centre_service"},
        std::tuple{"address_en", nlohmann::json("a\u202eb"), "bidi_control_character"}}) {
    auto body = base;
    body[field] = value;
    const Reply r = admin_.call("PUT", "/api/v1/centres/a", body.dump());
    EXPECT_EQ(r.status, 422) << field << ": " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
    EXPECT_EQ(r.json()["error"]["reason"], code) << r.body;
  }
  EXPECT_EQ(listed("a")["map_url"], "");
  EXPECT_EQ(listed("a")["services"], nlohmann::json::array());
  // An expiry that is no date, from the registry.
  const Reply r = licence({{"licence_status", "licensed"}, {"licence_expires", "1404/12/30"}});
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "licence_expires");
  EXPECT_FALSE(listed("a").contains("licence_expires"));
}

TEST_F(CentreDirectory, NoBookingPastTheLicencesLastDay) {
  ASSERT_EQ(licence({{"licence_status", "licensed"}, {"licence_expires", Clock::system().today().plus_days(10).iso()}})
                .status,
            200);
  // Both within the licence: booked.
  Reply r = plan(5, 8);
  ASSERT_EQ(r.status, 200) << r.body;
  // An injection after its last day: refused, naming the field, in English and Persian.
  r = plan(5, 20);
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "injection");
  EXPECT_EQ(r.json()["error"]["reason"], "centre_licence_expires_before");
  r = coordinator_.call("POST", "/api/v1/episodes/" + std::to_string(seeded_.episode_a) + "/plan",
                        nlohmann::json{{"injection", Clock::system().today().plus_days(20).iso()}}.dump(),
                        {{"Accept-Language", "fa"}});
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("پروانه"), std::string::npos) << r.body;
  EXPECT_EQ(episode()["injection_date"], Clock::system().today().plus_days(8).iso());  // nothing changed
  // The registry renews it (the expiry unknown again): booked.
  ASSERT_EQ(licence({{"licence_status", "licensed"}, {"licence_expires", nullptr}}).status, 200);
  EXPECT_FALSE(listed("a").contains("licence_expires"));
  EXPECT_EQ(plan(5, 20).status, 200);
}

TEST_F(CentreDirectory, ASuspendedCentreBooksNothingNewAndItsPatientsGoOn) {
  ASSERT_EQ(plan(5, 8).status, 200);
  ASSERT_EQ(licence({{"licence_status", "suspended"}}).status, 200);
  const auto a = listed("a");
  EXPECT_EQ(a["licence_standing"], "suspended");
  EXPECT_EQ(a["books_procedures"], false);
  EXPECT_EQ(listed("b")["books_procedures"], true);  // another centre books on
  // A new date: refused, naming the field.
  Reply r = plan(6, 8);
  ASSERT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "harvest");
  EXPECT_EQ(r.json()["error"]["reason"], "centre_licence_suspended");
  EXPECT_EQ(episode()["harvest_date"], Clock::system().today().plus_days(5).iso());
  // What was booked stays booked, and the record goes on being kept.
  EXPECT_EQ(plan(5, 8).status, 200);
  r = coordinator_.call("PATCH", "/api/v1/episodes/" + std::to_string(seeded_.episode_a),
                        nlohmann::json{{"guidance", "ultrasound"}}.dump());
  EXPECT_EQ(r.status, 200) << r.body;
  // The centre's own admin cannot lift it.
  r = admin_.call("PUT", "/api/v1/centres/a/licence", nlohmann::json{{"licence_status", "licensed"}}.dump());
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(listed("a")["licence_standing"], "suspended");
}

}  // namespace
}  // namespace rp::test
