// The cell product's use cases (service/products.hpp). Who may do what follows the
// episode's transition table: the steps that move a product toward release are the lab's
// (the roles that may release a product), the harvest the roles that record one, the
// bedside check and the injection the injecting surgeon's.
#include "service/products.hpp"

#include <charconv>
#include <tuple>

#include "base/error.hpp"
#include "base/utc_instant.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/idempotency.hpp"
#include "service/pathway.hpp"
#include "service/product_access.hpp"
#include "service/product_step.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

using product::Product;
using product::State;

Donor donor_of(const std::optional<Patient>& p) {
  if (!p) return {};
  return {p->id, p->mrn, p->name_fa, p->name_latin};
}

// A measure as a person writes it: 2.5, 40000000 (no exponent, no trailing zeros).
std::string number_text(double v) {
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return r.ec == std::errc() ? std::string(buf, r.ptr) : std::to_string(v);
}

// The harvest's times, checked and written as Clock::now_iso writes instants.
struct HarvestTimes {
  std::string started_at, ended_at;
  std::int64_t ended_ms = 0;  // the shelf life counts from here
};
HarvestTimes harvest_times(const HarvestRecord& h, const Clock& clock) {
  const std::int64_t now = clock.now_ms();
  HarvestTimes t;
  std::optional<UtcInstant> start;
  if (!h.started_at.empty()) {
    start = parse_utc_instant(h.started_at, "started_at");
    if (start->ms > now + kClockSkewMs) throw InputError("started_at", "in_the_future"_err);
    t.started_at = start->iso;
  }
  if (h.ended_at.empty()) {
    t.ended_at = clock.now_iso();
    t.ended_ms = now;
  } else {
    const UtcInstant end = parse_utc_instant(h.ended_at, "ended_at");
    if (end.ms > now + kClockSkewMs) throw InputError("ended_at", "in_the_future"_err);
    t.ended_at = end.iso;
    t.ended_ms = end.ms;
  }
  if (start && t.ended_at < t.started_at) throw InputError("ended_at", "harvest_ends_before_start"_err);
  return t;
}

// What a harvest's Idempotency-Key refers to: its products' ids, "12,13".
std::string product_ids(const std::vector<Product>& products) {
  std::string out;
  for (const Product& p : products) out += (out.empty() ? "" : ",") + std::to_string(p.id);
  return out;
}

std::vector<Product> products_by_ids(store::Transaction& tx, std::string_view ids) {
  std::vector<Product> out;
  while (!ids.empty()) {
    const auto comma = ids.find(',');
    const std::string_view id = ids.substr(0, comma);
    std::int64_t n = 0;
    std::from_chars(id.data(), id.data() + id.size(), n);
    if (auto p = tx.find_product(n)) out.push_back(std::move(*p));
    ids.remove_prefix(comma == std::string_view::npos ? ids.size() : comma + 1);
  }
  return out;
}

// The bedside check's refusal of a product, as the injection throws it.
ConflictError bedside_refusal(product::Verdict v) { return ConflictError("din", ErrorCode{to_string(v)}); }

void check_anaesthesia(const std::string& a) {
  if (a != "local" && a != "sedation" && a != "general")
    throw InputError("anaesthesia", "not_one_of"_err,
                     {{"value", a.substr(0, 32)}, {"allowed", "local, sedation, general"}});
}

// A result that comes back after the product left the lab's bench (a sterility culture
// takes days; a protocol may release on a pending one): only a test still pending may be
// completed. A failure quarantines a released product (the bedside check refuses it
// anyway); one already injected is said in the chain, for the surgeon to follow up.
std::string late_qc_results(Product& p, const QcRecord& qc) {
  const bool other = qc.total_nucleated_cells || qc.viability_percent || qc.cfu_f || qc.isct_markers_met ||
                     !qc.isct.empty() || qc.complete;
  if (other || (!qc.sterility && !qc.endotoxin && !qc.mycoplasma)) move_product(p, State::qc_pending);  // refused
  std::string said;
  bool failed = false;
  const std::tuple<const std::optional<product::QcTest>&, product::QcTest&, const char*> tests[] = {
      {qc.sterility, p.sterility, "sterility"},
      {qc.endotoxin, p.endotoxin, "endotoxin"},
      {qc.mycoplasma, p.mycoplasma, "mycoplasma"}};
  for (const auto& [sent, kept, name] : tests) {
    if (!sent) continue;
    if (kept.result != product::QcResult::pending)
      throw ConflictError(name, "qc_result_not_pending"_err, {{"test", std::string(name)}});
    kept = *sent;
    failed = failed || sent->result == product::QcResult::failed;
    said += (said.empty() ? "" : ", ") + std::string(name) + " " + std::string(to_string(sent->result));
  }
  said = "late result: " + said;
  if (failed && p.state == State::released) {
    move_product(p, State::quarantined);
    said += "; quarantined";
  } else if (failed && p.state == State::used) {
    said += "; the product was injected: the surgeon follows the patient up";
  }
  return said;
}

}  // namespace

ProtocolProduct product_rules(const ProductSettings& settings, const std::string& protocol_id) {
  const auto protocol = load_protocol(protocol_id);
  if (protocol->product) return *protocol->product;
  return {settings.criteria, settings.shelf_life_hours, {}};
}

ProtocolProduct rules_of(store::Transaction& tx, const ProductSettings& settings, const Product& p) {
  const auto e = tx.find_episode(p.episode_id);
  return e ? product_rules(settings, e->protocol_id)
           : ProtocolProduct{settings.criteria, settings.shelf_life_hours, {}};
}

void require_reason(const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError("reason", "required"_err);
}

std::vector<Product> Products::register_harvest(const Actor& actor, const HarvestRecord& h) {
  require_transition(actor, "harvested");
  return refusal_recorded(store_, clock_, actor, "harvest", "episode " + std::to_string(h.episode_id), [&] {
    if (h.products < 1 || h.products > 4) throw InputError("products", "product_count"_err);
    check_anaesthesia(h.anaesthesia);
    const HarvestTimes times = harvest_times(h, clock_);
    std::vector<Product> out;
    store_.write(record_scope(actor), [&](store::Transaction& tx) {
      // A retry with the first request's Idempotency-Key: its products, none registered again.
      if (const auto earlier = earlier_request(tx, actor)) {
        out = products_by_ids(tx, *earlier);
        return;
      }
      const auto e = tx.find_episode(h.episode_id);
      if (!e || !actor.sees_centre(e->centre_id))
        throw NotFoundError("episode", "episode_not_found"_err, {{"id", std::to_string(h.episode_id)}});
      const auto patient = tx.find_patient(e->patient_id);
      // The wristband scanned in theatre names the episode's patient, or nothing is harvested.
      if (!patient || patient->mrn != h.wristband_mrn) throw ConflictError("mrn", "wristband_not_this_patient"_err);
      const std::string now = clock_.now_iso();
      Pathway(store_, clock_)
          .advance_in(tx, actor, e->id, {EpisodeState::harvested, "", std::nullopt},
                      [&](Episode& ep) { ep.cell_source = h.source; });
      // The centre's own facility code begins its DINs; a centre without one, the settings'.
      const auto centre = tx.find_centre(e->centre_id);
      const std::string facility =
          centre && !centre->facility_code.empty() ? centre->facility_code : settings_.facility;
      const ProtocolProduct rules = product_rules(settings_, e->protocol_id);
      const std::string year = clock_.today().iso().substr(2, 2);
      std::int64_t seq = tx.last_din_sequence(facility + year);
      for (int i = 0; i < h.products; ++i) {
        Product p;
        p.din = product::make_din(facility, year, ++seq).text();
        p.product_code = settings_.product_code;
        p.episode_id = e->id;
        p.patient_id = e->patient_id;
        p.centre_id = e->centre_id;
        p.source = h.source;
        p.state = State::received;
        p.harvest_side = h.side ? h.side : e->side;
        p.harvest_volume_ml = h.volume_ml;
        p.anaesthesia = h.anaesthesia;
        p.harvest_started_at = times.started_at;
        p.harvest_ended_at = times.ended_at;
        p.harvested_by = actor.user;
        p.expires_at = Clock::fixed(times.ended_ms + rules.shelf_life_hours * kHourMs).now_iso();
        p.id = tx.insert_product(p, now);
        tx.insert_product_event({0, p.id, now, actor.user, role_of(actor), h.location, "harvest",
                                 "wristband " + h.wristband_mrn, "product " + std::to_string(i + 1)});
        tx.append_audit(
            audit_entry(clock_, actor, p.centre_id, "product.harvest", "product", std::to_string(p.id), p.din));
        out.push_back(p);
      }
      remember_request(tx, actor, product_ids(out), now);
    });
    return out;
  });
}

Product Products::receive(const Actor& actor, const std::string& din, std::optional<double> temperature_c,
                          const std::string& location) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "receipt", location, [&](store::Transaction&, Product& p) {
    if (!p.received_at.empty() || p.state != State::received)
      throw ConflictError("state", "product_transition_not_allowed"_err,
                          {{"from", std::string(to_string(p.state))}, {"to", "received"}});
    p.received_at = clock_.now_iso();
    p.received_by = actor.user;
    p.receipt_temperature_c = temperature_c;
    return std::string();
  });
}

Product Products::process(const Actor& actor, const std::string& din, product::Method method,
                          std::optional<int> passages) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "processing", "lab", [&](store::Transaction&, Product& p) {
    if (p.received_at.empty()) throw ConflictError("state", "product_not_received"_err);
    move_product(p, State::processing);
    p.method = method;
    p.passages = passages;
    p.processed_at = clock_.now_iso();
    p.processed_by = actor.user;
    return std::string();
  });
}

Product Products::record_qc(const Actor& actor, const std::string& din, const QcRecord& qc) {
  require_transition(actor, "product_released");
  // A verdict sent beside the panel it should follow from could contradict it: one or the other.
  if (qc.isct_markers_met && !qc.isct.empty())
    throw InputError("isct_markers_met", "give_one_not_both"_err,
                     {{"first", "isct_markers_met"}, {"second", "isct_markers"}});
  return step(store_, clock_, actor, din, "qc", "lab", [&](store::Transaction& tx, Product& p) {
    if (p.state == State::released || p.state == State::used || p.state == State::quarantined)
      return late_qc_results(p, qc);
    if (p.state == State::processing) move_product(p, State::qc_pending);
    if (p.state != State::qc_pending) move_product(p, State::qc_pending);  // refused, naming the states
    if (qc.total_nucleated_cells) p.total_nucleated_cells = qc.total_nucleated_cells;
    if (qc.viability_percent) p.viability_percent = qc.viability_percent;
    if (qc.cfu_f) p.cfu_f = qc.cfu_f;
    if (qc.isct_markers_met) p.isct_markers_met = qc.isct_markers_met;
    if (!qc.isct.empty()) {
      auto merge = [](std::optional<double>& into, const std::optional<double>& v) {
        if (v) into = v;
      };
      merge(p.isct.cd105, qc.isct.cd105);
      merge(p.isct.cd73, qc.isct.cd73);
      merge(p.isct.cd90, qc.isct.cd90);
      merge(p.isct.cd45, qc.isct.cd45);
      merge(p.isct.cd34, qc.isct.cd34);
      merge(p.isct.cd14_or_cd11b, qc.isct.cd14_or_cd11b);
      merge(p.isct.cd79a_or_cd19, qc.isct.cd79a_or_cd19);
      merge(p.isct.hla_dr, qc.isct.hla_dr);
      // The verdict follows from the panel, against the protocol's limits: unset until
      // every marker is in, false as soon as one misses.
      const auto criteria = rules_of(tx, settings_, p).release;
      p.isct_markers_met = product::isct_markers_missed(p.isct, criteria).empty()
                               ? product::isct_panel_met(p.isct, criteria)
                               : std::optional(false);
    }
    if (qc.sterility) p.sterility = *qc.sterility;
    if (qc.endotoxin) p.endotoxin = *qc.endotoxin;
    if (qc.mycoplasma) p.mycoplasma = *qc.mycoplasma;
    if (qc.complete) move_product(p, State::awaiting_release);
    return std::string();
  });
}

Product Products::release(const Actor& actor, const std::string& din,
                          const std::optional<product::ReleaseException>& exception) {
  std::optional<product::ReleaseException> surgeons;
  if (exception) {
    // The exception is the surgeon's who signs it: never a name another account types.
    if (actor.role != Role::surgeon) throw ForbiddenError("exception", "release_exception_surgeon"_err);
    surgeons = product::ReleaseException{actor.user, exception->reason};
  } else {
    require_transition(actor, "product_released");
  }
  return step(store_, clock_, actor, din, "release", "lab", [&](store::Transaction& tx, Product& p) {
    const auto e = tx.find_episode(p.episode_id);
    const auto criteria = rules_of(tx, settings_, p).release;
    p.exception_criteria = product::check_release(p, actor.user, criteria, surgeons);
    if (!p.exception_criteria.empty()) {
      p.exception_by = surgeons->surgeon;
      p.exception_reason = surgeons->reason;
    }
    p.state = State::released;
    p.released_at = clock_.now_iso();
    p.released_by = actor.user;
    // The episode follows its product: released once its first product is.
    if (e && e->state == EpisodeState::harvested)
      Pathway(store_, clock_).advance_in(tx, actor, p.episode_id, {EpisodeState::product_released, "", std::nullopt});
    return std::string();
  });
}

Product Products::set_aside(const Actor& actor, const std::string& din, State to, const std::string& reason,
                            const std::string& location) {
  require_transition(actor, "product_released");
  const std::string kind = to == State::quarantined ? "quarantine" : to == State::discarded ? "discard" : "expiry";
  return step(store_, clock_, actor, din, kind, location, [&](store::Transaction&, Product& p) {
    if (to != State::quarantined && to != State::discarded && to != State::expired)
      throw InputError("state", "product_transition_not_allowed"_err,
                       {{"from", std::string(to_string(p.state))}, {"to", std::string(to_string(to))}});
    require_reason(reason);
    move_product(p, to);
    return "reason: " + reason.substr(0, 200);
  });
}

BedsideCheck Products::verify(const Actor& actor, const std::string& din_text, const std::string& mrn,
                              const std::string& location) {
  require_transition(actor, "injected");
  return refusal_recorded(store_, clock_, actor, "bedside_check", din_text, [&] {
    const product::Din din = product::parse_din(din_text);
    BedsideCheck c;
    store_.write(record_scope(actor), [&](store::Transaction& tx) {
      c.product = visible_product(tx, actor, din);
      const std::string now = clock_.now_iso();
      c.verdict = product::Verdict::wrong_patient;
      for (const Patient& p : tx.list_patients({c.product.centre_id, mrn, false, std::nullopt, 20}))
        if (p.mrn == mrn) {
          c.patient = p;
          c.verdict = product::bedside_verdict(c.product, p.id, now);
        }
      const std::string verdict(to_string(c.verdict));
      tx.insert_product_event({0, c.product.id, now, actor.user, role_of(actor), location, "bedside_check",
                               "din " + din.with_check() + ", wristband " + mrn.substr(0, 64), verdict});
      tx.append_audit(audit_entry(clock_, actor, c.product.centre_id, "product.bedside_check", "product",
                                  std::to_string(c.product.id), c.product.din + " " + verdict));
    });
    return c;
  });
}

Product Products::inject(const Actor& actor, const InjectionRecord& r) {
  require_transition(actor, "injected");
  product::Verdict v = product::Verdict::ok;
  Product injected = refusal_recorded(store_, clock_, actor, "injection", r.din, [&] {
    const product::Din din = product::parse_din(r.din);
    Product p;
    store_.write(record_scope(actor), [&](store::Transaction& tx) {
      p = visible_product(tx, actor, din);
      const std::string now = clock_.now_iso();
      const auto patient = tx.find_patient(p.patient_id);
      // The wristband must name the product's donor, by record number at the donor's centre.
      const std::int64_t scanned = patient && patient->mrn == r.mrn ? patient->id : -1;
      v = product::bedside_verdict(p, scanned, now);
      if (v != product::Verdict::ok) {
        // The refused check is kept in the chain, as verify keeps it: the worklist's alert
        // reads it. Nothing else is written but the refusal's audit row, here, in the same
        // transaction, so that the row vouches for the chain the check grew.
        tx.insert_product_event({0, p.id, now, actor.user, role_of(actor), r.location, "bedside_check",
                                 "din " + din.with_check() + ", wristband " + r.mrn.substr(0, 64),
                                 std::string(to_string(v))});
        tx.append_audit(refusal_entry(clock_, actor, "injection", r.din, bedside_refusal(v)));
        return;
      }
      move_product(p, State::used);
      p.used_at = now;
      p.used_by = actor.user;
      tx.update_product(p, now);
      Pathway(store_, clock_)
          .advance_in(tx, actor, p.episode_id, {EpisodeState::injected, "", std::nullopt}, [&](Episode& e) {
            e.guidance = r.guidance;
            e.injected_by = actor.user;
          });
      std::string dose;
      if (r.dose_cells) dose += "dose " + number_text(*r.dose_cells) + " cells";
      if (r.volume_ml) dose += (dose.empty() ? "" : ", ") + std::string("volume ") + number_text(*r.volume_ml) + " ml";
      tx.insert_product_event({0, p.id, now, actor.user, role_of(actor), r.location, "injection",
                               "din " + din.with_check() + ", wristband " + r.mrn + ": ok",
                               dose + (dose.empty() ? "" : ", ") + "guidance " + std::string(to_string(r.guidance))});
      tx.append_audit(
          audit_entry(clock_, actor, p.centre_id, "product.injection", "product", std::to_string(p.id), p.din));
    });
    return p;
  });
  // Thrown past refusal_recorded: the refusal's row is written with its custody event.
  if (v != product::Verdict::ok) throw bedside_refusal(v);
  return injected;
}

std::vector<ListedProduct> Products::list(const Actor& actor, std::optional<State> state, int limit) {
  require(actor, Permission::episode_read);
  std::vector<ListedProduct> out;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    store::ProductQuery q;
    if (!actor.all_centres) q.centre_id = actor.centre;
    q.state = state;
    q.limit = limit;
    std::string shown;
    for (auto& p : tx.list_products(q)) {
      const auto patient = tx.find_patient(p.patient_id);
      shown += (shown.empty() ? "" : ",") + std::to_string(p.patient_id);
      out.push_back({std::move(p), donor_of(patient)});
    }
    auto entry = audit_entry(clock_, actor, actor.centre, "product.list", "product", "",
                             state ? "state " + std::string(to_string(*state)) : "");
    entry.shown = shown;
    tx.append_audit(entry);
  });
  return out;
}

ProductTrace Products::trace(const Actor& actor, const std::string& din_text) {
  require(actor, Permission::episode_read);
  const product::Din din = product::parse_din(din_text);
  ProductTrace t;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    t.product = visible_product(tx, actor, din);
    t.events = tx.product_events(t.product.id);
    t.donor = donor_of(tx.find_patient(t.product.patient_id));
    t.readings = tx.product_readings(t.product.id);
    t.passages = tx.product_passages(t.product.id);
    tx.append_audit(audit_entry(clock_, actor, t.product.centre_id, "product.trace", "product",
                                std::to_string(t.product.id), t.product.din));
  });
  return t;
}

}  // namespace rp::service
