// Every creating POST honours an Idempotency-Key: a retry with the same key and body gets
// the first response back and creates nothing more; the same key with another body is
// refused with 409 naming the header. The key is recorded in the transaction that
// creates the row, so the two are durable together.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

int count_rows(const std::string& db, const std::string& table) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  return d.execAndGet("SELECT COUNT(*) FROM " + table).getInt();
}

struct CreatingPost {
  std::string path;
  nlohmann::json body, other_body;
  std::string table;  // where the created row lands
};

// POSTs twice with one key, then once with that key and another body.
void check_exactly_once(const Client& c, const std::string& db, const CreatingPost& p, const std::string& key) {
  SCOPED_TRACE(p.path);
  const int before = count_rows(db, p.table);
  const Reply first = c.post(p.path, p.body, {{"Idempotency-Key", key}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(count_rows(db, p.table), before + 1);
  const Reply retry = c.post(p.path, p.body, {{"Idempotency-Key", key}});
  EXPECT_EQ(retry.status, 201) << retry.body;
  EXPECT_EQ(retry.body, first.body);  // the same resource, same id
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");
  EXPECT_EQ(count_rows(db, p.table), before + 1);

  const Reply other = c.post(p.path, p.other_body, {{"Idempotency-Key", key}});
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_EQ(other.json()["error"]["field"], "Idempotency-Key");
  EXPECT_NE(other.json()["error"]["message"].get<std::string>().find("different request"), std::string::npos);
  EXPECT_EQ(count_rows(db, p.table), before + 1);
}

TEST(Idempotency, EveryCreatingPostIsExactlyOnceAndAReusedKeyWithAnotherBodyIsRefused) {
  TempDir dir;
  const std::string db = dir.file("idem.db");
  const std::string log = dir.file("log");
  const Seeded seeded = seed(db);
  ServerProcess server(db, {}, log);
  Client c{server.port()};
  ASSERT_EQ(c.login("coordinator.a").status, 200);
  Client surgeon{server.port()};
  ASSERT_EQ(surgeon.login("surgeon.a").status, 200);
  const std::string episode = "/api/v1/episodes/" + std::to_string(seeded.episode_a);

  nlohmann::json patient = {{"mrn", "MRN-idem"},
                            {"name_fa", "بیمار"},
                            {"name_latin", "Idem Patient"},
                            {"sex", "male"},
                            {"birth_date", "1970-01-01"},
                            {"mobile", "09121112233"},
                            {"national_id", test_national_id("MRN-idem")},
                            {"consent", {{"treatment", true}, {"registry", true}, {"contact", true}}}};
  nlohmann::json other_patient = patient;
  other_patient["mrn"] = "MRN-idem-2";
  other_patient["national_id"] = test_national_id("MRN-idem-2");
  check_exactly_once(c, db, {"/api/v1/patients", patient, other_patient, "patients"}, "k-patient");

  const nlohmann::json left = {{"protocol", "hip-msc-v1"},
                               {"side", "left"},
                               {"diagnosis", {{"system", "http://hl7.org/fhir/sid/icd-10-cm"}, {"code", "M16.12"}}}};
  nlohmann::json left_graded = left;
  left_graded["kl_grade"] = 2;
  check_exactly_once(
      c, db, {"/api/v1/patients/" + std::to_string(seeded.patient_a) + "/episodes", left, left_graded, "episodes"},
      "k-episode");

  check_exactly_once(surgeon, db,
                     {episode + "/adverse-events",
                      {{"category", "injection_site_pain"}, {"severity", "mild"}},
                      {{"category", "injection_site_pain"}, {"severity", "moderate"}},
                      "adverse_events"},
                     "k-event");

  check_exactly_once(
      c, db, {episode + "/questionnaire-links", {{"instrument", "nrs"}}, {{"instrument", "hoos-jr"}}, "access_tokens"},
      "k-link");

  // The same key from another user is that user's own key.
  const Reply theirs =
      surgeon.post(episode + "/questionnaire-links", {{"instrument", "nrs"}}, {{"Idempotency-Key", "k-link"}});
  EXPECT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_TRUE(theirs.header("idempotent-replayed").empty());

  // A patient's red flag, through the portal (the seeded patients share a number: the
  // helper picks centre a's).
  const Client me = patient_client(server.port(), log, seeded.patient_a);
  ASSERT_NE(me.port, 0);
  check_exactly_once(me, db,
                     {"/api/v1/me/episodes/" + std::to_string(seeded.episode_a) + "/red-flags",
                      {{"category", "swelling"}, {"severity", "moderate"}},
                      {{"category", "redness"}, {"severity", "moderate"}},
                      "adverse_events"},
                     "k-flag");

  // A refused request records no key: the key stays free for a corrected retry.
  nlohmann::json bad = patient;
  bad["mrn"] = "MRN-bad";
  bad["national_id"] = test_national_id("MRN-bad");
  bad["birth_date"] = "1970-02-30";
  EXPECT_EQ(c.post("/api/v1/patients", bad, {{"Idempotency-Key", "k-fixed"}}).status, 422);
  bad["birth_date"] = "1970-02-28";
  EXPECT_EQ(c.post("/api/v1/patients", bad, {{"Idempotency-Key", "k-fixed"}}).status, 201);
}

}  // namespace
}  // namespace rp::test
