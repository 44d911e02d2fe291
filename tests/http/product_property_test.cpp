// Issue 17's property: whatever sequence of API calls the clinic makes, no product enters
// anyone but its donor, and none is injected unreleased, expired or twice. Patients at two
// centres with scheduled harvests, the real server on loopback over a real SQLite file,
// and a seeded random sequence of a few hundred calls: harvests with right and wrong
// wristbands, every lab step by the right and the wrong people (the one who processed
// releasing too), QC results good and bad, bedside checks and injections with DINs and
// record numbers picked at random (other patients', other centres', garbage, wrong check
// characters). Then the store itself is asked. RP_PROPERTY_SEED=N replays a sequence; the
// seed is printed with any failure.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>

#include "product_test_support.hpp"
#include "service/accounts.hpp"

namespace rp::test {
namespace {

struct PropertyClinic {
  std::vector<std::int64_t> episodes;          // scheduled, at both centres
  std::map<std::int64_t, std::string> mrn_of;  // episode -> its patient's record number
};

// Three more patients at centre a and one more at b, every episode walked to its scheduled
// harvest; a second lab account at each centre.
PropertyClinic build_property_clinic(const std::string& db, const Seeded& seeded) {
  auto store = store::open_sqlite(db);
  const auto op = service::Actor::cli_operator();
  service::Pathway pathway(*store, Clock::system());
  PropertyClinic c;
  std::vector<std::pair<std::int64_t, std::string>> episodes{{seeded.episode_a, "MRN-a"}, {seeded.episode_b, "MRN-b"}};
  for (const std::string mrn : {"MRN-a2", "MRN-a3", "MRN-a4", "MRN-b2"}) {
    const std::string centre = mrn.substr(4, 1);
    Patient p = pathway.add_patient(op, test_patient(centre, mrn));
    Episode e;
    e.patient_id = p.id;
    e.protocol_id = "hip-msc-v1";
    e.side = Side::left;
    e.diagnosis = {std::string(kIcd10Cm), "M16.12"};
    episodes.emplace_back(pathway.add_episode(op, e).id, mrn);
  }
  for (const auto& [episode, mrn] : episodes) {
    walk_to_scheduled_harvest(*store, episode, mrn.substr(4, 1));
    c.episodes.push_back(episode);
    c.mrn_of[episode] = mrn;
  }
  service::Accounts accounts(*store, Clock::system());
  for (const char* centre : {"a", "b"}) accounts.create(op, std::string("lab2.") + centre, "lab", centre, kPassword);
  return c;
}

std::uint32_t property_seed() {
  if (const char* s = std::getenv("RP_PROPERTY_SEED")) return static_cast<std::uint32_t>(std::strtoul(s, nullptr, 10));
  return std::random_device{}();
}

TEST(ProductProperty, NoSequenceOfCallsInjectsAProductIntoAnyoneButItsDonor) {
  const std::uint32_t rng_seed = property_seed();
  SCOPED_TRACE("RP_PROPERTY_SEED=" + std::to_string(rng_seed));
  std::mt19937 rng(rng_seed);
  const auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };

  TempDir dir;
  const std::string db = dir.file("property.db");
  const Seeded seeded = seed(db);
  const PropertyClinic clinic = build_property_clinic(db, seeded);
  ServerProcess server(db);
  std::map<std::string, Client> as;
  for (const char* user : {"surgeon.a", "surgeon.b", "lab.a", "lab2.a", "lab.b", "lab2.b", "coordinator.a"}) {
    Client c{server.port()};
    ASSERT_EQ(c.login(user).status, 200) << user;
    as[user] = c;
  }
  const std::vector<std::string> labs{"lab.a", "lab2.a", "lab.a", "lab2.a", "lab.b", "lab2.b", "surgeon.a"};
  const std::vector<std::string> surgeons{"surgeon.a", "surgeon.a", "surgeon.b", "lab.a"};
  std::vector<std::string> mrns;
  for (const auto& [_, mrn] : clinic.mrn_of) mrns.push_back(mrn);
  mrns.insert(mrns.end(), {"MRN-X", "", "mrn-a", "' OR 1=1 --"});

  std::map<std::string, std::string> donor;  // DIN (with check character) -> its donor's record number
  std::vector<std::string> dins;
  // A DIN as the caller might send it: a known one (mostly), one with its check character
  // wrong, one no centre has, or garbage.
  const auto some_din = [&]() -> std::string {
    // The latest products most: a product sees enough calls to go the whole way.
    if (!dins.empty() && chance(0.6)) return dins[dins.size() - 1 - pick(std::min<std::size_t>(3, dins.size()))];
    if (!dins.empty() && chance(0.6)) return dins[pick(dins.size())];
    switch (pick(4)) {
      case 0:
        if (!dins.empty()) {
          std::string d = dins[pick(dins.size())];
          d.back() = d.back() == 'A' ? 'B' : 'A';
          return d;
        }
        return "RPLAB26000001";
      case 1:
        return "RPLAB26999999Y";
      case 2:
        return "%%%";
      default:
        return "=RPLAB" + std::to_string(pick(1000000));
    }
  };
  // The wristband scanned beside `din`: its donor's (mostly), another's, or garbage.
  const auto some_mrn = [&](const std::string& din) {
    const auto it = donor.find(din);
    if (it != donor.end() && chance(0.6)) return it->second;
    return mrns[pick(mrns.size())];
  };

  // What the answers said of each product: its centre, state and whether it was received.
  struct Progress {
    std::string centre, state;
    bool received = false;
  };
  std::map<std::string, Progress> progress;
  struct Injected {
    std::string din, mrn;
  };
  std::vector<Injected> injected;
  std::map<std::string, int> outcomes;  // "step status" -> count, to show the sequence did something
  const int kCalls = 400;
  for (int i = 0; i < kCalls; ++i) {
    std::string step, path;
    nlohmann::json body = nlohmann::json::object();
    std::string who;
    if (chance(0.06)) {
      const std::int64_t episode = clinic.episodes[pick(clinic.episodes.size())];
      step = "harvest";
      path = "/api/v1/episodes/" + std::to_string(episode) + "/harvest";
      who = std::vector<std::string>{"surgeon.a", "surgeon.b", "lab.a", "coordinator.a"}[pick(4)];
      body = {{"mrn", chance(0.75) ? clinic.mrn_of.at(episode) : mrns[pick(mrns.size())]},
              {"source", chance(0.5) ? "bone_marrow" : "adipose"},
              {"products", 1 + pick(3)}};
    } else {
      const std::string din = some_din();
      static const std::vector<std::pair<const char*, int>> kSteps{
          {"receive", 12}, {"process", 12}, {"qc", 14},        {"release", 12}, {"exception", 4},
          {"verify", 8},   {"inject", 22},  {"quarantine", 3}, {"discard", 2},  {"expire", 2}};
      int total = 0, at = 0;
      for (const auto& [_, w] : kSteps) total += w;
      int r = static_cast<int>(pick(static_cast<std::size_t>(total)));
      while (r >= kSteps[at].second) r -= kSteps[at++].second;
      step = kSteps[at].first;
      who = labs[pick(labs.size())];
      // Half the time the step the product is ready for, mostly by someone of its centre:
      // so that products go the whole way, and the refusals meet products in every state.
      const auto seen = progress.find(din);
      const bool next = seen != progress.end() && chance(0.5);
      if (next) {
        const Progress& p = seen->second;
        step = p.state == "received"           ? (p.received ? "process" : "receive")
               : p.state == "processing"       ? "qc"
               : p.state == "qc_pending"       ? "qc"
               : p.state == "awaiting_release" ? (chance(0.8) ? "release" : "exception")
                                               : "inject";
        if (chance(0.8))
          who = (step == "inject" || step == "exception" ? "surgeon." : chance(0.5) ? "lab." : "lab2.") + p.centre;
      }
      path = "/api/v1/products/" + din + "/" + step;
      if (step == "receive") {
        body = {{"temperature_c", 2 + 0.5 * static_cast<double>(pick(10))}};
      } else if (step == "process") {
        body = {{"method", chance(0.8) ? "density_gradient" : "culture_expansion"}};
      } else if (step == "qc") {
        const char* results[] = {"passed", "passed", "passed", "passed", "pending", "failed"};
        body = {{"total_nucleated_cells", 1e8 + 1e6 * static_cast<double>(pick(100))},
                {"viability_percent", (next ? 70 : 50) + static_cast<double>(pick(30))},
                {"sterility", {{"result", next ? "passed" : results[pick(6)]}}},
                {"isct_markers_met", next || chance(0.7)},
                {"complete", next || chance(0.7)}};
      } else if (step == "exception") {
        path = "/api/v1/products/" + din + "/release";
        if (!next) who = surgeons[pick(surgeons.size())];
        body = {{"exception", {{"reason", "no second harvest possible"}}}};
      } else if (step == "verify") {
        path = "/api/v1/products/verify";
        who = surgeons[pick(surgeons.size())];
        body = {{"din", din}, {"mrn", some_mrn(din)}};
      } else if (step == "inject") {
        if (!next) who = surgeons[pick(surgeons.size())];
        body = {{"mrn", some_mrn(din)}, {"dose_cells", 40000000}, {"volume_ml", 3.5}};
      } else if (step == "quarantine" || step == "discard" || step == "expire") {
        body = {{"reason", "property test"}};
      }
    }
    const Reply r = as.at(who).post(path, body);
    ASSERT_GT(r.status, 0) << step << " " << path;
    ASSERT_LT(r.status, 500) << step << " " << path << " " << body.dump() << " -> " << r.body;
    ++outcomes[step + " " + std::to_string(r.status)];
    if (r.status != 200) continue;
    const nlohmann::json answer = r.json();
    if (step == "harvest") {
      const std::string mrn = body["mrn"];
      for (const auto& p : answer["products"]) {
        dins.push_back(p["din"]);
        donor[p["din"]] = mrn;  // accepted: the wristband was the episode's patient's
        progress[p["din"]] = {p["centre_id"], p["state"], false};
      }
    } else if (answer.contains("receipt") && progress.count(answer["din"])) {
      progress[answer["din"]] = {answer["centre_id"], answer["state"], !answer["receipt"]["at"].is_null()};
    }
    if (step == "inject") injected.push_back({path.substr(17, path.size() - 17 - 7), body["mrn"]});
  }
  std::string summary;
  for (const auto& [k, n] : outcomes) summary += k + ": " + std::to_string(n) + "\n";
  SCOPED_TRACE(summary);

  // The sequence reached the injection and the refusals the property is about.
  EXPECT_FALSE(injected.empty()) << "no injection went through: the sequence proves nothing";
  EXPECT_GT(outcomes["inject 409"], 0);

  // Each injection the API accepted: the wristband was the product's donor's.
  for (const auto& inj : injected) {
    ASSERT_TRUE(donor.count(inj.din)) << inj.din;
    EXPECT_EQ(inj.mrn, donor.at(inj.din)) << inj.din;
  }
  // And the store agrees, whatever the API said.
  SQLite::Database d(db, SQLite::OPEN_READONLY);
  const auto count = [&](const std::string& sql) { return d.execAndGet(sql).getInt64(); };
  EXPECT_EQ(count("SELECT COUNT(*) FROM products WHERE state = 'used'"), static_cast<std::int64_t>(injected.size()));
  // Every product is its episode's patient's.
  EXPECT_EQ(count("SELECT COUNT(*) FROM products p JOIN episodes e ON e.id = p.episode_id "
                  "WHERE p.patient_id <> e.patient_id"),
            0);
  // Every injection scanned the donor's wristband, went through once, released and unexpired.
  EXPECT_EQ(count("SELECT COUNT(*) FROM product_events ev JOIN products p ON p.id = ev.product_id "
                  "JOIN patients pt ON pt.id = p.patient_id WHERE ev.kind = 'injection' "
                  "AND ev.verified NOT LIKE '%wristband ' || pt.mrn || ': ok'"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM products p WHERE (SELECT COUNT(*) FROM product_events ev "
                  "WHERE ev.product_id = p.id AND ev.kind = 'injection') <> (p.state = 'used')"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM products WHERE state = 'used' AND (released_at IS NULL OR used_at IS NULL "
                  "OR used_at < released_at OR expires_at IS NULL OR used_at >= expires_at)"),
            0);
  // Four eyes at every release; an exception is a surgeon's.
  EXPECT_EQ(count("SELECT COUNT(*) FROM products WHERE released_by IS NOT NULL AND released_by = processed_by"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM products WHERE exception_by IS NOT NULL AND exception_by NOT LIKE 'surgeon.%'"),
            0);
  // An episode is injected only through its product.
  EXPECT_EQ(count("SELECT COUNT(*) FROM episodes e WHERE e.state = 'injected' AND NOT EXISTS "
                  "(SELECT 1 FROM products p WHERE p.episode_id = e.id AND p.state = 'used')"),
            0);
}

}  // namespace
}  // namespace rp::test
