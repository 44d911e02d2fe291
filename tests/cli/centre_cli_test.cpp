// `regenpath centre add` as the operator types it for the public directory: the address,
// map link, services and the licence's issuer and last valid day (Gregorian or Jalali, in
// any digits) written and read back by `centre list`; a later call that leaves them out
// keeps them; a bad map link, an unknown service or a day that does not exist refused with
// exit 2 naming the field, and nothing written.
#include <gtest/gtest.h>

#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

std::string centres_db_arg() { return "--db " + (scratch() / "centres.db").string(); }

nlohmann::json listed_centre(const std::string& id) {
  const auto r = run("centre list " + centres_db_arg(), "");
  for (const auto& c : r.json())
    if (c["id"] == id) return c;
  return nullptr;
}

TEST(CentreCli, DirectoryFactsAreWrittenKeptAndRefusedNamingTheField) {
  std::filesystem::remove(scratch() / "centres.db");
  ASSERT_EQ(run("db init " + centres_db_arg(), "").exit_code, 0);
  auto r = run("centre add " + centres_db_arg() +
                   " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed"
                   " --address-fa 'شیراز، خیابان زند' --map-url 'https://www.openstreetmap.org/?mlat=29.61'"
                   " --services 'ultrasound, bone_marrow' --licence-issuer 'Ministry of Health'"
                   " --licence-expires-jalali ۱۴۰۶/۰۱/۳۱",
               "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["services"], nlohmann::json({"bone_marrow", "ultrasound"}));
  EXPECT_EQ(r.json()["licence_expires"], "2027-04-20");  // 1406/01/31
  auto c = listed_centre("c1");
  EXPECT_EQ(c["address_fa"], "شیراز، خیابان زند");
  EXPECT_EQ(c["licence_issuer"], "Ministry of Health");

  // Left out: kept.
  r = run("centre add " + centres_db_arg() +
              " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed --phone 071",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  c = listed_centre("c1");
  EXPECT_EQ(c["map_url"], "https://www.openstreetmap.org/?mlat=29.61");
  EXPECT_EQ(c["licence_expires"], "2027-04-20");

  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {" --map-url 'javascript:alert(1)'", "map_url"},
           {" --services bone_marrow,massage", "services"},
           {" --licence-expires-jalali 1404/12/30", "licence_expires_jalali"},
           {" --licence-expires 2027-02-30", "licence_expires"}}) {
    const auto bad = run("centre add " + centres_db_arg() +
                             " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed" + args,
                         "");
    EXPECT_EQ(bad.exit_code, 2) << args << " " << bad.err;
    EXPECT_EQ(bad.error_field(), field) << args << " " << bad.err;
  }
  c = listed_centre("c1");
  EXPECT_EQ(c["map_url"], "https://www.openstreetmap.org/?mlat=29.61");
  EXPECT_EQ(c["services"].size(), 2U);

  // An empty expiry: not known.
  r = run("centre add " + centres_db_arg() +
              " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed"
              " --licence-expires ''",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(listed_centre("c1").contains("licence_expires"));
}

}  // namespace
}  // namespace rp::cli_test
