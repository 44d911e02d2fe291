// The scale bench's generator on a small SQLite database: `regenpath db check` finds the
// audit chain and every generated record intact, every episode's schedule is the one the
// protocol derives from its anchors, and every stored score is what the instrument's own
// scoring gives for the stored answers.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "api/answers_json.hpp"
#include "bench/scale/scale_generate.hpp"
#include "domain/instruments/instrument_id.hpp"
#include "domain/instruments/registry.hpp"
#include "service/protocols.hpp"
#include "store/json_columns.hpp"

namespace rp::bench::scale {
namespace {

namespace fs = std::filesystem;

struct Command {
  int status = -1;
  std::string out;
};

// The first JSON object a command printed (an error may follow it on stderr).
nlohmann::json first_json(const std::string& out) {
  const auto start = out.find('{');
  return nlohmann::json::parse(out.substr(start, out.find('\n', start) - start));
}

Command run(const std::string& command) {
  Command c;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return c;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) c.out.append(buf, n);
  const int status = ::pclose(pipe);
  c.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return c;
}

class ScaleGenerate : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("rp-scale-gen-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    options_.patients = 200;
    options_.centres = 3;
    options_.seed = 7;
    options_.today = CivilDate::from_ymd(2026, 11, 24);
    options_.password = "scalebench2026staff";
    auto store = store::open_sqlite(db_file().string());
    staff_ = add_centres_and_staff(*store, options_);
    counts_ = add_patients(*store, options_);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static fs::path db_file() { return dir_ / "scale.db"; }

  static fs::path dir_;
  static GenerateOptions options_;
  static std::vector<StaffAccount> staff_;
  static GenerateCounts counts_;
};
fs::path ScaleGenerate::dir_;
GenerateOptions ScaleGenerate::options_;
std::vector<StaffAccount> ScaleGenerate::staff_;
GenerateCounts ScaleGenerate::counts_;

TEST_F(ScaleGenerate, DbCheckFindsEveryRecordVouchedFor) {
  const Command c = run(std::string(RP_BINARY) + " db check --db " + db_file().string());
  ASSERT_EQ(c.status, 0) << c.out;
  const auto report = first_json(c.out);
  EXPECT_EQ(report["integrity"], "ok");
  EXPECT_FALSE(report["audit"]["tampered"].get<bool>()) << c.out;
  // A row per patient beside those the centres and accounts left.
  EXPECT_GE(report["audit"]["rows"].get<std::int64_t>(), counts_.audit_rows + options_.centres);

  // And the check is not blind: a name changed outside regenpath shows.
  {
    SQLite::Database db(db_file().string(), SQLite::OPEN_READWRITE);
    ASSERT_EQ(db.exec("UPDATE patients SET name_latin = 'Someone Else' WHERE id = 17"), 1);
  }
  const Command after = run(std::string(RP_BINARY) + " db check --db " + db_file().string());
  EXPECT_NE(after.status, 0) << after.out;
  const auto tampered = first_json(after.out);
  EXPECT_TRUE(tampered["audit"]["tampered"].get<bool>()) << after.out;
}

TEST_F(ScaleGenerate, HistoriesSpreadOverTheProtocol) {
  EXPECT_EQ(counts_.patients, 200);
  EXPECT_EQ(staff_.size(), 3u * 3 + 1);  // a surgeon, a coordinator and an admin per centre, one analyst
  auto store = store::open_sqlite(db_file().string(), store::OpenMode::current_schema);
  std::map<std::string, int> states;
  int joined = 0, arabic = 0;
  store->read([&](store::Transaction& tx) {
    for (std::int64_t id = 1; id <= counts_.patients; ++id) {
      const auto p = tx.find_patient(id);
      ASSERT_TRUE(p);
      ASSERT_FALSE(p->name_fa.empty());
      joined += p->name_fa.find("\u200c") != std::string::npos;
      arabic += p->name_fa.find("ي") != std::string::npos || p->name_fa.find("ك") != std::string::npos;
      for (const auto& e : tx.episodes_of_patient(id)) ++states[std::string(to_string(e.state))];
    }
  });
  EXPECT_GT(states["follow_up"], 60);
  EXPECT_GT(states["completed"], 15);
  EXPECT_GE(states.size(), 8u);
  EXPECT_GT(joined, 0);
  EXPECT_GT(arabic, 0);
}

TEST_F(ScaleGenerate, EveryScheduleIsTheProtocolsAndEveryScoreTheInstruments) {
  auto store = store::open_sqlite(db_file().string(), store::OpenMode::current_schema);
  const auto protocol = service::load_protocol(options_.protocol);
  int scheduled = 0, responses = 0;
  store->read([&](store::Transaction& tx) {
    for (std::int64_t id = 1; id <= counts_.patients; ++id) {
      for (const auto& e : tx.episodes_of_patient(id)) {
        const auto stored = tx.schedule_of(e.id);
        if (!stored.empty()) {
          ++scheduled;
          ASSERT_TRUE(e.harvest_date && e.injection_date) << "episode " << e.id;
          const auto derived =
              derive_schedule(*protocol, {{"harvest", *e.harvest_date}, {"injection", *e.injection_date}});
          ASSERT_EQ(stored.size(), derived.size()) << "episode " << e.id;
          for (std::size_t i = 0; i < stored.size(); ++i) {
            EXPECT_EQ(stored[i].id, derived[i].id);
            EXPECT_EQ(stored[i].start, derived[i].start) << stored[i].id;
            EXPECT_EQ(stored[i].end, derived[i].end) << stored[i].id;
            EXPECT_EQ(stored[i].window_start, derived[i].window_start) << stored[i].id;
            EXPECT_EQ(stored[i].window_end, derived[i].window_end) << stored[i].id;
            if (stored[i].status == ItemStatus::done) {
              ASSERT_TRUE(stored[i].done_on);
              EXPECT_LE(*stored[i].done_on, options_.today);
            }
          }
        }
        for (const auto& r : tx.responses_of(e.id)) {
          ++responses;
          const auto instrument = instruments::parse_instrument_key(r.instrument);
          ASSERT_TRUE(instrument) << r.instrument;
          const auto answers = api::answers_from_json(nlohmann::json::parse(r.answers_json));
          EXPECT_EQ(r.scores_json, store::scores_json(instruments::score(*instrument, answers))) << "response " << r.id;
        }
      }
    }
  });
  EXPECT_GT(scheduled, 100);
  EXPECT_EQ(responses, counts_.responses);
}

}  // namespace
}  // namespace rp::bench::scale
