// The worklist of a working morning over real HTTP against a real SQLite file, dated from
// the server's real today T (closing as missed asks whether a window closed before the
// clinic's today): today's items first, then overdue, then due this week; work-up tests
// on it; items whose window closed apart, closed as missed (one, in bulk, reopened) by
// the roles that may, with a reason, nothing changed on a refusal; filters by kind,
// patient and role; the phone for the roles shown it; pages that follow `next` and each
// read's one audit row naming the patients it showed.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <set>

#include "base/jalali.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

const CivilDate kToday = Clock::system().today();

std::string day_from_today(int offset) { return kToday.plus_days(offset).iso(); }

struct TodayBuilt {
  std::int64_t overdue = 0, today = 0, workup = 0, old = 0;
};

std::int64_t add_today_episode(service::Pathway& pathway, const service::Actor& op, const std::string& mrn,
                               const std::string& name) {
  Patient p = test_patient("a", mrn);
  p.name_latin = name;
  p.mobile = "0912555" + std::to_string(1000 + mrn.size() * 37 % 9000).substr(0, 4);
  const Patient added = pathway.add_patient(op, p);
  Episode e;
  e.patient_id = added.id;
  e.protocol_id = "hip-msc-v1";
  e.side = Side::left;
  e.diagnosis = {std::string(kIcd10Cm), "M16.12"};
  return pathway.add_episode(op, e).id;
}

TodayBuilt build_today_clinic(const std::string& db, const Seeded& seeded) {
  auto store = store::open_sqlite(db);
  const auto op = service::Actor::cli_operator();
  service::Pathway pathway(*store, Clock::system());
  TodayBuilt b;
  // Injected 16 days ago: visit-2w and prom-2w were due on T-2, windows still open (overdue);
  // the work-up, consultation and baseline windows closed weeks ago.
  b.overdue = seeded.episode_a;
  pathway.plan(op, b.overdue, kToday.plus_days(-30), kToday.plus_days(-16), "entered after the injection");
  // Injected 14 days ago: visit-2w and prom-2w are due today.
  b.today = add_today_episode(pathway, op, "MRN-today", "Today Person");
  pathway.plan(op, b.today, kToday.plus_days(-20), kToday.plus_days(-14), "entered after the injection");
  // Harvest in 29 days: the work-up tests (28 days before it) are due tomorrow.
  b.workup = add_today_episode(pathway, op, "MRN-workup", "Workup Person");
  pathway.plan(op, b.workup, kToday.plus_days(29), kToday.plus_days(29));
  // Injected 300 days ago: every window up to the 6-month one has closed; the next opens
  // in a month.
  b.old = add_today_episode(pathway, op, "MRN-old", "Old Person");
  pathway.plan(op, b.old, kToday.plus_days(-305), kToday.plus_days(-300), "entered from paper");
  // It was injected then: a treated joint the outcome report counts.
  store->write([&](store::Transaction& tx) {
    Episode e = *tx.find_episode(b.old);
    tx.insert_transition({b.old, e.state, EpisodeState::injected, "", "cli", "operator", "2024-01-01T00:00:00.000Z",
                          kToday.plus_days(-300)});
    e.state = EpisodeState::follow_up;
    tx.update_episode(e, "2024-01-01T00:00:00.000Z");
  });
  return b;
}

std::vector<nlohmann::json> rows_of_episode(const nlohmann::json& section, std::int64_t episode,
                                            const std::string& item = "") {
  std::vector<nlohmann::json> out;
  for (const auto& r : section)
    if (r["episode_id"] == episode && (item.empty() || r["item"]["id"] == item)) out.push_back(r);
  return out;
}

// Every record closing could change, and the decisions, as text.
std::string closing_records(const std::string& db) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  std::string out;
  for (const char* table : {"schedule_items", "schedule_closures"}) {
    SQLite::Statement q(d, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
    while (q.executeStep())
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + '\x1f';
  }
  return out;
}

std::int64_t audit_rows(const std::string& db, const std::string& action) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  SQLite::Statement q(d, "SELECT COUNT(*) FROM audit_log WHERE action = ?");
  q.bind(1, action);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

class WorklistToday : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("worklist.db");
    seeded_ = seed(db_);
    built_ = build_today_clinic(db_, seeded_);
    server_ = std::make_unique<ServerProcess>(db_);
    coordinator_ = login("coordinator.a");
  }

  Client login(const std::string& user) {
    Client c{server_->port()};
    EXPECT_EQ(c.login(user).status, 200) << user;
    return c;
  }
  nlohmann::json list(const std::string& query = "") {
    const Reply r = coordinator_.get("/api/v1/worklist" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  // One section of the list, by value: safe to loop over (a reference into list()'s
  // temporary would dangle).
  nlohmann::json section(const std::string& query, const char* key) { return list(query)[key]; }
  std::string item_path(std::int64_t episode, const std::string& item) {
    return "/api/v1/episodes/" + std::to_string(episode) + "/schedule/" + item;
  }

  TempDir dir_;
  std::string db_;
  Seeded seeded_;
  TodayBuilt built_;
  std::unique_ptr<ServerProcess> server_;
  Client coordinator_;
};

std::string jalali_today() {
  std::string text = to_jalali(kToday).iso();
  std::replace(text.begin(), text.end(), '-', '/');
  return text;
}

int rank(const std::string& group) { return group == "today" ? 0 : group == "overdue" ? 1 : 2; }

TEST_F(WorklistToday, TodayThenOverdueThenThisWeekAndNothingWhoseWindowClosed) {
  const auto w = list();
  const auto& items = w["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(w["items_total"], items.size());
  // Groups in order, and within overdue the window closing soonest first.
  for (std::size_t i = 1; i < items.size(); ++i) {
    const auto& a = items[i - 1]["item"];
    const auto& b = items[i]["item"];
    ASSERT_LE(rank(a["group"]), rank(b["group"])) << items.dump();
    if (a["group"] == "overdue" && b["group"] == "overdue") {
      EXPECT_LE(a["window_to"].get<std::string>(), b["window_to"].get<std::string>());
    }
  }
  EXPECT_EQ(items[0]["item"]["group"], "today");
  const auto today = rows_of_episode(items, built_.today, "visit-2w");
  ASSERT_EQ(today.size(), 1u);
  EXPECT_EQ(today[0]["item"]["due"], day_from_today(0));
  EXPECT_EQ(today[0]["item"]["status"], "due");
  const auto overdue = rows_of_episode(items, built_.overdue, "visit-2w");
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0]["item"]["group"], "overdue");
  EXPECT_EQ(overdue[0]["item"]["status"], "overdue");
  EXPECT_EQ(overdue[0]["item"]["due"], day_from_today(-2));
  // Nothing on the day's list had its window close.
  for (const auto& r : items) EXPECT_GE(r["item"]["window_to"].get<std::string>(), day_from_today(0)) << r.dump();
  EXPECT_TRUE(rows_of_episode(items, built_.old).empty());
  // Those are apart, the latest closed first, and counted.
  const auto& closed = w["window_closed"];
  EXPECT_FALSE(rows_of_episode(closed, built_.old, "visit-2w").empty());
  EXPECT_FALSE(rows_of_episode(closed, built_.overdue, "workup-mri").empty());
  EXPECT_EQ(w["window_closed_total"], closed.size());
  for (std::size_t i = 1; i < closed.size(); ++i)
    EXPECT_GE(closed[i - 1]["item"]["window_to"].get<std::string>(), closed[i]["item"]["window_to"].get<std::string>());
  for (const auto& r : closed) EXPECT_EQ(r["item"]["group"], "window_closed");
}

TEST_F(WorklistToday, WorkUpTestsAppearWhenDueAndOverdue) {
  const auto items = list()["items"];
  std::set<std::string> ids;
  for (const auto& r : rows_of_episode(items, built_.workup)) {
    if (r["item"]["kind"] != "order") continue;
    ids.insert(r["item"]["id"]);
    EXPECT_EQ(r["item"]["kind"], "order");
    EXPECT_EQ(r["item"]["group"], "upcoming");
    EXPECT_EQ(r["item"]["due"], day_from_today(1));
    EXPECT_EQ(r["item"]["responsible"], "surgeon");
  }
  EXPECT_EQ(ids, (std::set<std::string>{"workup-blood", "workup-exam", "workup-mri", "workup-xray"}));
  // A week later they are overdue, still on the list while their window is open.
  const Reply later = coordinator_.get("/api/v1/worklist?date=" + day_from_today(8));
  ASSERT_EQ(later.status, 200);
  for (const auto& r : rows_of_episode(later.json()["items"], built_.workup))
    if (r["item"]["kind"] == "order") {
      EXPECT_EQ(r["item"]["group"], "overdue") << r.dump();
    }
  EXPECT_EQ(rows_of_episode(later.json()["items"], built_.workup, "workup-mri").size(), 1u);
}

TEST_F(WorklistToday, FiltersByKindPatientAndRole) {
  for (const auto& r : section("?kind=order", "items")) EXPECT_EQ(r["item"]["kind"], "order");
  EXPECT_EQ(rows_of_episode(list("?kind=order")["items"], built_.workup).size(), 4u);
  EXPECT_TRUE(rows_of_episode(list("?kind=questionnaire")["items"], built_.workup).empty());
  const auto by_mrn = list("?patient=mrn-TODAY");
  ASSERT_FALSE(by_mrn["items"].empty());
  for (const auto& r : by_mrn["items"]) EXPECT_EQ(r["episode_id"], built_.today);
  const auto by_name = section("?patient=Workup%20pers", "items");
  EXPECT_FALSE(by_name.empty());
  for (const auto& r : by_name) EXPECT_EQ(r["episode_id"], built_.workup);
  EXPECT_TRUE(list("?patient=nobody-like-this")["items"].empty());
  // The coordinator chases questionnaires; the surgeon sees the visits and the work-up.
  const auto coordinator = list("?responsible=coordinator")["items"];
  ASSERT_FALSE(coordinator.empty());
  for (const auto& r : coordinator) EXPECT_EQ(r["item"]["kind"], "questionnaire");
  for (const auto& r : section("?responsible=surgeon", "items")) EXPECT_NE(r["item"]["kind"], "questionnaire");
  EXPECT_TRUE(list("?responsible=physiotherapist")["items"].empty());
  // Filters also narrow the items whose window closed.
  for (const auto& r : section("?kind=visit", "window_closed")) EXPECT_EQ(r["item"]["kind"], "visit");
  // Bad filters name the field.
  for (const std::string bad : {"kind=surgery", "responsible=janitor", "limit=0", "limit=5000", "offset=-1"}) {
    const Reply r = coordinator_.get("/api/v1/worklist?" + bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.json()["error"]["field"], bad.substr(0, bad.find('='))) << r.body;
  }
  // Pages are bounded.
  const auto page = list("?limit=2");
  EXPECT_EQ(page["items"].size(), 2u);
  EXPECT_GT(page["items_total"], 2);
  const auto next = list("?limit=2&offset=2");
  EXPECT_NE(next["items"][0].dump(), page["items"][0].dump());
}

TEST_F(WorklistToday, PhoneOnEachRowForTheRolesShownMobiles) {
  for (const char* role : {"coordinator", "surgeon", "admin"}) {
    const auto w = login(std::string(role) + ".a").get("/api/v1/worklist").json();
    ASSERT_FALSE(w["items"].empty());
    for (const auto& section : {w["items"], w["window_closed"]})
      for (const auto& r : section) EXPECT_EQ(r["mobile"].get<std::string>().substr(0, 4), "+989") << role;
  }
  for (const char* role : {"lab", "physiotherapist"}) {
    const auto w = login(std::string(role) + ".a").get("/api/v1/worklist").json();
    ASSERT_FALSE(w["items"].empty()) << role;
    for (const auto& section : {w["items"], w["window_closed"], w["holds"]})
      for (const auto& r : section) EXPECT_FALSE(r.contains("mobile")) << role << r.dump();
  }
}

TEST_F(WorklistToday, CloseOneAsMissedThenReopen) {
  const std::string path = item_path(built_.old, "visit-2w");
  const Reply closed =
      coordinator_.post(path + "/close-missed", {{"reason", "moved_away"}, {"note", "moved to Mashhad"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["item"]["status"], "missed");
  EXPECT_EQ(closed.json()["closure"]["reason"], "moved_away");
  EXPECT_EQ(closed.json()["closure"]["by"], "coordinator.a");
  // It leaves the list, is kept with its reason and its audit row.
  EXPECT_TRUE(rows_of_episode(list()["window_closed"], built_.old, "visit-2w").empty());
  EXPECT_EQ(audit_rows(db_, "schedule.close_missed"), 1);
  const auto kept = coordinator_.get("/api/v1/worklist/closed").json();
  ASSERT_EQ(rows_of_episode(kept, built_.old, "visit-2w").size(), 1u) << kept.dump();
  // Reading the closed items leaves one row, naming the patient shown.
  EXPECT_EQ(audit_rows(db_, "worklist.closed.read"), 1);
  EXPECT_EQ(SQLite::Database(db_, SQLite::OPEN_READONLY)
                .execAndGet("SELECT shown FROM audit_log WHERE action = 'worklist.closed.read'")
                .getString(),
            std::to_string(kept[0]["patient_id"].get<std::int64_t>()));
  EXPECT_EQ(rows_of_episode(kept, built_.old, "visit-2w")[0]["closure"]["note"], "moved to Mashhad");
  const auto timeline = coordinator_.get("/api/v1/episodes/" + std::to_string(built_.old)).json();
  bool missed = false;
  for (const auto& s : timeline["schedule"])
    if (s["id"] == "visit-2w") missed = s["status"] == "missed";
  EXPECT_TRUE(missed) << timeline.dump();
  // Closing it again is refused.
  EXPECT_EQ(coordinator_.post(path + "/close-missed", {{"reason", "declined"}}).status, 409);
  // Reopened with why: back on the list, the decisions kept.
  const Reply no_reason = coordinator_.post(path + "/reopen", {{"reason", "  "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.json()["error"]["field"], "reason");
  Client surgeon = login("surgeon.a");
  const Reply reopened = surgeon.post(path + "/reopen", {{"reason", "the patient called back"}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json()["item"]["status"], "out_of_window");
  EXPECT_EQ(rows_of_episode(list()["window_closed"], built_.old, "visit-2w").size(), 1u);
  EXPECT_TRUE(rows_of_episode(coordinator_.get("/api/v1/worklist/closed").json(), built_.old, "visit-2w").empty());
  EXPECT_EQ(audit_rows(db_, "schedule.reopen"), 1);
  EXPECT_EQ(surgeon.post(path + "/reopen", {{"reason", "again"}}).status, 409);
}

TEST_F(WorklistToday, RefusalsNameTheFieldAndChangeNothing) {
  const std::string before = closing_records(db_);
  const std::string old_visit = item_path(built_.old, "visit-2w") + "/close-missed";
  struct Case {
    Client* who;
    std::string path;
    nlohmann::json body;
    int status;
    std::string field;
  };
  Client physio = login("physiotherapist.a"), lab = login("lab.a"), analyst = login("analyst.a"),
         other = login("coordinator.b");
  const std::vector<Case> cases{
      {&coordinator_, old_visit, {{"reason", "forgot"}}, 422, "reason"},
      {&coordinator_, old_visit, nlohmann::json::object(), 422, "reason"},
      {&coordinator_, old_visit, {{"reason", "other"}}, 422, "note"},
      {&coordinator_, old_visit, {{"reason", "other"}, {"note", "   "}}, 422, "note"},
      {&coordinator_, old_visit, {{"reason", "declined"}, {"note", std::string(501, 'x')}}, 422, "note"},
      {&coordinator_, old_visit, {{"reason", "declined"}, {"color", "red"}}, 422, "color"},
      // The window is still open: not missed yet.
      {&coordinator_, item_path(built_.overdue, "visit-2w") + "/close-missed", {{"reason", "declined"}}, 409, "item"},
      // A procedure is booked, not chased.
      {&coordinator_, item_path(built_.old, "harvest") + "/close-missed", {{"reason", "declined"}}, 409, "item"},
      {&coordinator_, item_path(built_.old, "no-such-item") + "/close-missed", {{"reason", "declined"}}, 404, "item"},
      {&physio, old_visit, {{"reason", "declined"}}, 403, "role"},
      {&lab, old_visit, {{"reason", "declined"}}, 403, "role"},
      {&analyst, old_visit, {{"reason", "declined"}}, 403, "role"},
      {&other, old_visit, {{"reason", "declined"}}, 404, "episode"},
      {&coordinator_,
       "/api/v1/worklist/close-missed",
       {{"before", day_from_today(1)}, {"reason", "declined"}},
       422,
       "before"},
      {&coordinator_, "/api/v1/worklist/close-missed", {{"reason", "declined"}}, 422, "before"},
      {&coordinator_, "/api/v1/worklist/close-missed", {{"before", day_from_today(0)}, {"reason", "x"}}, 422, "reason"},
      {&coordinator_,
       "/api/v1/worklist/close-missed",
       {{"before", day_from_today(0)}, {"reason", "declined"}, {"kind", "hip"}},
       422,
       "kind"},
      {&lab, "/api/v1/worklist/close-missed", {{"before", day_from_today(0)}, {"reason", "declined"}}, 403, "role"},
      {&coordinator_, item_path(built_.old, "visit-6w") + "/reopen", {{"reason", "x"}}, 409, "item"},
      {&physio, item_path(built_.old, "visit-6w") + "/reopen", {{"reason", "x"}}, 403, "role"},
  };
  for (const auto& c : cases) {
    const Reply r = c.who->post(c.path, c.body);
    EXPECT_EQ(r.status, c.status) << c.path << " " << c.body.dump() << " " << r.body;
    if (r.status >= 400 && r.status != 403) {
      EXPECT_EQ(r.json()["error"]["field"], c.field) << c.path << " " << r.body;
      EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
    }
    // Every refusal is said in Persian too.
    const Reply fa = c.who->call("POST", c.path, c.body.dump(), {{"Accept-Language", "fa"}});
    EXPECT_EQ(fa.status, c.status);
    EXPECT_NE(fa.json()["error"]["message"], r.json()["error"]["message"]) << "not translated: " << r.body;
  }
  EXPECT_EQ(closing_records(db_), before) << "a refused close changes nothing";
  EXPECT_EQ(audit_rows(db_, "schedule.close_missed"), 0);
  // The window-still-open message says when it closes, in Persian too.
  const Reply fa = coordinator_.call("POST", item_path(built_.overdue, "visit-2w") + "/close-missed",
                                     R"({"reason": "declined"})", {{"Accept-Language", "fa"}});
  EXPECT_NE(fa.json()["error"]["message"].get<std::string>().find("بازه"), std::string::npos) << fa.body;
}

TEST_F(WorklistToday, CloseInBulkEveryItemWhoseWindowClosedBeforeADay) {
  const auto before = list("?limit=1000");
  // Windows that closed before T-40: the old patient's, and the overdue patient's work-up
  // (closed T-45) but not its baseline questionnaire (closed T-23).
  std::size_t expected = 0;
  for (const auto& r : before["window_closed"])
    expected += r["item"]["window_to"].get<std::string>() < day_from_today(-40);
  ASSERT_GT(expected, 4u);
  const Reply bulk = coordinator_.post("/api/v1/worklist/close-missed",
                                       {{"before", day_from_today(-40)}, {"reason", "patient_unreachable"}});
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  EXPECT_EQ(bulk.json()["closed"], expected);
  EXPECT_EQ(audit_rows(db_, "schedule.close_missed"), static_cast<std::int64_t>(expected));
  const auto after = list("?limit=1000");
  for (const auto& r : after["window_closed"])
    EXPECT_GE(r["item"]["window_to"].get<std::string>(), day_from_today(-40));
  EXPECT_FALSE(rows_of_episode(after["window_closed"], built_.overdue, "prom-baseline").empty());
  EXPECT_TRUE(rows_of_episode(after["window_closed"], built_.overdue, "workup-mri").empty());
  // The day's list is as it was.
  EXPECT_EQ(after["items"].dump(), before["items"].dump());
  // With a filter, only what it keeps: the remaining questionnaires, in Jalali.
  const Reply q =
      coordinator_.post("/api/v1/worklist/close-missed",
                        {{"before_jalali", jalali_today()}, {"reason", "declined"}, {"kind", "questionnaire"}});
  ASSERT_EQ(q.status, 200) << q.body;
  const auto closed_now = q.json();
  for (const auto& r : closed_now["items"]) EXPECT_EQ(r["item"]["kind"], "questionnaire");
  EXPECT_FALSE(closed_now["items"].empty());
  for (const auto& r : section("?limit=1000", "window_closed")) EXPECT_NE(r["item"]["kind"], "questionnaire");
}

// Completeness of follow-up reads a missed questionnaire as due and not received: one
// closed from the worklist stays counted, and one marked missed while its window is still
// open counts at once rather than as "not yet due".
TEST_F(WorklistToday, CompletenessCountsAMissedQuestionnaireAsMissing) {
  // Centre a's surgeon reads the counts whole: every treated joint is centre a's (the
  // analyst would read these cells of one patient as suppressed).
  Client surgeon = login("surgeon.a");
  const auto completeness = [&](const std::string& time_point) {
    const auto r = surgeon.get("/api/v1/reports/outcomes").json();
    for (const auto& scope : r["scopes"])
      if (scope["centre"].is_null())
        for (const auto& c : scope["completeness"])
          if (c["time_point"] == time_point) return std::make_pair(c["due"].get<int>(), c["received"].get<int>());
    ADD_FAILURE() << "no completeness for " << time_point << ": " << r.dump().substr(0, 2000);
    return std::make_pair(-1, -1);
  };
  EXPECT_EQ(completeness("prom-6m"), std::make_pair(1, 0));
  EXPECT_EQ(completeness("prom-36m"), std::make_pair(0, 0)) << "its window opens in months";
  ASSERT_EQ(
      coordinator_.post(item_path(built_.old, "prom-6m") + "/close-missed", {{"reason", "patient_unreachable"}}).status,
      200);
  EXPECT_EQ(completeness("prom-6m"), std::make_pair(1, 0));
  // The patient moved abroad: the three-year questionnaire is recorded missed now.
  const Reply marked = coordinator_.post(item_path(built_.old, "prom-36m"), {{"status", "missed"}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(completeness("prom-36m"), std::make_pair(1, 0));
  // Reopened, it is not due again until its window closes.
  ASSERT_EQ(coordinator_.post(item_path(built_.old, "prom-36m") + "/reopen", {{"reason", "back in Iran"}}).status, 200);
  EXPECT_EQ(completeness("prom-36m"), std::make_pair(0, 0));
}

TEST_F(WorklistToday, PagesFollowNextOnceEachAndEachReadNamesWhoItShowed) {
  const auto key = [](const nlohmann::json& r) {
    return std::to_string(r["episode_id"].get<std::int64_t>()) + "/" + r["item"]["id"].get<std::string>();
  };
  const nlohmann::json whole = list("?limit=1000");
  ASSERT_GE(whole["items"].size(), 3u);
  EXPECT_FALSE(whole.contains("next")) << "nothing follows the whole list";
  std::vector<std::string> want, got;
  for (const auto& r : whole["items"]) want.push_back(key(r));
  nlohmann::json page = list("?limit=2");
  for (int pages = 0; pages < 100; ++pages) {
    ASSERT_LE(page["items"].size(), 2u);
    for (const auto& r : page["items"]) got.push_back(key(r));
    if (!page.contains("next")) break;
    EXPECT_EQ(page["items"].size(), 2u) << "a page with a next is full";
    page = list("?limit=2&after=" + page["next"].get<std::string>());
  }
  EXPECT_EQ(got, want);

  // The read's one row names every patient the page showed (and no one more).
  const std::int64_t reads = audit_rows(db_, "worklist.read");
  const nlohmann::json first = list("?limit=2");
  EXPECT_EQ(audit_rows(db_, "worklist.read"), reads + 1);
  std::set<std::int64_t> shown_by_page;
  for (const char* section : {"items", "window_closed", "holds", "red_flags", "awaiting_release", "code_guesses"})
    for (const auto& r : first[section]) shown_by_page.insert(r["patient_id"].get<std::int64_t>());
  SQLite::Database d(db_, SQLite::OPEN_READONLY);
  const std::string shown =
      d.execAndGet("SELECT shown FROM audit_log WHERE action = 'worklist.read' ORDER BY seq DESC LIMIT 1").getString();
  std::set<std::int64_t> in_row;
  for (std::size_t at = 0; at < shown.size();) {
    const std::size_t comma = std::min(shown.find(',', at), shown.size());
    in_row.insert(std::stoll(shown.substr(at, comma - at)));
    at = comma + 1;
  }
  EXPECT_EQ(in_row, shown_by_page);

  // A cursor the server did not write is refused, naming the field, and nothing is read.
  for (const char* bad : {"", "not-a-cursor", "MXwyMDMxLTAyLTMwfDIwMzEtMDEtMDF8MXx2aXNpdC0ydw", "%2B%2B%2B"}) {
    const Reply r = coordinator_.get(std::string("/api/v1/worklist?after=") + bad);
    EXPECT_EQ(r.status, 422) << bad << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "after") << r.body;
    EXPECT_EQ(r.json()["error"]["reason"], "worklist_cursor_invalid") << r.body;
  }
  EXPECT_EQ(audit_rows(db_, "worklist.read"), reads + 1) << "a refused read writes nothing";
}

}  // namespace
}  // namespace rp::test
