#include "bench/scale/scale_generate.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <future>

#include "bench/scale/scale_history.hpp"
#include "demo/history.hpp"
#include "service/accounts.hpp"
#include "service/audit_entry.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"

namespace rp::bench::scale {
namespace {

// The centres' cities, in both scripts (a centre's id is its Latin name, lower case).
constexpr std::array<demo::Name, 20> kCities{
    {{"تهران", "Tehran"},   {"مشهد", "Mashhad"},   {"اصفهان", "Isfahan"},
     {"شیراز", "Shiraz"},   {"تبریز", "Tabriz"},   {"کرج", "Karaj"},
     {"اهواز", "Ahvaz"},    {"قم", "Qom"},         {"کرمانشاه", "Kermanshah"},
     {"رشت", "Rasht"},      {"کرمان", "Kerman"},   {"ارومیه", "Urmia"},
     {"زاهدان", "Zahedan"}, {"همدان", "Hamadan"},  {"یزد", "Yazd"},
     {"اراک", "Arak"},      {"اردبیل", "Ardabil"}, {"بندرعباس", "Bandar Abbas"},
     {"قزوین", "Qazvin"},   {"زنجان", "Zanjan"}}};

Centre centre(int c) {
  const demo::Name& city = kCities[static_cast<std::size_t>(c) % kCities.size()];
  const int round = c / static_cast<int>(kCities.size()) + 1;
  std::string id = city.latin;
  for (char& ch : id) ch = ch == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  Centre out;
  out.id = id + "-" + std::to_string(round);
  out.name_en = std::string(city.latin) + " Orthopaedic Centre " + std::to_string(round);
  out.name_fa = std::string("مرکز ارتوپدی ") + city.fa + " " + std::to_string(round);
  out.city_en = city.latin;
  out.city_fa = city.fa;
  out.licence_status = c % 7 == 6 ? "pending" : "licensed";
  return out;
}

std::string username(const std::string& role, const std::string& centre_id) { return role + "." + centre_id; }

constexpr std::int64_t kPatientsPerTransaction = 10000;

}  // namespace

std::vector<std::string> centre_ids(int centres) {
  std::vector<std::string> out;
  for (int c = 0; c < centres; ++c) out.push_back(centre(c).id);
  return out;
}

std::vector<StaffAccount> add_centres_and_staff(store::Store& store, const GenerateOptions& o) {
  const Clock clock = demo::clock_on(o.today);
  const service::Actor op = service::Actor::cli_operator();
  service::Pathway pathway(store, clock);
  service::Accounts accounts(store, clock);
  std::vector<StaffAccount> out;
  for (int c = 0; c < o.centres; ++c) {
    const Centre centre_row = centre(c);
    pathway.upsert_centre(op, centre_row);
    std::vector<std::string> roles{"surgeon", "coordinator", "admin"};  // admin: the Bulk Data export (bench/fhir)
    if (c == 0) roles.push_back("analyst");
    for (const std::string& role : roles) {
      out.push_back({username(role, centre_row.id), role, centre_row.id});
      accounts.create(op, out.back().username, role, centre_row.id, o.password);
    }
  }
  return out;
}

namespace {

std::vector<History> histories(const GenerateOptions& o, const Protocol& protocol,
                               const std::vector<std::string>& centres, std::int64_t from, std::int64_t to) {
  std::vector<History> out;
  out.reserve(static_cast<std::size_t>(to - from));
  for (std::int64_t i = from; i < to; ++i) {
    const std::string& centre_id = centres[static_cast<std::size_t>(i % o.centres)];
    out.push_back(make_history({o.seed, i, centre_id, i / o.centres + 1, o.today, &protocol,
                                username("surgeon", centre_id), username("coordinator", centre_id)}));
  }
  return out;
}

GenerateCounts write_history(store::Transaction& tx, History& h, const GenerateOptions& o) {
  const service::Actor op = service::Actor::cli_operator();
  GenerateCounts n;
  const Transition& first = h.transitions.front();
  h.patient.id = tx.insert_patient(h.patient, first.at);
  h.episode.patient_id = h.patient.id;
  h.episode.id = tx.insert_episode(h.episode, first.at);
  for (Transition& t : h.transitions) {
    t.episode_id = h.episode.id;
    tx.insert_transition(t);
  }
  if (!h.schedule.empty()) tx.replace_schedule(h.episode.id, h.schedule);
  if (h.eligibility) {
    h.eligibility->episode_id = h.episode.id;
    tx.insert_eligibility(*h.eligibility);
  }
  // The row as the last step left it.
  if (h.transitions.size() > 1) tx.update_episode(h.episode, h.transitions.back().at);
  for (auto& r : h.responses) {
    r.episode_id = h.episode.id;
    tx.insert_questionnaire_response(r);
    n.scores += static_cast<std::int64_t>(r.scores.size());
  }
  for (auto& a : h.events) {
    a.episode_id = h.episode.id;
    tx.insert_adverse_event(a);
  }
  // One row vouches for everything the patient's history wrote (the store puts each
  // record's content hash in it); the operator's, as an import would be.
  tx.append_audit(service::audit_entry(demo::clock_on(o.today), op, h.episode.centre_id, "patient.import", "patient",
                                       std::to_string(h.patient.id),
                                       "generated history: " + std::to_string(h.transitions.size()) + " steps, " +
                                           std::to_string(h.responses.size()) + " answers"));
  n.patients = 1;
  n.transitions = static_cast<std::int64_t>(h.transitions.size());
  n.schedule_items = static_cast<std::int64_t>(h.schedule.size());
  n.eligibility = h.eligibility ? 1 : 0;
  n.responses = static_cast<std::int64_t>(h.responses.size());
  n.events = static_cast<std::int64_t>(h.events.size());
  n.audit_rows = 1;
  return n;
}

}  // namespace

GenerateCounts& GenerateCounts::operator+=(const GenerateCounts& o) {
  patients += o.patients;
  transitions += o.transitions;
  schedule_items += o.schedule_items;
  eligibility += o.eligibility;
  responses += o.responses;
  scores += o.scores;
  events += o.events;
  audit_rows += o.audit_rows;
  return *this;
}

GenerateCounts add_patients(store::Store& store, const GenerateOptions& o,
                            const std::function<void(std::int64_t)>& progress) {
  const auto protocol = service::load_protocol(o.protocol);
  const std::vector<std::string> centres = centre_ids(o.centres);
  auto batch_from = [&](std::int64_t from) {
    return std::async(std::launch::async, histories, std::cref(o), std::cref(*protocol), std::cref(centres), from,
                      std::min(o.patients, from + kPatientsPerTransaction));
  };
  GenerateCounts total;
  // A transaction per batch of patients, not one for them all: SQLite keeps every page a
  // transaction changes in its write-ahead log until the commit, and one log of millions
  // of pages made each patient slower to write than the one before. The next batch's
  // histories are made on a second thread while this one is written: SQLite writes on
  // one core, and the histories (random draws, scores, JSON) were a fifth of the time.
  std::future<std::vector<History>> next;
  if (o.patients > 0) next = batch_from(0);
  for (std::int64_t from = 0; from < o.patients; from += kPatientsPerTransaction) {
    std::vector<History> batch = next.get();
    if (from + kPatientsPerTransaction < o.patients) next = batch_from(from + kPatientsPerTransaction);
    GenerateCounts n;
    store.write([&](store::Transaction& tx) {
      n = {};
      for (History& h : batch) n += write_history(tx, h, o);
      // The outcome report's derived rows of the batch's joints, as the server keeps them
      // after each change: left stale, a million would wait for the first report, which
      // stores them inside a write that every other writer waits behind.
      tx.refresh_outcome_rows();
    });
    total += n;
    if (progress) progress(from + static_cast<std::int64_t>(batch.size()));
  }
  return total;
}

}  // namespace rp::bench::scale
