// Role × route × centre, generated from the route table (the served OpenAPI document):
// every operation is called by every role (each staff role, a patient, and nobody) with
// ids of the caller's own centre and of the other centre, each with a body that passes
// validation (a fixture per route: a route without one fails the test), so that the
// centre check itself is what a cross-centre call meets. Each cell must be refused (401
// without a session, 403 for a role the route does not list) or allowed; an allowed call
// with the other centre's ids must find nothing (404) and change nothing in the records.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <set>
#include <tuple>

#include "http_test_support.hpp"
#include "service/accounts.hpp"
#include "service/actor.hpp"
#include "service/submissions.hpp"

namespace rp::test {
namespace {

struct Ids {
  std::int64_t patient = 0, episode = 0, event = 0, red_flag = 0, account = 0;
};

std::string fill(std::string path, const std::string& method, const Ids& ids, const std::string& centre) {
  auto replace = [&](const std::string& name, const std::string& value) {
    if (auto pos = path.find("{" + name + "}"); pos != std::string::npos) path.replace(pos, name.size() + 2, value);
  };
  replace("patient_id", std::to_string(ids.patient));
  replace("episode_id", std::to_string(ids.episode));
  // The red-flag routes take a red flag; the adverse-event route an adverse event.
  replace("event_id", std::to_string(path.find("red-flags") != std::string::npos ? ids.red_flag : ids.event));
  replace("account_id", std::to_string(ids.account));
  replace("centre_id", centre);
  replace("item_id", "visit-2w");
  replace("token", "00000000000000000000000000000000");
  replace("feed", std::string(64, '0') + ".ics");  // a calendar feed's token nobody has
  replace("protocol_id", "hip-msc-v1");
  replace("message_id", "999999");    // a message nobody has: not found at either centre
  replace("rating_id", "999999");     // a rating nobody gave: likewise
  replace("payment_id", "999999");    // a payment nobody recorded: likewise
  replace("signature_id", "999999");  // a consent nobody signed: likewise
  replace("evidence_id", "role-matrix-entry");
  replace("export_id", std::string(32, '0'));  // an export nobody began: not found at either centre
  replace("file", "1");
  replace("kind", "treatment");
  replace("slug", "about-the-treatment");
  // A well-formed DIN no centre has: found nowhere, so not found at either centre.
  replace("din", "RPLAB26999999Y");
  (void)method;
  return path;
}

// Path parameters that name shared data, not a centre's records: the same for every centre.
bool centre_scoped(const std::string& path) {
  std::string rest = path;
  // A consent's kind (treatment, registry, contact) is a word, not a record.
  for (const char* shared : {"{protocol_id}", "{token}", "{feed}", "{evidence_id}", "{kind}"}) {
    if (auto pos = rest.find(shared); pos != std::string::npos) rest.erase(pos, std::string(shared).size());
  }
  return rest.find('{') != std::string::npos;
}

// A body each write accepts, as its users would send it.
const std::map<std::string, nlohmann::json>& valid_bodies() {
  const std::string soon = Clock::system().today().plus_days(30).iso();
  static const std::map<std::string, nlohmann::json> bodies{
      {"POST /api/v1/accounts", {{"username", "new.person"}, {"role", "coordinator"}, {"password", kPassword}}},
      {"POST /api/v1/accounts/{account_id}/password", {{"password", "Another-pass-2027"}}},
      {"PATCH /api/v1/accounts/{account_id}", {{"disabled", false}}},
      {"PUT /api/v1/centres/{centre_id}", {{"name_en", "Centre"}, {"name_fa", "مرکز"}}},
      {"PUT /api/v1/centres/{centre_id}/licence", {{"licence_status", "licensed"}}},
      {"POST /api/v1/auth/login", {{"username", "coordinator.a"}, {"password", kPassword}}},
      {"POST /api/v1/auth/logout", nlohmann::json::object()},
      {"POST /api/v1/patient-auth/code", {{"mobile", "09121234567"}}},
      {"POST /api/v1/patient-auth/login", {{"mobile", "09121234567"}, {"code", "123456"}}},
      {"POST /api/v1/patient-auth/choose", {{"choice", std::string(32, '0')}, {"patient_id", 1}}},
      {"POST /api/v1/patients/{patient_id}/episodes",
       {{"protocol", "hip-msc-v1"}, {"side", "left"}, {"diagnosis", {{"code", "M16.12"}}}}},
      {"PATCH /api/v1/episodes/{episode_id}", {{"kl_grade", 2}}},
      {"POST /api/v1/episodes/{episode_id}/transitions", {{"to", "screening"}}},
      {"POST /api/v1/episodes/{episode_id}/adverse-events", {{"category", "swelling"}, {"severity", "mild"}}},
      {"PATCH /api/v1/adverse-events/{event_id}", {{"ctcae_grade", 2}, {"reason", "graded at the visit"}}},
      {"POST /api/v1/red-flags/{event_id}/triage", {{"decision", "not_adverse_event"}, {"reason", "expected"}}},
      {"POST /api/v1/red-flags/{event_id}/acknowledge", {{"action", "called"}}},
      {"POST /api/v1/patients", nlohmann::json::parse(R"({"mrn": "MRN-new", "name_fa": "بیمار", "name_latin": "New",
         "sex": "male", "birth_date": "1960-01-01", "mobile": "09121112233", "national_id": "0013542419"})")},
      {"PATCH /api/v1/patients/{patient_id}", {{"mobile", "09121112244"}, {"reason", "new number"}}},
      {"POST /api/v1/me/episodes/{episode_id}/questionnaires",
       {{"instrument", "nrs"}, {"answers", {{"pain_rest", 3}, {"pain_activity", 5}}}}},
      {"POST /api/v1/me/episodes/{episode_id}/red-flags", {{"category", "swelling"}, {"severity", "mild"}}},
      {"POST /api/v1/episodes/{episode_id}/questionnaires",
       {{"instrument", "nrs"}, {"answers", {{"pain_rest", 3}, {"pain_activity", 5}}}}},
      {"POST /api/v1/episodes/{episode_id}/questionnaire-links", {{"instrument", "nrs"}}},
      {"POST /api/v1/instrument-wordings",
       {{"questionnaire",
         {{"resourceType", "Questionnaire"},
          {"version", "matrix-1"},
          {"title", "Global"},
          {"item",
           {{{"linkId", "global"},
             {"type", "integer"},
             {"text", "How are you doing?"},
             {"extension",
              {{{"url", "http://hl7.org/fhir/StructureDefinition/minValue"}, {"valueInteger", 0}},
               {{"url", "http://hl7.org/fhir/StructureDefinition/maxValue"}, {"valueInteger", 100}}}}}}}}}}},
      {"POST /api/v1/q/{token}", {{"answers", {{"pain_rest", 3}, {"pain_activity", 5}}}}},
      {"POST /api/v1/episodes/{episode_id}/eligibility",
       nlohmann::json::parse(R"({"findings": {"kl_grade": 2, "active_infection": false, "malignancy": false,
         "bleeding_disorder": false, "pregnancy": false, "inflammatory_arthritis": false,
         "weeks_since_intra_articular_steroid": 52, "anticoagulant_use": false, "diabetes": false, "bmi": 26}})")},
      {"POST /api/v1/episodes/{episode_id}/plan", {{"harvest", soon}, {"injection", soon}}},
      {"POST /api/v1/episodes/{episode_id}/schedule/{item_id}", {{"status", "done"}}},
      {"POST /api/v1/episodes/{episode_id}/schedule/{item_id}/close-missed", {{"reason", "declined"}}},
      {"POST /api/v1/episodes/{episode_id}/schedule/{item_id}/reopen", {{"reason", "the patient called back"}}},
      {"POST /api/v1/products/verify", {{"din", "RPLAB26999999Y"}, {"mrn", "MRN-a"}}},
      {"POST /api/v1/products/{din}/inject", {{"mrn", "MRN-a"}}},
      {"POST /api/v1/products/{din}/process", {{"method", "density_gradient"}}},
      {"POST /api/v1/products/{din}/release", nlohmann::json::object()},
      {"POST /api/v1/episodes/{episode_id}/harvest",
       {{"mrn", "MRN-a"}, {"source", "bone_marrow"}, {"volume_ml", 60.5}}},
      {"POST /api/v1/products/{din}/receive", {{"temperature_c", 4.5}}},
      {"POST /api/v1/products/{din}/qc", {{"viability_percent", 91.5}, {"sterility", {{"result", "passed"}}}}},
      {"POST /api/v1/products/{din}/quarantine", {{"reason", "label torn"}}},
      {"POST /api/v1/products/{din}/discard", {{"reason", "bag leaking"}}},
      {"POST /api/v1/products/{din}/expire", {{"reason", "past its time"}}},
      {"POST /api/v1/patients/{patient_id}/calendar-feed", nlohmann::json::object()},
      {"POST /api/v1/me/calendar-feed", nlohmann::json::object()},
      {"POST /api/v1/centres/{centre_id}/price-lists",
       {{"valid_from_year", 1420},
        {"valid_to_year", 1420},
        {"lines", {{{"item", "consultation"}, {"amount_rials", 10'000'000}}}}}},
      {"POST /api/v1/centres/{centre_id}/estimates",
       {{"year", 1420},
        {"cell_source", "bone_marrow"},
        {"guidance", "ultrasound"},
        {"insurers", nlohmann::json::array()}}},
      {"POST /api/v1/centres/{centre_id}/estimates/sheet",
       {{"year", 1420},
        {"cell_source", "bone_marrow"},
        {"guidance", "ultrasound"},
        {"insurers", nlohmann::json::array()}}},
      {"POST /api/v1/me/estimates",
       {{"year", 1420},
        {"cell_source", "bone_marrow"},
        {"guidance", "ultrasound"},
        {"insurers", nlohmann::json::array()}}},
      {"POST /api/v1/me/estimates/sheet",
       {{"year", 1420},
        {"cell_source", "bone_marrow"},
        {"guidance", "ultrasound"},
        {"insurers", nlohmann::json::array()}}},
      {"PUT /api/v1/me/episodes/{episode_id}/rating", {{"stars", 4}, {"comment", "Less pain."}}},
      {"POST /api/v1/ratings/{rating_id}/moderation", {{"decision", "approve"}}},
      {"POST /api/v1/exports", {{"kind", "deidentified"}}},
      {"PUT /api/v1/patients/{patient_id}/imaging/link", {{"dicom_patient_id", "PACS-1"}}},
      {"POST /api/v1/episodes/{episode_id}/imaging/grades",
       {{"study_uid", "1.2.840.1"}, {"study_date", Clock::system().today().plus_days(-10).iso()}, {"kl_grade", 2}}},
      {"PUT /api/v1/centres/{centre_id}/pages/{slug}",
       {{"kind", "page"},
        {"position", 1},
        {"title_en", "About"},
        {"title_fa", "درباره"},
        {"body_en", "Text."},
        {"body_fa", "متن."}}},
      {"POST /api/v1/centres/{centre_id}/pages/{slug}/publication", {{"version", 1}}},
      {"PUT /api/v1/episodes/{episode_id}/payment-plan",
       {{"year", 1420},
        {"cell_source", "bone_marrow"},
        {"guidance", "ultrasound"},
        {"insurers", nlohmann::json::array()},
        {"down_rials", 0},
        {"months", 2},
        {"first_due", soon}}},
      {"POST /api/v1/episodes/{episode_id}/payments",
       {{"amount_rials", 1000}, {"paid_on", Clock::system().today().iso()}, {"method", "cash"}}},
      {"POST /api/v1/episodes/{episode_id}/payments/{payment_id}/reversal", {{"reason", "recorded twice"}}},
      {"PUT /api/v1/evidence/{evidence_id}",
       {{"protocol", "hip-msc-v1"},
        {"claims", {"success-75-85"}},
        {"citation", "A trial"},
        {"year", 2023},
        {"design", "cohort"},
        {"stance", "inconclusive"},
        {"finding_en", "Found little."},
        {"finding_fa", "چیز زیادی نیافت."},
        {"link", "https://example.org/trial"}}},
      {"POST /api/v1/evidence/{evidence_id}/withdrawal", {{"reason", "retracted"}}},
      {"POST /api/v1/centres/{centre_id}/pages/{slug}/withdrawal", {{"reason", "no longer true"}}},
      {"PUT /api/v1/centres/{centre_id}/consent-documents/{kind}",
       {{"title_en", "Consent"},
        {"title_fa", "رضایت"},
        {"sections", {{{"heading", {{"en", "Risks"}, {"fa", "خطرها"}}}, {"body", {{"en", "Pain."}, {"fa", "درد."}}}}}},
        {"questions", nlohmann::json::array()}}},
      {"POST /api/v1/centres/{centre_id}/consent-documents/{kind}/publication", {{"version", 1}}},
      {"POST /api/v1/me/consents/{kind}/signature",
       {{"episode", 1},
        {"language", "en"},
        {"answers", nlohmann::json::array()},
        {"name", "Test Patient"},
        {"signature", "0.1 0.1,0.2 0.2"}}},
      {"POST /api/v1/me/consent-signatures/{signature_id}/withdrawal", {{"reason", "changed my mind"}}},
      {"POST /api/v1/consent-signatures/{signature_id}/withdrawal", {{"reason", "the patient called"}}},
      {"POST /api/v1/consent-signatures/{signature_id}/countersignature", nlohmann::json::object()},
      {"POST /api/v1/messages/{message_id}/cancel", {{"reason", "the patient asked not to be texted"}}},
      {"POST /api/v1/messages/{message_id}/resend", {{"reason", "the patient changed phones"}}},
      // The provider's call back (public; with no token configured here, not there: 404).
      {"POST /api/v1/messaging/sms-delivery", {{"messageid", "prov-1"}, {"status", "10"}}},
      {"POST /api/v1/products/{din}/storage", {{"temperature_c", 4.5}}},
      {"POST /api/v1/products/{din}/freeze", nlohmann::json::object()},
      {"POST /api/v1/products/{din}/thaw", nlohmann::json::object()},
      {"POST /api/v1/products/{din}/return", {{"reason", "list ran late"}}},
      {"POST /api/v1/products/{din}/clear", {{"reason", "seal intact"}}},
      {"PUT /api/v1/products/{din}/passages", {{"passages", nlohmann::json::array()}}},
      {"POST /api/v1/worklist/close-missed", {{"before", Clock::system().today().iso()}, {"reason", "declined"}}},
  };
  return bodies;
}

// Every record a write could change, as text: compared before and after a call.
std::string records(const std::string& db) {
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  std::string out;
  for (const char* table :
       {"centres", "patients", "episodes", "episode_transitions", "schedule_items", "eligibility_assessments",
        "questionnaire_responses", "adverse_events", "access_tokens", "calendar_feeds", "messages", "price_lists",
        "price_list_lines", "education_pages", "payment_plans", "payments", "evidence_entries", "consent_documents",
        "consent_signatures"}) {
    SQLite::Statement q(d, std::string("SELECT * FROM ") + table + " ORDER BY 1");
    while (q.executeStep())
      for (int i = 0; i < q.getColumnCount(); ++i) out += q.getColumn(i).getString() + '\x1f';
  }
  SQLite::Statement accounts(d, "SELECT id, username, role, centre_id, password_hash, disabled FROM accounts");
  while (accounts.executeStep())
    for (int i = 0; i < 6; ++i) out += accounts.getColumn(i).getString() + '\x1f';
  return out;
}

// An adverse event and an open red flag on each centre's episode, and a spare account at
// each centre (not one of the callers, whose sessions a reset would end): ids a
// cross-centre call could aim at.
void seed_events(const std::string& db, const Seeded& s, Ids& a, Ids& b) {
  auto store = store::open_sqlite(db);
  service::Auth auth(*store, Clock::system(), {},
                     [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
  service::Submissions submissions(*store, Clock::system(), auth);
  service::Accounts accounts(*store, Clock::system());
  for (Ids* ids : {&a, &b}) {
    const bool is_a = ids == &a;
    ids->patient = is_a ? s.patient_a : s.patient_b;
    ids->episode = is_a ? s.episode_a : s.episode_b;
    const service::Actor op = service::Actor::cli_operator();
    ids->event = submissions.record_adverse_event(op, ids->episode, {"swelling", "mild", "", {}, {}}).id;
    const service::Actor patient{"patient", service::Role::patient, is_a ? "a" : "b", false, ids->patient};
    ids->red_flag = submissions.report_red_flag(patient, ids->episode, {"swelling", "moderate", "", {}, {}}).id;
    ids->account = accounts.create(op, is_a ? "spare.a" : "spare.b", "coordinator", is_a ? "a" : "b", kPassword).id;
  }
}

TEST(RoleRouteCentreMatrix, EveryCellIsAllowedOrRefused) {
  TempDir dir;
  const std::string db = dir.file("matrix.db");
  const Seeded seeded = seed(db);
  Ids own, other;
  seed_events(db, seeded, own, other);
  ASSERT_NE(other.account, 0);
  ServerProcess server(db, {}, dir.file("log"));
  const int port = server.port();
  const nlohmann::json doc = Client{port}.get("/api/v1/openapi.json").json();
  ASSERT_TRUE(doc.contains("paths"));

  // Callers: every staff role at centre a, a patient of centre a, and nobody.
  std::map<std::string, Client> callers;
  for (auto role : service::kStaffRoles) {
    Client c{port};
    ASSERT_EQ(c.login(std::string(role) + ".a").status, 200) << role;
    callers[std::string(role)] = c;
  }
  callers["patient"] = patient_client(port, dir.file("log"), seeded.patient_a);
  ASSERT_NE(callers["patient"].port, 0);
  callers["public"] = Client{port};

  int cells = 0, cross_centre_writes = 0;
  std::vector<std::pair<std::string, std::string>> ops;
  for (const auto& [path, methods] : doc["paths"].items())
    for (const auto& [method, op] : methods.items()) ops.emplace_back(method, path);
  // Logout last, or it would end the sessions the other cells use.
  std::stable_partition(ops.begin(), ops.end(), [](const auto& o) { return o.second != "/api/v1/auth/logout"; });

  for (const auto& [method_lower, path] : ops) {
    const auto& op = doc["paths"][path][method_lower];
    std::string method = method_lower;
    for (auto& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    std::string body;
    if (method != "GET" && method != "DELETE") {  // a DELETE takes no body
      const auto it = valid_bodies().find(method + " " + path);
      ASSERT_NE(it, valid_bodies().end()) << "no valid body for " << method << " " << path << ": add one";
      body = it->second.dump();
    }
    // Who may call it, from the permission table itself: the document names the permission.
    std::set<std::string> roles{"public"};
    if (op.contains("x-permission")) {
      const auto permission = service::permission_named(op["x-permission"].get<std::string>());
      ASSERT_TRUE(permission.has_value()) << method << " " << path;
      const auto allowed = service::role_names_with(*permission);
      roles = {allowed.begin(), allowed.end()};
    }
    const bool is_public = roles.count("public") > 0;
    const bool scoped = centre_scoped(path);
    for (const auto& [who, client] : callers) {
      for (const bool other_centre : {true, false}) {
        if (other_centre && !scoped) continue;
        const std::string target = fill(path, method, other_centre ? other : own, other_centre ? "b" : "a");
        // An event stream granted stays open (this client reads to the end): the refusals
        // are checked here, the stream itself in red_flag_events_test.cpp.
        if (path == "/api/v1/events" && roles.count(who)) continue;
        const bool cross_write = other_centre && method != "GET" && roles.count(who) > 0;
        const std::string before = cross_write ? records(db) : "";
        const Reply r = client.call(method, target, body);
        ++cells;
        SCOPED_TRACE(who + " " + method + " " + target + " " + body + " -> " + std::to_string(r.status) + " " + r.body);
        ASSERT_NE(r.status, 0);
        EXPECT_LT(r.status, 500);
        // Moving an episode is allowed per target state: a role the route lists may still
        // not take this step, whoever's episode it is.
        const auto movers = service::roles_for_transition("screening");
        // The product's steps likewise: the bedside's the injecting surgeon's, the lab's the lab's.
        // The harvest is the roles' that record one; every other step on a product is the lab's.
        const bool bedside = path == "/api/v1/products/verify" || path == "/api/v1/products/{din}/inject";
        const bool harvest = path == "/api/v1/episodes/{episode_id}/harvest";
        const bool lab_step =
            (method == "POST" || method == "PUT") && !bedside && path.rfind("/api/v1/products/{din}/", 0) == 0;
        const auto product_steppers = service::roles_for_transition(bedside   ? "injected"
                                                                    : harvest ? "harvested"
                                                                              : "product_released");
        const bool step_refused =
            (path == "/api/v1/episodes/{episode_id}/transitions" &&
             std::find(movers.begin(), movers.end(), who) == movers.end()) ||
            ((bedside || harvest || lab_step) &&
             std::find(product_steppers.begin(), product_steppers.end(), who) == product_steppers.end());
        if (is_public) {
          EXPECT_NE(r.status, 403);
          // A one-time code nobody asked for is wrong, a choice nobody was offered expired:
          // the sign-in's own refusals.
          if (path != "/api/v1/patient-auth/login" && path != "/api/v1/patient-auth/choose") {
            EXPECT_NE(r.status, 401);
          }
        } else if (who == "public") {
          EXPECT_EQ(r.status, 401);
        } else if (!roles.count(who) || step_refused) {
          EXPECT_EQ(r.status, 403);
        } else if (other_centre) {
          EXPECT_EQ(r.status, 404) << "another centre's record must be not found, past validation";
          if (cross_write) {
            ++cross_centre_writes;
            EXPECT_EQ(records(db), before) << "a refused cross-centre write changed a record";
          }
        } else {
          EXPECT_NE(r.status, 403);
          EXPECT_NE(r.status, 401);
        }
      }
    }
  }
  // 44+ operations × 8 callers, and the centre dimension for every templated path.
  EXPECT_GT(cells, 450);
  EXPECT_GT(cross_centre_writes, 20);
  EXPECT_EQ(Client{port}.get("/healthz").status, 200);
}

// Least privilege inside the routes a role may call: the physiotherapist marks the rehab
// stages and visits they run, not a harvest or an injection, and plans neither; the
// coordinator re-books a procedure but does not mark it done. Search results show the
// national id and mobile only to those who register and contact patients; the
// physiotherapist sees the mobile on the one patient's record, the lab neither. A refused
// step changes nothing.
TEST(RoleRouteCentreMatrix, ScheduleStepsAndIdentifiersFollowTheRole) {
  TempDir dir;
  const std::string db = dir.file("steps.db");
  const Seeded seeded = seed(db);
  ServerProcess server(db);
  std::map<std::string, Client> as;
  for (auto role : service::kStaffRoles) {
    Client c{server.port()};
    ASSERT_EQ(c.login(std::string(role) + ".a").status, 200) << role;
    as[std::string(role)] = c;
  }
  const std::string episode = "/api/v1/episodes/" + std::to_string(seeded.episode_a);
  const std::string soon = Clock::system().today().plus_days(30).iso();
  ASSERT_EQ(as["coordinator"].post(episode + "/plan", {{"harvest", soon}, {"injection", soon}}).status, 200);
  const auto schedule = [&] { return as["coordinator"].get(episode + "/schedule").body; };
  const auto mark = [&](const std::string& role, const std::string& item, const std::string& status) {
    return as[role].post(episode + "/schedule/" + item, {{"status", status}}).status;
  };

  const std::string before = schedule();
  for (const auto& [role, expected] :
       std::map<std::string, int>{{"physiotherapist", 403}, {"lab", 403}, {"admin", 403}, {"analyst", 403}})
    EXPECT_EQ(as[role].post(episode + "/plan", {{"harvest", soon}}).status, expected) << role << " plans";
  for (const char* status : {"done", "cancelled", "missed", "planned"}) {
    for (const char* item : {"harvest", "injection", "lab-processing"}) {
      EXPECT_EQ(mark("physiotherapist", item, status), 403) << "physiotherapist marks " << item << " " << status;
      EXPECT_EQ(mark("lab", item, status), 403) << "lab marks " << item << " " << status;
    }
    EXPECT_EQ(mark("physiotherapist", "workup-mri", status), 403) << "physiotherapist marks an order " << status;
  }
  EXPECT_EQ(mark("coordinator", "harvest", "done"), 403);
  EXPECT_EQ(mark("coordinator", "injection", "done"), 403);
  EXPECT_EQ(schedule(), before) << "a refused step changed the schedule";

  EXPECT_EQ(mark("physiotherapist", "rehab-walking", "done"), 200);
  EXPECT_EQ(mark("physiotherapist", "visit-6w", "missed"), 200);
  EXPECT_EQ(mark("coordinator", "injection", "planned"), 200);  // re-booked: allowed, and no change
  EXPECT_EQ(mark("coordinator", "workup-mri", "done"), 200);
  EXPECT_EQ(mark("surgeon", "injection", "cancelled"), 200);

  // Identifiers in search results and on the record.
  const std::string record = "/api/v1/patients/" + std::to_string(seeded.patient_a);
  for (const auto& [role, list_shows, record_shows_mobile, record_shows_national_id] :
       std::vector<std::tuple<std::string, bool, bool, bool>>{{"admin", true, true, true},
                                                              {"coordinator", true, true, true},
                                                              {"surgeon", true, true, true},
                                                              {"physiotherapist", false, true, false},
                                                              {"lab", false, false, false}}) {
    const nlohmann::json list = as[role].get("/api/v1/patients").json();
    ASSERT_EQ(list.size(), 1u) << role;
    EXPECT_EQ(list[0].contains("national_id"), list_shows) << role;
    EXPECT_EQ(list[0].contains("mobile"), list_shows) << role;
    EXPECT_EQ(list[0]["mrn"], "MRN-a") << role;
    const nlohmann::json one = as[role].get(record).json();
    EXPECT_EQ(one.contains("mobile"), record_shows_mobile) << role;
    EXPECT_EQ(one.contains("national_id"), record_shows_national_id) << role;
    EXPECT_EQ(one["birth_date"], "1961-03-21") << role;
    // A role not shown the identifiers cannot learn them by searching either.
    EXPECT_EQ(as[role].get("/api/v1/patients?q=" + test_national_id("MRN-a")).json().size(), list_shows ? 1u : 0u)
        << role;
    EXPECT_EQ(as[role].get("/api/v1/patients?q=%2B989121234567").json().size(), list_shows ? 1u : 0u) << role;
    EXPECT_EQ(as[role].get("/api/v1/patients?q=MRN-a").json().size(), 1u) << role;
    // The worklist's rows carry the mobile (to call the patient) for the roles a list shows
    // it to, never the national id.
    const nlohmann::json worklist = as[role].get("/api/v1/worklist").json();
    EXPECT_FALSE(worklist["items"].empty()) << role << ": the work-up is due";
    for (const auto& section : worklist.items()) {
      if (!section.value().is_array()) continue;
      for (const auto& row : section.value()) {
        EXPECT_FALSE(row.contains("national_id")) << role;
        // A red flag's card carries the number to call, for the roles shown it in lists.
        EXPECT_TRUE(!row.contains("mobile") || list_shows) << role;
      }
    }
    for (const auto& row : worklist["items"]) EXPECT_EQ(row.contains("mobile"), list_shows) << role;
  }
}

}  // namespace
}  // namespace rp::test
