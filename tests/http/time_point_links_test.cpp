// Questionnaires patients answer, over HTTP: one link per time point asks for every
// instrument of it in one sitting (each saved as its own answer set, the link spent
// once none is left); instruments a patient cannot fill are never sent; every form a
// patient fills is worded in English and Persian; a clinic's licensed wording is loaded
// only when it has the instrument's structure, and each answer set keeps its wording.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>
#include <sstream>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

class TimePointLinks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    seeded_ = seed(dir_->file("links.db"));
    server_ = new ServerProcess(dir_->file("links.db"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override {
    for (Client* c : {&coordinator_, &admin_, &anyone_}) c->port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(admin_.login("admin.a").status, 200);
  }
  static int rows(const std::string& sql) {
    SQLite::Database d(dir_->file("links.db"), SQLite::OPEN_READONLY);
    SQLite::Statement q(d, sql);
    q.executeStep();
    return q.getColumn(0).getInt();
  }
  static void refused(const Reply& r, const std::string& field, const std::string& words) {
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(words), std::string::npos) << r.body;
  }
  std::string episode() const { return "/api/v1/episodes/" + std::to_string(seeded_.episode_a); }
  std::string link(const nlohmann::json& body) const {
    const Reply r = coordinator_.post(episode() + "/questionnaire-links", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("token", "");
  }
  static nlohmann::json all_answered(const std::string& instrument, int value) {
    nlohmann::json a = nlohmann::json::object();
    if (instrument == "nrs") return {{"pain_rest", 2}, {"pain_activity", 3}};
    if (instrument == "patient-global") return {{"global", 30}};
    if (instrument == "satisfaction") return {{"satisfaction", 4}};
    if (instrument == "oxford-hip") {
      for (int i = 1; i <= 12; ++i) a["OHS" + std::to_string(i)] = value;
      return a;
    }
    for (const char* id :
         {"S1",  "S2",  "S3",  "S4",  "S5",  "P1",  "P2",  "P3",  "P4", "P5", "P6",  "P7",  "P8",  "P9",
          "P10", "A1",  "A2",  "A3",  "A4",  "A5",  "A6",  "A7",  "A8", "A9", "A10", "A11", "A12", "A13",
          "A14", "A15", "A16", "A17", "SP1", "SP2", "SP3", "SP4", "Q1", "Q2", "Q3",  "Q4"})
      a[id] = value;
    return a;
  }
  std::map<std::string, nlohmann::json> instruments() const {
    std::map<std::string, nlohmann::json> out;
    for (const auto& i : anyone_.get("/api/v1/instruments").json()) out[i["key"]] = i;
    return out;
  }

  static TempDir* dir_;
  static Seeded seeded_;
  static ServerProcess* server_;
  Client coordinator_, admin_, anyone_;
};
TempDir* TimePointLinks::dir_ = nullptr;
Seeded TimePointLinks::seeded_;
ServerProcess* TimePointLinks::server_ = nullptr;

TEST_F(TimePointLinks, InstrumentsAPatientCannotFillAreNeverSent) {
  const int links = rows("SELECT COUNT(*) FROM access_tokens");
  refused(coordinator_.post(episode() + "/questionnaire-links", {{"instrument", "harris-hip"}}), "instrument",
          "'harris-hip' is filled in by the clinician and cannot be sent to a patient");
  refused(coordinator_.post(episode() + "/questionnaire-links", {{"instrument", "womac-from-hoos"}}), "instrument",
          "'womac-from-hoos' has no questionnaire of its own");
  refused(coordinator_.post(episode() + "/questionnaire-links", nlohmann::json::object()), "instrument",
          "is required unless item_id names a time point");
  refused(coordinator_.post(episode() + "/questionnaire-links", {{"item_id", "visit-6w"}}), "item_id",
          "is not a questionnaire time point");
  // In Persian too, naming the instrument.
  const Reply fa = coordinator_.post(episode() + "/questionnaire-links", {{"instrument", "harris-hip"}},
                                     {{"Accept-Language", "fa"}});
  EXPECT_EQ(fa.status, 422);
  EXPECT_EQ(
      fa.json()["error"]["message"],
      "«harris-hip» را پزشک پر می‌کند و نمی‌توان آن را برای بیمار فرستاد")
      << fa.body;
  EXPECT_EQ(rows("SELECT COUNT(*) FROM access_tokens"), links) << "a refused link writes nothing";

  // The instrument list says which a patient can be sent, and why not.
  const auto all = instruments();
  EXPECT_FALSE(all.at("harris-hip")["patient_fillable"].get<bool>());
  EXPECT_FALSE(all.at("womac-from-hoos")["patient_fillable"].get<bool>());
  EXPECT_NE(all.at("womac-from-hoos")["not_for_patients"].get<std::string>().find("computed from"), std::string::npos);
  EXPECT_TRUE(all.at("hoos")["patient_fillable"].get<bool>());
}

TEST_F(TimePointLinks, EveryFormAPatientFillsIsWordedInEnglishAndPersian) {
  for (const auto& [key, i] : instruments()) {
    if (!i["patient_fillable"].get<bool>()) continue;
    EXPECT_EQ(i["form"]["languages"], nlohmann::json::array({"en", "fa"})) << key;
    // No Latin letter in any Persian text a patient reads.
    const auto latin = [](const nlohmann::json& t) {
      const std::string s = t["fa"].get<std::string>();
      return std::any_of(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    };
    EXPECT_FALSE(latin(i["form"]["title"])) << key;
    for (const auto& q : i["form"]["questions"]) {
      EXPECT_FALSE(latin(q["text"])) << key << " " << q["id"];
      for (const auto& o : q.value("options", nlohmann::json::array())) EXPECT_FALSE(latin(o["label"])) << q["id"];
    }
  }
  const auto hoos = instruments().at("hoos")["form"];
  EXPECT_EQ(hoos["questions"].size(), 40U);
  EXPECT_EQ(hoos["version"], "urn:regenpath:questionnaire:hoos|2");
  // "0 - none / never" keeps its number first in Persian too.
  EXPECT_EQ(hoos["questions"][0]["options"][0]["label"]["fa"], "0 - هیچ / هرگز");
}

TEST_F(TimePointLinks, OneLinkAsksTheWholeTimePointInOneSitting) {
  const std::string token = link({{"item_id", "prom-6m"}});
  const Reply asks = anyone_.get("/api/v1/q/" + token);
  ASSERT_EQ(asks.status, 200) << asks.body;
  EXPECT_EQ(asks.json()["instruments"],
            nlohmann::json::array({"nrs", "hoos", "oxford-hip", "patient-global", "satisfaction"}));
  EXPECT_EQ(asks.json()["item_id"], "prom-6m");

  const int before = rows("SELECT COUNT(*) FROM questionnaire_responses");
  refused(anyone_.post("/api/v1/q/" + token, {{"answers", all_answered("nrs", 0)}}), "instrument",
          "this link asks for several questionnaires (nrs, hoos, oxford-hip, patient-global, satisfaction)");
  refused(anyone_.post("/api/v1/q/" + token, {{"instrument", "return-to-activity"}, {"answers", {{"x", 1}}}}),
          "instrument", "is not asked by this link");
  EXPECT_EQ(rows("SELECT COUNT(*) FROM questionnaire_responses"), before);

  const Reply nrs = anyone_.post("/api/v1/q/" + token, {{"instrument", "nrs"}, {"answers", all_answered("nrs", 0)}});
  ASSERT_EQ(nrs.status, 201) << nrs.body;
  EXPECT_EQ(nrs.json()["still_asked"], nlohmann::json::array({"hoos", "oxford-hip", "patient-global", "satisfaction"}));
  EXPECT_EQ(nrs.json()["wording_version"], "urn:regenpath:questionnaire:nrs|1");
  // Resumable: the same link, later, asks only for what is left.
  const Reply later = anyone_.get("/api/v1/q/" + token);
  ASSERT_EQ(later.status, 200);
  EXPECT_EQ(later.json()["answered"], nlohmann::json::array({"nrs"}));
  EXPECT_EQ(later.json()["instruments"].size(), 4U);
  refused(anyone_.post("/api/v1/q/" + token, {{"instrument", "nrs"}, {"answers", all_answered("nrs", 0)}}),
          "instrument", "or is answered already");

  for (const char* k : {"hoos", "oxford-hip", "patient-global"})
    ASSERT_EQ(anyone_.post("/api/v1/q/" + token, {{"instrument", k}, {"answers", all_answered(k, 2)}}).status, 201)
        << k;
  const Reply last = anyone_.post("/api/v1/q/" + token, {{"answers", all_answered("satisfaction", 0)}});
  ASSERT_EQ(last.status, 201) << last.body << " (the one left needs no name)";
  EXPECT_EQ(last.json()["still_asked"], nlohmann::json::array());
  EXPECT_EQ(anyone_.get("/api/v1/q/" + token).status, 404) << "spent once every questionnaire is answered";

  // Five answer sets, each its own row with its instrument's wording version.
  EXPECT_EQ(rows("SELECT COUNT(*) FROM questionnaire_responses WHERE source = 'link' AND item_id = 'prom-6m'"), 5);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM questionnaire_responses WHERE item_id = 'prom-6m' AND "
                 "wording_version = 'urn:regenpath:questionnaire:hoos|2' AND instrument = 'hoos'"),
            1);
  // A link for a time point answered already asks for nothing and cannot be used.
  const std::string again = link({{"item_id", "prom-6m"}});
  EXPECT_EQ(anyone_.get("/api/v1/q/" + again).json()["instruments"], nlohmann::json::array());
}

// The form is written as the wording has it: whole bounds stay whole, answer codes that
// are numbers are sent as numbers, and what an item lacks is left out rather than null.
TEST_F(TimePointLinks, TheFormSaysEachFieldAsTheWordingHasIt) {
  const auto all = instruments();
  const nlohmann::json rest = all.at("nrs")["form"]["questions"][0];
  EXPECT_EQ(rest["id"], "pain_rest");
  EXPECT_TRUE(rest["group"].is_null()) << rest;
  EXPECT_TRUE(rest["min"].is_number_integer()) << rest;
  EXPECT_EQ(rest["max"], 10);
  for (const char* absent : {"options", "unit", "entry_format"}) EXPECT_FALSE(rest.contains(absent)) << absent;
  const nlohmann::json hoos = all.at("hoos")["form"];
  EXPECT_TRUE(hoos["copyright"].is_string());
  EXPECT_EQ(hoos["groups"][0]["id"], "symptoms");
  EXPECT_EQ(hoos["questions"][0]["group"], "symptoms");
  EXPECT_TRUE(hoos["questions"][0]["options"][0]["value"].is_number_integer());
  const nlohmann::json returned = all.at("return-to-activity")["form"]["questions"][0];
  EXPECT_EQ(returned["entry_format"], "YYYY-MM-DD");
  EXPECT_EQ(returned["options"][0]["value"], "not_yet");
  EXPECT_TRUE(all.at("patient-global")["form"]["copyright"].is_null());
  EXPECT_FALSE(all.at("patient-global")["form"].contains("loaded_at")) << "the project's own wording is not loaded";
  EXPECT_TRUE(all.at("womac-from-hoos")["form"].is_null()) << "a derived score has no form";
  bool has_unit = false;
  for (const auto& q : all.at("harris-hip")["form"]["questions"]) has_unit = has_unit || q.value("unit", "") == "deg";
  EXPECT_TRUE(has_unit);
}

// The shipped HOOS JR file as a clinic's wording: another url and version, English only.
nlohmann::json clinic_hoos_jr() {
  std::ifstream in(std::string(RP_SOURCE_DIR) + "/instruments/hoos-jr.json");
  std::stringstream s;
  s << in.rdbuf();
  auto q = nlohmann::json::parse(s.str());
  q["url"] = "urn:clinic:hoos-jr-licensed";
  q["version"] = "2.0-clinic";
  q.erase("_title");
  for (auto& item : q["item"]) item.erase("_text");
  return q;
}

TEST_F(TimePointLinks, AClinicLoadsItsWordingOnlyWithTheInstrumentsStructure) {
  const std::string path = "/api/v1/instrument-wordings";
  const int loaded = rows("SELECT COUNT(*) FROM instrument_wordings");
  auto missing = clinic_hoos_jr();
  missing["item"].erase(missing["item"].size() - 1);
  refused(admin_.post(path, {{"instrument", "hoos-jr"}, {"questionnaire", missing}}), "item",
          "item A14 is missing: hoos-jr has 6 answerable items, the file 5");
  auto codes = clinic_hoos_jr();
  codes["item"][2]["answerOption"][0]["valueCoding"]["code"] = "5";
  refused(admin_.post(path, {{"instrument", "hoos-jr"}, {"questionnaire", codes}}), "item",
          "item A3 has answer codes [5, 1, 2, 3, 4] where hoos-jr scores [0, 1, 2, 3, 4]");
  auto renamed = clinic_hoos_jr();
  renamed["item"][0]["linkId"] = "hoosjr1";
  refused(admin_.post(path, {{"instrument", "hoos-jr"}, {"questionnaire", renamed}}), "item",
          "item 1 is 'hoosjr1' where hoos-jr has P5");
  refused(admin_.post(path, {{"questionnaire", renamed}}), "instrument", "match no instrument");
  auto unversioned = clinic_hoos_jr();
  unversioned.erase("version");
  refused(admin_.post(path, {{"questionnaire", unversioned}}), "version", "is required");
  refused(admin_.post(path, {{"instrument", "harris-hip"}, {"questionnaire", clinic_hoos_jr()}}), "instrument",
          "filled in by the clinician");
  EXPECT_EQ(coordinator_.post(path, {{"questionnaire", clinic_hoos_jr()}}).status, 403);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM instrument_wordings"), loaded) << "nothing refused is kept";

  // The good file: found by its items, kept as a version, asked with from now on.
  const Reply ok = admin_.post(path, {{"questionnaire", clinic_hoos_jr()}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["instrument"], "hoos-jr");
  EXPECT_EQ(ok.json()["version"], "urn:clinic:hoos-jr-licensed|2.0-clinic");
  EXPECT_EQ(ok.json()["languages"], "en");
  EXPECT_EQ(admin_.post(path, {{"questionnaire", clinic_hoos_jr()}}).status, 409) << "a version is loaded once";
  const auto form = instruments().at("hoos-jr")["form"];
  EXPECT_EQ(form["version"], "urn:clinic:hoos-jr-licensed|2.0-clinic");
  EXPECT_EQ(form["languages"], nlohmann::json::array({"en"})) << "no Persian: not offered to Persian readers";
  EXPECT_TRUE(form["loaded_at"].is_string()) << "a clinic's wording says when it was loaded";
  EXPECT_TRUE(form["questions"][0]["text"]["fa"].is_null());

  nlohmann::json jr;
  for (const char* id : {"P5", "P10", "A3", "A5", "A12", "A14"}) jr[id] = 1;
  const Reply answered = coordinator_.post(episode() + "/questionnaires", {{"instrument", "hoos-jr"}, {"answers", jr}});
  ASSERT_EQ(answered.status, 201) << answered.body;
  EXPECT_EQ(answered.json()["wording_version"], "urn:clinic:hoos-jr-licensed|2.0-clinic");
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit_log WHERE action = 'instrument.wording_load'"), 1);
}

}  // namespace
}  // namespace rp::test
