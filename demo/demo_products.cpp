// The demo's cell products: one for each hip and knee episode past its harvest, in the
// state its episode stands at, and, among the episodes harvested and not yet released,
// products at every step of the lab (received, processing, QC, awaiting release,
// quarantined), so the lab's view and the bedside check have every state to show. Each
// has its custody chain from the harvest on.
#include "demo/demo.hpp"
#include "demo/history.hpp"
#include "domain/product/din.hpp"
#include "service/audit_entry.hpp"

namespace rp::demo {
namespace {

using product::State;

constexpr const char* kDemoFacility = "RPDEM";  // lettered: never a real ICCBBA facility

std::string at(const CivilDate& day, const char* time) { return day.iso() + "T" + time + ".000Z"; }

struct Step {
  const char* kind;
  const char* time;
  const char* actor;
  const char* role;
};

// The custody steps that lead to `s`, in order.
std::vector<Step> steps_to(State s) {
  std::vector<Step> out = {{"harvest", "06:30:00", "surgeon", "surgeon"}};
  const int depth = s == State::received                                      ? 0
                    : s == State::processing                                  ? 1
                    : s == State::qc_pending                                  ? 2
                    : s == State::awaiting_release || s == State::quarantined ? 3
                                                                              : 4;
  if (depth >= 1) out.push_back({"receipt", "07:00:00", "lab", "lab"});
  if (depth >= 1) out.push_back({"processing", "07:30:00", "lab", "lab"});
  if (depth >= 2) out.push_back({"qc", "09:00:00", "lab", "lab"});
  if (s == State::quarantined) out.push_back({"quarantine", "09:30:00", "qa", "lab"});
  if (depth >= 4) out.push_back({"release", "10:00:00", "qa", "lab"});
  if (s == State::used) {
    out.push_back({"bedside_check", "11:00:00", "surgeon", "surgeon"});
    out.push_back({"injection", "11:05:00", "surgeon", "surgeon"});
  }
  if (s == State::discarded) out.push_back({"discard", "12:00:00", "qa", "lab"});
  if (s == State::expired) out.push_back({"expiry", "12:00:00", "qa", "lab"});
  return out;
}

product::Product made(const Episode& e, State s, const CivilDate& harvest, int seq) {
  product::Product p;
  p.din = product::make_din(kDemoFacility, harvest.iso().substr(2, 2), seq).text();
  p.product_code = "S0000";
  p.episode_id = e.id;
  p.patient_id = e.patient_id;
  p.centre_id = e.centre_id;
  p.source = e.cell_source.value_or(CellSource::bone_marrow);
  p.state = s;
  p.harvest_side = e.side;
  p.harvest_volume_ml = 60;
  p.anaesthesia = "local";
  p.harvest_started_at = at(harvest, "06:00:00");
  p.harvest_ended_at = at(harvest, "06:30:00");
  p.harvested_by = demo_surgeon(e.centre_id);
  p.expires_at = at(harvest.plus_days(2), "06:30:00");
  if (s != State::received) {
    p.received_at = at(harvest, "07:00:00");
    p.received_by = "lab." + e.centre_id;
    p.receipt_temperature_c = 4;
  }
  if (s != State::received && s != State::processing) {
    p.method = product::Method::density_gradient;
    p.processed_at = at(harvest, "07:30:00");
    p.processed_by = "lab." + e.centre_id;
    p.total_nucleated_cells = 1.5e8 + seq * 1e6;
    p.viability_percent = 85 + seq % 10;
    p.sterility = {product::QcResult::pending, harvest.plus_days(7)};
    p.endotoxin.result = product::QcResult::passed;
  }
  if (s == State::released || s == State::used || s == State::expired) {
    p.sterility.result = product::QcResult::passed;
    p.released_at = at(harvest, "10:00:00");
    p.released_by = "qa." + e.centre_id;
  }
  return p;
}

// The lab's fridge read at receipt and before release; the quarantined product's bench
// reading that put it there (an excursion); the frozen product's tank.
void add_demo_readings(store::Transaction& tx, const product::Product& p, State s, const CivilDate& harvest,
                       bool& first_frozen) {
  if (s == State::received) return;
  const std::string lab = "lab." + p.centre_id;
  tx.insert_product_reading({0, p.id, at(harvest, "07:05:00"), 4.0, "lab fridge 1", lab, false});
  if (s == State::quarantined)
    tx.insert_product_reading({0, p.id, at(harvest, "09:25:00"), 31.0, "lab bench", lab, true});
  if (s == State::released || s == State::used)
    tx.insert_product_reading({0, p.id, at(harvest, "09:45:00"), 4.5, "lab fridge 1", lab, false});
  if (!p.frozen_at.empty()) {
    first_frozen = false;
    tx.insert_product_reading({0, p.id, at(harvest, "11:00:00"), -162.0, "nitrogen tank 1", lab, false});
    tx.insert_product_event({0, p.id, p.frozen_at, lab, "lab", "nitrogen tank 1", "freeze",
                             "din " + product::parse_din(p.din).with_check() + ", frozen until " + p.expires_at,
                             "released -> released"});
  }
}

}  // namespace

void add_demo_products(store::Store& store, const CivilDate& today) {
  const Clock clock = clock_on(today);
  const service::Actor op = service::Actor::cli_operator();
  store.write([&](store::Transaction& tx) {
    std::vector<Episode> harvested, released, injected, stopped;
    for (const Patient& pt : tx.list_patients({std::nullopt, "", false, std::nullopt, 100000}))
      for (const Episode& e : tx.episodes_of_patient(pt.id)) {
        // A course walked through its product already has it (demo_extras.cpp).
        if (!tx.list_products({std::nullopt, std::nullopt, e.id, 1}).empty()) continue;
        if (e.state == EpisodeState::harvested) harvested.push_back(e);
        if (e.state == EpisodeState::product_released) released.push_back(e);
        if (e.injection_date && (e.state == EpisodeState::injected || e.state == EpisodeState::follow_up ||
                                 e.state == EpisodeState::completed || e.state == EpisodeState::converted_to_thr))
          injected.push_back(e);
        if (e.harvest_date && (e.state == EpisodeState::withdrawn || e.state == EpisodeState::lost_to_follow_up))
          stopped.push_back(e);
      }
    // Every state at least once: the lab's states among the harvested (several products of
    // one harvest, split, when there are few), released and expired among the released, a
    // discarded split of an injected harvest when no harvested episode was given up.
    std::vector<std::pair<Episode, State>> plan;
    const State lab[] = {State::received, State::processing, State::qc_pending, State::awaiting_release,
                         State::quarantined};
    for (std::size_t i = 0; !harvested.empty() && i < std::max<std::size_t>(5, harvested.size()); ++i)
      plan.push_back({harvested[i % harvested.size()], lab[i % 5]});
    for (std::size_t i = 0; !released.empty() && i < std::max<std::size_t>(2, released.size()); ++i)
      plan.push_back({released[i % released.size()], i == 1 ? State::expired : State::released});
    for (const Episode& e : injected) plan.push_back({e, State::used});
    for (const Episode& e : stopped) plan.push_back({e, State::discarded});
    if (stopped.empty() && !injected.empty()) plan.push_back({injected.front(), State::discarded});

    int seq = 0;
    bool refused = false;
    bool first_frozen = true;
    for (const auto& [e, s] : plan) {
      const CivilDate harvest = e.harvest_date.value_or(today);
      product::Product p = made(e, s, harvest, ++seq);
      // Those still to be injected keep two days from the demo's day; the expired one ran out.
      if (s != State::used && s != State::discarded && s != State::expired)
        p.expires_at = at(today.plus_days(2), "06:30:00");
      if (s == State::used) {
        p.used_at = at(e.injection_date.value_or(harvest), "11:05:00");
        p.used_by = e.injected_by.value_or(demo_surgeon(e.centre_id));
      }
      // The first released product was cryopreserved after its release: it keeps a year.
      if (s == State::released && first_frozen) {
        p.frozen_at = at(harvest, "10:30:00");
        p.expires_at = at(harvest.plus_days(365), "10:30:00");
      }
      p.id = tx.insert_product(p, at(harvest, "06:30:00"));
      const CivilDate used_on = e.injection_date.value_or(harvest);
      for (const Step& st : steps_to(s)) {
        const bool bedside = std::string(st.kind) == "bedside_check" || std::string(st.kind) == "injection";
        // The centre's own accounts (those `demo` serves with): its surgeon, lab and QA.
        const std::string actor =
            std::string(st.actor) == "surgeon" ? demo_surgeon(e.centre_id) : std::string(st.actor) + "." + e.centre_id;
        tx.insert_product_event({0, p.id, at(bedside ? used_on : harvest, st.time), actor, st.role,
                                 bedside                         ? "injection room"
                                 : std::string(st.role) == "lab" ? "lab"
                                                                 : "theatre",
                                 st.kind, bedside ? "din " + product::parse_din(p.din).with_check() + ": ok" : "",
                                 std::string(st.kind) == "bedside_check" ? "ok" : ""});
      }
      add_demo_readings(tx, p, s, harvest, first_frozen);
      if (s == State::received && !refused && e.centre_id == "tehran-1") {
        // Yesterday a product still in the lab was scanned at the bedside and refused:
        // the worklist's alert has something to show.
        refused = true;
        tx.insert_product_event(
            {0, p.id, at(today.plus_days(-1), "05:30:00"), demo_surgeon(e.centre_id), "surgeon", "injection room",
             "bedside_check",
             "din " + product::parse_din(p.din).with_check() + ", wristband " + tx.find_patient(e.patient_id)->mrn,
             "not_released"});
      }
      // Its audit row vouches for the product as written, chain and all (`audit verify`).
      tx.append_audit(service::audit_entry(clock, op, e.centre_id, "product.recorded", "product", std::to_string(p.id),
                                           p.din + " " + std::string(product::to_string(p.state))));
    }
  });
}

}  // namespace rp::demo
