// The staff worklist over real HTTP against a real SQLite file. Patients are built on a
// fixed day D (passed as ?date=) so every status is known: a visit overdue, questionnaires
// outstanding and answered, drug holds starting, red flags newest first, a product
// awaiting release, an ended episode and another centre's patient left out.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/product/din.hpp"
#include "domain/product/product.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

const CivilDate kWorklistDay = parse_gregorian("2031-05-20");
const std::string kDayText = "2031-05-20";

std::string day(int offset) { return kWorklistDay.plus_days(offset).iso(); }

struct WorklistBuilt {
  std::int64_t overdue_episode = 0, holds_episode = 0, harvested_episode = 0, ended_episode = 0;
  std::int64_t older_flag = 0, newer_flag = 0;
};

std::int64_t add_episode(service::Pathway& pathway, const service::Actor& op, const std::string& centre,
                         const std::string& mrn) {
  const Patient p = pathway.add_patient(op, test_patient(centre, mrn));
  Episode e;
  e.patient_id = p.id;
  e.protocol_id = "hip-msc-v1";
  e.side = Side::left;
  e.diagnosis = {std::string(kIcd10Cm), "M16.12"};
  return pathway.add_episode(op, e).id;
}

std::int64_t red_flag(store::Transaction& tx, std::int64_t episode, const std::string& centre,
                      const std::string& reported_at, const std::string& status) {
  store::AdverseEventRow r;
  r.episode_id = episode;
  r.centre_id = centre;
  r.kind = "red_flag";
  r.category = "swelling";
  r.severity = "moderate";
  r.description = "swollen since " + reported_at;
  r.onset_date = reported_at.substr(0, 10);
  r.reported_by = "patient";
  r.role = "patient";
  r.reported_at = reported_at;
  r.status = status;
  if (status == "resolved") {
    r.triage = "not_adverse_event";
    r.triage_reason = "expected soreness";
  }
  return tx.insert_adverse_event(r);
}

void set_state(store::Transaction& tx, std::int64_t episode, EpisodeState state, std::optional<CivilDate> harvest) {
  Episode e = *tx.find_episode(episode);
  e.state = state;
  if (harvest) e.harvest_date = harvest;
  tx.update_episode(e, "2031-01-01T00:00:00.000Z");
}

WorklistBuilt build(const std::string& db, const Seeded& seeded) {
  auto store = store::open_sqlite(db);
  const auto op = service::Actor::cli_operator();
  // The fixture's steps are taken on day D, the worklist's day.
  service::Pathway pathway(*store,
                           Clock::fixed((kWorklistDay.days_since_epoch() * 86400 + std::int64_t{9} * 3600) * 1000));
  WorklistBuilt b;
  // Injected 16 days before D: visit-2w was due D-2 (window D-5..D+1), prom-2w likewise.
  b.overdue_episode = seeded.episode_a;
  pathway.plan(op, b.overdue_episode, kWorklistDay.plus_days(-30), kWorklistDay.plus_days(-16),
               "entered after the injection");
  // Harvest at D+17: both drug holds start at D+3; the baseline questionnaire's window is open.
  b.holds_episode = add_episode(pathway, op, "a", "MRN-holds");
  pathway.plan(op, b.holds_episode, kWorklistDay.plus_days(17), kWorklistDay.plus_days(17));
  b.harvested_episode = add_episode(pathway, op, "a", "MRN-harvested");
  b.ended_episode = add_episode(pathway, op, "a", "MRN-ended");
  pathway.plan(op, b.ended_episode, kWorklistDay.plus_days(-30), kWorklistDay.plus_days(-16), "entered late");
  // The other centre's patient has the same overdue visit and an open red flag.
  pathway.plan(op, seeded.episode_b, kWorklistDay.plus_days(-30), kWorklistDay.plus_days(-16), "entered late");
  store->write([&](store::Transaction& tx) {
    set_state(tx, b.harvested_episode, EpisodeState::harvested, kWorklistDay.plus_days(-3));
    // Its product waits in the lab for release, a day from its expiry.
    product::Product pr;
    pr.din = product::make_din("RPLAB", "31", 7).text();
    pr.episode_id = b.harvested_episode;
    pr.patient_id = tx.find_episode(b.harvested_episode)->patient_id;
    pr.centre_id = "a";
    pr.state = product::State::awaiting_release;
    pr.expires_at = day(1) + "T06:00:00.000Z";
    tx.insert_product(pr, day(-3) + "T06:00:00.000Z");
    set_state(tx, b.ended_episode, EpisodeState::withdrawn, std::nullopt);
    b.older_flag = red_flag(tx, b.overdue_episode, "a", day(-2) + "T08:00:00.000Z", "open");
    b.newer_flag = red_flag(tx, b.overdue_episode, "a", day(-1) + "T09:30:00.000Z", "open");
    red_flag(tx, b.overdue_episode, "a", day(0) + "T01:00:00.000Z", "resolved");
    red_flag(tx, seeded.episode_b, "b", day(0) + "T02:00:00.000Z", "open");
    // The baseline questionnaire was answered (the item is still marked planned).
    store::QuestionnaireResponseRow q{
        0,      b.overdue_episode,           "a", "nrs", "prom-baseline", "{}", "{}", "staff",
        "test", day(-35) + "T10:00:00.000Z", ""};
    tx.insert_questionnaire_response(q);
  });
  return b;
}

// The rows of a section for one episode and item.
std::vector<nlohmann::json> rows(const nlohmann::json& section, std::int64_t episode, const std::string& item = "") {
  std::vector<nlohmann::json> out;
  for (const auto& r : section) {
    if (r["episode_id"] == episode && (item.empty() || r["item"]["id"] == item)) out.push_back(r);
  }
  return out;
}

std::size_t worklist_audit_rows(const std::string& db) {
  auto store = store::open_sqlite(db);
  std::size_t n = 0;
  store->read([&](store::Transaction& tx) {
    for (const auto& row : tx.audit_rows(0, 100000)) n += row.action == "worklist.read";
  });
  return n;
}

class WorklistOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("worklist.db");
    seeded_ = seed(db_);
    built_ = build(db_, seeded_);
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, dir_.file("log"));
    coordinator_.port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    const Reply r = coordinator_.get("/api/v1/worklist?date=" + kDayText);
    ASSERT_EQ(r.status, 200) << r.body;
    list_ = r.json();
  }

  TempDir dir_;
  std::string db_;
  Seeded seeded_;
  WorklistBuilt built_;
  std::unique_ptr<ServerProcess> server_;
  Client coordinator_;
  nlohmann::json list_;
};

TEST_F(WorklistOverHttp, VisitOverdueWithPatientAndItem) {
  EXPECT_EQ(list_["date"], kDayText);
  EXPECT_EQ(list_["date_jalali"], "1410-02-30");
  const auto visit = rows(list_["items"], built_.overdue_episode, "visit-2w");
  ASSERT_EQ(visit.size(), 1u) << list_["items"].dump();
  const auto& v = visit[0];
  EXPECT_EQ(v["patient_id"], seeded_.patient_a);
  EXPECT_EQ(v["mrn"], "MRN-a");
  EXPECT_EQ(v["name_latin"], "Test Patient");
  EXPECT_EQ(v["name_fa"], "بیمار آزمون");
  EXPECT_EQ(v["side"], "right");
  EXPECT_EQ(v["state"], "referred");
  EXPECT_EQ(v["item"]["kind"], "visit");
  EXPECT_EQ(v["item"]["status"], "overdue");
  EXPECT_EQ(v["item"]["group"], "overdue");
  EXPECT_EQ(v["item"]["responsible"], "surgeon");
  EXPECT_EQ(v["mobile"], "+989121234567");  // the coordinator calls the patient
  EXPECT_EQ(v["item"]["due"], day(-2));
  EXPECT_EQ(v["item"]["window_from"], day(-5));
  EXPECT_EQ(v["item"]["window_to"], day(1));
  EXPECT_EQ(v["item"]["title"]["en"], "Follow-up visit at 2 weeks");
  EXPECT_EQ(v["item"]["title"]["fa"], "ویزیت پیگیری ۲ هفته");
  // Not yet due: the 6-week visit's window opens later.
  EXPECT_TRUE(rows(list_["items"], built_.overdue_episode, "visit-6w").empty());
}

TEST_F(WorklistOverHttp, QuestionnairesOutstandingButNotAnswered) {
  const auto two_weeks = rows(list_["items"], built_.overdue_episode, "prom-2w");
  ASSERT_EQ(two_weeks.size(), 1u);
  EXPECT_EQ(two_weeks[0]["item"]["status"], "overdue");
  EXPECT_TRUE(rows(list_["items"], built_.overdue_episode, "prom-baseline").empty()) << "answered";
  EXPECT_TRUE(rows(list_["window_closed"], built_.overdue_episode, "prom-baseline").empty()) << "answered";
  const auto baseline = rows(list_["items"], built_.holds_episode, "prom-baseline");
  ASSERT_EQ(baseline.size(), 1u);
  EXPECT_EQ(baseline[0]["item"]["status"], "due");
}

TEST_F(WorklistOverHttp, DrugHoldsStartingWithinAWeek) {
  const auto holds = rows(list_["holds"], built_.holds_episode);
  ASSERT_EQ(holds.size(), 2u) << list_["holds"].dump();
  for (const auto& h : holds) {
    EXPECT_EQ(h["item"]["due"], day(3));
    EXPECT_EQ(h["item"]["status"], "upcoming");
    EXPECT_EQ(h["item"]["needs_prescriber_approval"], h["item"]["id"] == "hold-blood-thinner") << h.dump();
  }
  // Holds that started weeks ago are not "starting".
  EXPECT_TRUE(rows(list_["holds"], built_.overdue_episode).empty());
}

// A page of holds (limit), the next from holds_offset, the whole count beside them; a
// kind that is not a hold reads none.
TEST_F(WorklistOverHttp, DrugHoldsAPageAtATime) {
  EXPECT_EQ(list_["holds_total"], list_["holds"].size());
  std::vector<std::string> seen;
  for (int offset : {0, 1}) {
    const Reply r = coordinator_.get("/api/v1/worklist?limit=1&holds_offset=" + std::to_string(offset) +
                                     "&patient=MRN-holds&date=" + kDayText);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto w = r.json();
    ASSERT_EQ(w["holds"].size(), 1u) << w["holds"].dump();
    EXPECT_EQ(w["holds_total"], 2);
    EXPECT_EQ(w["filter"]["holds_offset"], offset);
    seen.push_back(w["holds"][0]["item"]["id"]);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"hold-anti-inflammatory", "hold-blood-thinner"}));
  const Reply visits = coordinator_.get("/api/v1/worklist?kind=visit&date=" + kDayText);
  ASSERT_EQ(visits.status, 200);
  EXPECT_TRUE(visits.json()["holds"].empty());
  EXPECT_EQ(visits.json()["holds_total"], 0);
  for (const char* bad : {"-1", "1000001", "x"}) {
    const Reply r = coordinator_.get(std::string("/api/v1/worklist?holds_offset=") + bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.json()["error"]["field"], "holds_offset") << r.body;
  }
}

TEST_F(WorklistOverHttp, OpenRedFlagsNewestFirst) {
  const auto& flags = list_["red_flags"];
  ASSERT_EQ(flags.size(), 2u) << flags.dump();
  EXPECT_EQ(flags[0]["red_flag"]["id"], built_.newer_flag);
  EXPECT_EQ(flags[1]["red_flag"]["id"], built_.older_flag);
  EXPECT_EQ(flags[0]["red_flag"]["category"], "swelling");
  EXPECT_EQ(flags[0]["red_flag"]["severity"], "moderate");
  EXPECT_EQ(flags[0]["red_flag"]["reported_at"], day(-1) + "T09:30:00.000Z");
  EXPECT_EQ(flags[0]["mrn"], "MRN-a");
  // Acknowledging keeps it on the list, after the open ones, until a clinician triages it.
  Client surgeon{server_->port()};
  ASSERT_EQ(surgeon.login("surgeon.a").status, 200);
  const std::string newer = "/api/v1/red-flags/" + std::to_string(built_.newer_flag);
  const std::string older = "/api/v1/red-flags/" + std::to_string(built_.older_flag);
  const Reply ack = surgeon.post(newer + "/acknowledge", {{"action", "asked_to_come_in"}});
  ASSERT_EQ(ack.status, 200) << ack.body;
  auto after = coordinator_.get("/api/v1/worklist?date=" + kDayText).json()["red_flags"];
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0]["red_flag"]["id"], built_.older_flag);
  EXPECT_EQ(after[1]["red_flag"]["id"], built_.newer_flag);
  EXPECT_EQ(after[1]["red_flag"]["status"], "acknowledged");
  EXPECT_EQ(after[1]["red_flag"]["acknowledged_by"], "surgeon.a");
  // Dismissed with a reason, it leaves the list.
  const Reply dismissed = surgeon.post(newer + "/triage", {{"decision", "not_adverse_event"}, {"reason", "bruise"}});
  ASSERT_EQ(dismissed.status, 200) << dismissed.body;
  EXPECT_EQ(dismissed.json()["red_flag"]["triage"], "not_adverse_event");
  EXPECT_EQ(dismissed.json()["red_flag"]["triage_reason"], "bruise");
  EXPECT_TRUE(dismissed.json()["adverse_event"].is_null());
  after = coordinator_.get("/api/v1/worklist?date=" + kDayText).json()["red_flags"];
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["red_flag"]["id"], built_.older_flag);
  // Triaged as an adverse event, it becomes one, linked to the flag.
  // (The flags here are dated in 2031; the event's onset may not be after the real today.)
  const Reply event =
      surgeon.post(older + "/triage",
                   {{"decision", "adverse_event"}, {"category", "effusion"}, {"onset", Clock::system().today().iso()}});
  ASSERT_EQ(event.status, 200) << event.body;
  EXPECT_EQ(event.json()["adverse_event"]["red_flag_id"], built_.older_flag);
  EXPECT_EQ(event.json()["adverse_event"]["severity"], "moderate");  // the flag's, as the patient said it
  EXPECT_EQ(coordinator_.get("/api/v1/worklist?date=" + kDayText).json()["red_flags"].size(), 0u);
  // Once triaged, it stays triaged.
  EXPECT_EQ(surgeon.post(older + "/triage", {{"decision", "not_adverse_event"}, {"reason", "x"}}).status, 409);
}

TEST_F(WorklistOverHttp, ProductAwaitingRelease) {
  const auto& products = list_["awaiting_release"];
  ASSERT_EQ(products.size(), 1u) << products.dump();
  EXPECT_EQ(products[0]["episode_id"], built_.harvested_episode);
  EXPECT_EQ(products[0]["mrn"], "MRN-harvested");
  EXPECT_EQ(products[0]["state"], "harvested");
  EXPECT_EQ(products[0]["harvest_date"], day(-3));
  EXPECT_EQ(products[0]["days_since_harvest"], 3);
  const std::string din = product::make_din("RPLAB", "31", 7).with_check();
  EXPECT_EQ(products[0]["din"], din);
  EXPECT_EQ(products[0]["product_state"], "awaiting_release");
  EXPECT_EQ(products[0]["expires_at"], day(1) + "T06:00:00.000Z");
}

TEST_F(WorklistOverHttp, OtherCentreAndEndedEpisodesLeftOut) {
  for (const char* section : {"items", "window_closed", "holds", "red_flags", "awaiting_release"}) {
    EXPECT_TRUE(rows(list_[section], seeded_.episode_b).empty()) << section;
    EXPECT_TRUE(rows(list_[section], built_.ended_episode).empty()) << section;
  }
  // Centre b's coordinator sees its own patient and nothing of centre a.
  Client other{server_->port()};
  ASSERT_EQ(other.login("coordinator.b").status, 200);
  const auto b = other.get("/api/v1/worklist?date=" + kDayText).json();
  EXPECT_EQ(rows(b["items"], seeded_.episode_b, "visit-2w").size(), 1u);
  EXPECT_EQ(b["red_flags"].size(), 1u);
  EXPECT_TRUE(rows(b["items"], built_.overdue_episode).empty());
}

TEST_F(WorklistOverHttp, RolesBadDateAndOneAuditRowPerRead) {
  EXPECT_EQ(Client{server_->port()}.get("/api/v1/worklist").status, 401);
  Client analyst{server_->port()};
  ASSERT_EQ(analyst.login("analyst.a").status, 200);
  EXPECT_EQ(analyst.get("/api/v1/worklist").status, 403);
  for (const char* role : {"admin", "surgeon", "lab", "physiotherapist"}) {
    Client c{server_->port()};
    ASSERT_EQ(c.login(std::string(role) + ".a").status, 200);
    EXPECT_EQ(c.get("/api/v1/worklist").status, 200) << role;  // default date: the clinic's today
  }
  const std::size_t before = worklist_audit_rows(db_);
  for (const char* bad : {"2031-02-30", "yesterday", "2031-5-20x"}) {
    const Reply r = coordinator_.get(std::string("/api/v1/worklist?date=") + bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.json()["error"]["field"], "date") << r.body;
  }
  EXPECT_EQ(worklist_audit_rows(db_), before) << "a refused read writes nothing";
  ASSERT_EQ(coordinator_.get("/api/v1/worklist?date=" + kDayText).status, 200);
  EXPECT_EQ(worklist_audit_rows(db_), before + 1);
}

}  // namespace
}  // namespace rp::test
