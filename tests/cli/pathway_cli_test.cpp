// The foundation's command line, run as a user would: the real binary, real files.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <set>

#include "base/civil_date.hpp"
#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

// A date near today, so a plan stays inside the range a plan may have (a year back to
// two years ahead) whenever the test runs.
CivilDate days_from_today(int n) {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return CivilDate::from_days(today.time_since_epoch().count()).plus_days(n);
}

std::string pathway_db_arg() { return "--db " + (scratch() / "pathway.db").string(); }

std::int64_t count_rows(const std::string& table) {
  SQLite::Database db((scratch() / "pathway.db").string());
  return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

TEST(DateCli, GregorianToJalaliOnePerLine) {
  const auto r = run("date jalali 2026-12-01 2025/03/21", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto first = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  EXPECT_EQ(first["gregorian"], "2026-12-01");
  EXPECT_EQ(first["jalali"], "1405-09-10");
  EXPECT_EQ(first["weekday_en"], "Tuesday");
  EXPECT_EQ(first["weekday_fa"], "سه‌شنبه");
  const auto second = nlohmann::json::parse(r.out.substr(r.out.find('\n') + 1));
  EXPECT_EQ(second["jalali"], "1404-01-01");
}

TEST(DateCli, JalaliToGregorianFromStdinWithPersianDigits) {
  const auto r = run("date gregorian", "۱۴۰۵/۰۹/۱۰\n1403-12-30\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"gregorian\":\"2026-12-01\""), std::string::npos);
  EXPECT_NE(r.out.find("\"gregorian\":\"2025-03-20\""), std::string::npos);
}

TEST(DateCli, ImpossibleDatesExitTwoWithTheField) {
  for (const char* args : {"date jalali 2025-02-30", "date gregorian 1404-08-31", "date jalali 2025-2"}) {
    const auto r = run(args, "");
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(r.error_field(), "date") << args;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(ScheduleCli, TheSeedScheduleForInjectionOnFirstDecember) {
  const auto r = run("schedule --protocol hip-msc-v1 --harvest 2026-12-01 --injection 2026-12-01", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> by_id;
  const auto items = r.json();
  for (const auto& item : items) by_id[item["id"]] = item;
  EXPECT_EQ(by_id["visit-2w"]["start"], "2026-12-15");
  EXPECT_EQ(by_id["visit-6w"]["start"], "2027-01-12");
  EXPECT_EQ(by_id["visit-12w"]["start"], "2027-02-23");
  EXPECT_EQ(by_id["imaging-3m"]["start"], "2027-03-01");
  EXPECT_EQ(by_id["imaging-6m"]["start"], "2027-06-01");
  EXPECT_EQ(by_id["hold-anti-inflammatory"]["start"], "2026-11-17");
  EXPECT_EQ(by_id["hold-anti-inflammatory"]["kind"], "hold");
  EXPECT_EQ(by_id["no-nsaid"]["end"], "2027-01-12");
  EXPECT_EQ(by_id["rest-48h"]["kind"], "rest");
  EXPECT_EQ(by_id["prom-6m"]["kind"], "questionnaire");
  for (const char* key : {"id", "kind", "title", "start", "end", "window_start", "window_end", "anchor", "offset"}) {
    EXPECT_TRUE(by_id["visit-2w"].contains(key)) << key;
  }
  EXPECT_EQ(by_id["visit-2w"]["anchor"], "injection");
  EXPECT_EQ(by_id["visit-2w"]["offset"], "+2w");
}

TEST(ScheduleCli, PersianTitlesAndErrors) {
  const auto fa = run("schedule --protocol hip-msc-v1 --harvest 2026-12-01 --injection 2026-12-01 --lang fa", "");
  ASSERT_EQ(fa.exit_code, 0);
  EXPECT_NE(fa.out.find("ویزیت پیگیری ۲ هفته"), std::string::npos);
  auto r = run("schedule --protocol no-such --harvest 2026-12-01 --injection 2026-12-01", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "protocol");
  r = run("schedule --protocol hip-msc-v1 --harvest 2026-12-01 --injection 2026-02-30", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "injection");
  r = run("schedule --protocol hip-msc-v1 --harvest 2026-12-05 --injection 2026-12-01", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "injection");
  // A protocol given as a file, with a malformed key: the line and key are named.
  const auto bad =
      write_file("bad-protocol.yaml",
                 "id: x\nversion: 1\njoint: hip\ntitle: {en: a, fa: b}\nanchors: {injection: {en: a, fa: "
                 "b}}\neligibility: {indication: {id: i, finding: k, is: true, text: {en: a, fa: b}}}\n"
                 "items:\n  - {id: a, kind: visit, anchor: injection, at: 2 weeks, title: {en: a, fa: b}}\n");
  r = run("schedule --protocol " + bad.string() + " --harvest 2026-12-01 --injection 2026-12-01", "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "items[0].at");
  EXPECT_NE(r.err.find("bad-protocol.yaml:8"), std::string::npos) << r.err;
}

TEST(EligibilityCli, DecisionWithEveryReason) {
  const auto r = run("eligibility -",
                     R"({"kl_grade": 4, "active_infection": true, "malignancy": false, "bleeding_disorder": false,
                         "pregnancy": false, "inflammatory_arthritis": false,
                         "weeks_since_intra_articular_steroid": 40, "anticoagulant_use": true, "diabetes": false,
                         "bmi": 30})");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = r.json();
  EXPECT_EQ(j["decision"], "ineligible");
  std::set<std::string> rules;
  for (const auto& reason : j["reasons"]) rules.insert(reason["rule"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"severe_oa", "active_infection", "anticoagulant"}));
  const auto bad = run("eligibility -", R"({"kl_grade": "two"})");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.error_field(), "kl_grade");
  EXPECT_EQ(run("eligibility -", "{not json").exit_code, 2);
}

// One patient through the pathway from the command line; refused steps write nothing.
TEST(RecordsCli, PatientAndEpisodeLifecycle) {
  std::filesystem::remove(scratch() / "pathway.db");
  ASSERT_EQ(run("db init " + pathway_db_arg(), "").exit_code, 0);
  ASSERT_EQ(
      run("centre add " + pathway_db_arg() + " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed",
          "")
          .exit_code,
      0);
  auto r = run("patient add " + pathway_db_arg() +
                   " --centre c1 --mrn M-1 --name-fa 'مریم رضایی' --name-latin 'Maryam Rezaei' --sex female"
                   " --birth-date-jalali 1345/05/12 --mobile '0912 345 6789' --national-id 0013542419"
                   " --consent treatment,registry",
               "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["mobile"], "+989123456789");
  EXPECT_EQ(r.json()["birth_date"], "1966-08-03");
  EXPECT_EQ(r.json()["language"], "fa");  // Persian unless recorded otherwise
  const auto audit_before = count_rows("audit_log");

  // Bad input: exit 2, the field named, nothing written.
  for (const auto& [args, field] : std::vector<std::pair<std::string, std::string>>{
           {"patient add --centre c1 --mrn M-1 --name-latin X --birth-date 1960-01-01", "mrn"},
           {"patient add --centre c1 --mrn M-2 --name-latin X --birth-date 1960-01-01 --national-id 0013542418",
            "national_id"},
           {"patient add --centre c1 --mrn M-3 --name-latin X --birth-date 1960-02-30", "birth_date"},
           {"patient add --centre c1 --mrn M-4 --name-latin X --birth-date 1960-01-01 --mobile 02112345678", "mobile"},
           {"patient update 1 --mobile 0812 --reason typo", "mobile"},
           {"patient update 1 --consent-contact maybe --reason typo", "consent.contact"},
           {"patient add --centre c1 --mrn M-5 --name-latin X --birth-date 1960-01-01 --language de", "language"},
           {"patient update 1 --language english --reason typo", "language"},
           {"patient add --centre c1 --mrn M-6 --name-latin X --birth-date 1960-01-01 --email 'x at example.ir'",
            "email"},
           {"patient add --centre c1 --mrn M-7 --name-latin X --birth-date 1960-01-01 --preferred-channel email",
            "preferred_channel"},
           {"patient update 1 --email 'a@b@example.ir' --reason typo", "email"},
           {"patient update 1 --preferred-channel email --reason typo", "preferred_channel"},
           {"patient update 1 --preferred-channel fax --reason typo", "preferred_channel"},
           {"patient update 1 --mobile 09120000000 --reason ' '", "reason"},
           {"patient update 2 --mobile 09120000000 --reason typo", "patient"},
           {"episode add --patient 1 --side left --diagnosis M16.11", "diagnosis.code"},
           {"episode add --patient 1 --side right --diagnosis M16.11 --protocol nope", "protocol"},
       }) {
    const auto bad = run(args + " " + pathway_db_arg(), "");
    EXPECT_EQ(bad.exit_code, 2) << args;
    EXPECT_EQ(bad.error_field(), field) << args << " " << bad.err;
  }
  EXPECT_EQ(count_rows("patients"), 1);
  EXPECT_EQ(count_rows("episodes"), 0);
  EXPECT_EQ(count_rows("audit_log"), audit_before);

  // A correction: only what is given changes, and one audit row says why.
  r = run("patient update 1 " + pathway_db_arg() +
              " --mobile '۰۹۱۲ ۳۴۵ ۰۰۰۰' --birth-date-jalali 1345/05/13 --consent-contact yes --reason 'new phone'",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["mobile"], "+989123450000");
  EXPECT_EQ(r.json()["birth_date"], "1966-08-04");
  EXPECT_EQ(r.json()["consent"]["contact"], true);
  EXPECT_EQ(r.json()["consent"]["registry"], true);
  EXPECT_EQ(r.json()["name_latin"], "Maryam Rezaei");
  EXPECT_EQ(r.json()["language"], "fa");
  EXPECT_EQ(count_rows("audit_log"), audit_before + 1);
  // She reads English: her messages will be written in it.
  r = run("patient update 1 " + pathway_db_arg() + " --language en --reason 'reads English'", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["language"], "en");
  EXPECT_EQ(count_rows("audit_log"), audit_before + 2);
  EXPECT_EQ(run("patient show 1 " + pathway_db_arg(), "").json()["language"], "en");
  // She would rather read e-mail: the address and the choice, in one audit row.
  EXPECT_EQ(r.json()["preferred_channel"], "sms");
  EXPECT_FALSE(r.json().contains("email")) << "none recorded: the key is left out";
  const auto audit_mail = count_rows("audit_log");  // `patient show` is an audited read
  r = run("patient update 1 " + pathway_db_arg() +
              " --email ' Maryam.Rezaei@Example.IR ' --preferred-channel email --reason 'prefers e-mail'",
          "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["email"], "Maryam.Rezaei@example.ir");
  EXPECT_EQ(r.json()["preferred_channel"], "email");
  EXPECT_EQ(count_rows("audit_log"), audit_mail + 1);
  // The address cannot go while e-mail is the choice: refused, nothing changed.
  const auto keep = run("patient update 1 " + pathway_db_arg() + " --email '' --reason 'no e-mail'", "");
  EXPECT_EQ(keep.exit_code, 2);
  EXPECT_EQ(keep.error_field(), "preferred_channel");
  EXPECT_EQ(count_rows("audit_log"), audit_mail + 1);
  const auto shown_patient = run("patient show 1 " + pathway_db_arg(), "").json();
  EXPECT_EQ(shown_patient["email"], "Maryam.Rezaei@example.ir");
  EXPECT_EQ(shown_patient["preferred_channel"], "email");

  r = run("episode add " + pathway_db_arg() + " --patient 1 --side right --diagnosis M16.11 --kl 2", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["state"], "referred");
  r = run("episode advance 1 --to injected " + pathway_db_arg(), "");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.error_field(), "state");
  EXPECT_NE(r.err.find("referred"), std::string::npos);
  ASSERT_EQ(run("episode advance 1 --to screening " + pathway_db_arg(), "").exit_code, 0);
  const CivilDate planned = days_from_today(14);
  r = run("episode plan 1 --harvest " + planned.iso() + " --injection " + planned.iso() + " " + pathway_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run("episode show 1 " + pathway_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0);
  bool found = false;
  const auto shown = r.json();
  for (const auto& item : shown["schedule"]) {
    if (item["id"] == "visit-12w") found = item["start"] == planned.plus_days(12 * 7).iso();
  }
  EXPECT_TRUE(found);
  r = run("patient list --search rezaei " + pathway_db_arg(), "");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.json().size(), 1u);
  r = run("patient show 1 " + pathway_db_arg(), "");
  EXPECT_EQ(r.json()["episodes"].size(), 1u);
  // Written by the command line alone, nothing has signed the log's head: nothing is
  // wrong, and nothing is anchored either, until `audit anchor` (or a server's start).
  r = run("audit verify " + pathway_db_arg(), "");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.json()["verdict"], "unanchored");
  EXPECT_EQ(r.json()["tampered"], false);
  EXPECT_EQ(r.json()["unanchored_rows"], r.json()["rows"]);
  EXPECT_EQ(r.json()["records"]["checked"], 2);  // the patient and the episode
  ASSERT_EQ(run("audit anchor " + pathway_db_arg(), "").exit_code, 0);
  r = run("audit verify " + pathway_db_arg(), "");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.json()["intact"], true);
  r = run("db check " + pathway_db_arg(), "");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.json()["integrity"], "ok");
}

TEST(DemoCli, BuildsEveryStateDeterministically) {
  const std::string dir = (scratch() / "demo").string();
  // The demo also starts the server when one exists; --no-serve keeps this test to the data.
  auto r = run("demo --no-serve --today 2026-11-24 --data " + dir, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto first = r.json();
  EXPECT_EQ(first["centres"], 3);
  EXPECT_GE(first["patients"], 55);
  EXPECT_EQ(first["episodes_by_state"].size(), 14u);
  r = run("demo --no-serve --today 2026-11-24 --data " + dir, "");
  EXPECT_EQ(r.json(), first);
  r = run("audit verify --db " + dir + "/demo.db", "");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

// The demo's passwords are hashed at the interactive limits unless the demo is told
// --least-cost-hashes (the suites that start many demo servers); `serve` has no such flag.
// An argon2id string names its memory: m=65536 (KiB, interactive) or m=8 (least).
TEST(DemoCli, HashesAtTheLeastCostOnlyWhenTold) {
  const auto memory_of_hashes = [](const std::string& db) {
    std::set<std::string> memory;
    SQLite::Database d(db);
    SQLite::Statement q(d, "SELECT password_hash FROM accounts");
    while (q.executeStep()) {
      const std::string hash = q.getColumn(0).getString();
      const auto at = hash.find("$m=");
      memory.insert(at == std::string::npos ? hash : hash.substr(at + 1, hash.find(',', at) - at - 1));
    }
    return memory;
  };
  const std::string plain = (scratch() / "demo-plain").string(), least = (scratch() / "demo-least").string();
  auto r = run("demo --no-serve --patients 3 --today 2026-11-24 --data " + plain, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(memory_of_hashes(plain + "/demo.db"), std::set<std::string>{"m=65536"});
  r = run("demo --no-serve --least-cost-hashes --patients 3 --today 2026-11-24 --data " + least, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(memory_of_hashes(least + "/demo.db"), std::set<std::string>{"m=8"});
  r = run("serve --least-cost-hashes --port 1", "");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("least-cost-hashes"), std::string::npos) << r.err;
}

// Staff accounts from the command line: created with a printed password, listed, reset,
// disabled and enabled again; each change audited, the chain intact, bad names refused.
TEST(UserCli, AddListResetDisableEnable) {
  const std::string db = "--db " + (scratch() / "accounts.db").string();
  std::filesystem::remove(scratch() / "accounts.db");
  ASSERT_EQ(run("db init " + db, "").exit_code, 0);
  ASSERT_EQ(
      run("centre add " + db + " --id c1 --name-en Clinic --name-fa درمانگاه --licence-status licensed", "").exit_code,
      0);
  auto r = run("user add " + db + " --username nurse.c1 --role coordinator --centre c1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["role"], "coordinator");
  EXPECT_GE(r.json()["password"].get<std::string>().size(), 12u);

  r = run("user disable " + db + " --username nurse.c1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["disabled"], true);
  r = run("user list " + db, "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.json().size(), 1u);
  EXPECT_EQ(r.json()[0]["username"], "nurse.c1");
  EXPECT_EQ(r.json()[0]["disabled"], true);
  r = run("user enable " + db + " --username nurse.c1", "");
  EXPECT_EQ(r.json()["disabled"], false);
  r = run("user reset " + db + " --username nurse.c1", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.json()["password"].get<std::string>().empty());

  for (const char* verb : {"disable", "enable", "reset"}) {
    r = run(std::string("user ") + verb + " " + db + " --username nobody", "");
    EXPECT_EQ(r.exit_code, 2) << verb;
    EXPECT_EQ(r.error_field(), "username") << verb;
  }
  SQLite::Database d((scratch() / "accounts.db").string());
  EXPECT_EQ(d.execAndGet("SELECT COUNT(*) FROM audit_log WHERE action = 'account.update'").getInt(), 2);
  EXPECT_EQ(d.execAndGet("SELECT disabled FROM accounts WHERE username = 'nurse.c1'").getInt(), 0);
  r = run("audit verify " + db, "");
  EXPECT_EQ(r.exit_code, 0) << r.out;
}

}  // namespace
}  // namespace rp::cli_test
