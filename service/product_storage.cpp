// A cell product's storage, freeze and thaw, return from theatre, clearance from
// quarantine, and culture passages (service/products.hpp). Each is a step on the product
// (service/product_step.hpp): its custody event and audit row in the one transaction.
#include <charconv>

#include "base/utc_instant.hpp"
#include "domain/product/storage.hpp"
#include "service/product_step.hpp"

namespace rp::service {
namespace {

using product::Product;
using product::State;

constexpr std::int64_t kDayMs = 24 * kHourMs;

std::string celsius_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  return std::string(buf, r.ptr) + " °C";
}

// A reading outside the limits: the product, unless used or set aside already, is
// quarantined until the lab has looked at it. Returns what the chain says of the reading.
std::string judge_reading(Product& p, double temperature_c, const product::StorageLimits& limits, bool& excursion) {
  excursion = !product::within_storage_limits(p, temperature_c, limits);
  std::string said = celsius_text(temperature_c) + (p.frozen() ? " frozen" : " fresh");
  if (!excursion) return said + ": within limits";
  said += ": excursion";
  if (p.state != State::quarantined && p.state != State::used && p.state != State::discarded &&
      p.state != State::expired) {
    move_product(p, State::quarantined);
    said += ", quarantined";
  }
  return said;
}

}  // namespace

Product Products::record_reading(const Actor& actor, const std::string& din, const ReadingRecord& r) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "storage", r.location, [&](store::Transaction& tx, Product& p) {
    product::check_storable(p, "storage");
    std::string at = clock_.now_iso();
    if (!r.at.empty()) {
      const UtcInstant when = parse_utc_instant(r.at, "at");
      if (when.ms > clock_.now_ms() + kClockSkewMs) throw InputError("at", "in_the_future"_err);
      at = when.iso;
    }
    bool excursion = false;
    const std::string said = judge_reading(p, r.temperature_c, rules_of(tx, settings_, p).storage, excursion);
    tx.insert_product_reading({0, p.id, at, r.temperature_c, r.location, actor.user, excursion});
    return "din " + p.din + ", reading at " + at + ": " + said;
  });
}

Product Products::freeze(const Actor& actor, const std::string& din, const std::string& location,
                         std::optional<double> temperature_c) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "freeze", location, [&](store::Transaction& tx, Product& p) {
    product::check_storable(p, "frozen");
    if (!p.frozen_at.empty()) throw ConflictError("state", "product_already_frozen"_err);
    if (p.processed_at.empty()) throw ConflictError("state", "product_not_processed"_err);
    const product::StorageLimits limits = rules_of(tx, settings_, p).storage;
    const std::int64_t now = clock_.now_ms();
    p.frozen_at = Clock::fixed(now).now_iso();
    p.expires_at = Clock::fixed(now + limits.frozen_shelf_life_days * kDayMs).now_iso();
    std::string said = "din " + p.din + ", frozen until " + p.expires_at;
    if (temperature_c) {
      bool excursion = false;
      said += "; " + judge_reading(p, *temperature_c, limits, excursion);
      tx.insert_product_reading({0, p.id, p.frozen_at, *temperature_c, location, actor.user, excursion});
    }
    return said;
  });
}

Product Products::thaw(const Actor& actor, const std::string& din, const std::string& location) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "thaw", location, [&](store::Transaction& tx, Product& p) {
    product::check_storable(p, "thawed");
    if (p.frozen_at.empty()) throw ConflictError("state", "product_not_frozen"_err);
    if (!p.thawed_at.empty()) throw ConflictError("state", "product_already_thawed"_err);
    const std::int64_t now = clock_.now_ms();
    p.thawed_at = Clock::fixed(now).now_iso();
    // The thaw starts the short clock; it never lengthens what the freeze allowed.
    const std::string after_thaw =
        Clock::fixed(now + rules_of(tx, settings_, p).storage.thawed_shelf_life_hours * kHourMs).now_iso();
    if (p.expires_at.empty() || after_thaw < p.expires_at) p.expires_at = after_thaw;
    return "din " + p.din + ", thawed; use before " + p.expires_at;
  });
}

Product Products::return_product(const Actor& actor, const std::string& din, const std::string& reason,
                                 const std::string& location, std::optional<double> temperature_c) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "return", location, [&](store::Transaction& tx, Product& p) {
    require_reason(reason);
    if (p.state != State::released) throw ConflictError("state", "product_return_not_released"_err);
    std::string said = "din " + p.din + ", back from theatre unused: " + reason.substr(0, 200);
    if (temperature_c) {
      bool excursion = false;
      said += "; " + judge_reading(p, *temperature_c, rules_of(tx, settings_, p).storage, excursion);
      tx.insert_product_reading({0, p.id, clock_.now_iso(), *temperature_c, location, actor.user, excursion});
    }
    // Whatever its temperature, a product that left the lab's hands waits for the lab's look.
    if (p.state != State::quarantined) move_product(p, State::quarantined);
    return said;
  });
}

Product Products::clear_quarantine(const Actor& actor, const std::string& din, const std::string& reason) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "clearance", "lab", [&](store::Transaction&, Product& p) {
    require_reason(reason);
    if (p.state != State::quarantined)
      throw ConflictError("state", "product_transition_not_allowed"_err,
                          {{"from", std::string(to_string(p.state))}, {"to", "awaiting_release"}});
    // A product never processed has nothing a release could check: it cannot be cleared.
    if (p.processed_at.empty()) throw ConflictError("state", "product_not_processed"_err);
    move_product(p, State::awaiting_release);
    // Cleared, it needs a release again, by a second person, against the criteria.
    p.released_at.clear();
    p.released_by.clear();
    return "din " + p.din + ", cleared: " + reason.substr(0, 200);
  });
}

Product Products::set_passages(const Actor& actor, const std::string& din, std::vector<product::Passage> passages) {
  require_transition(actor, "product_released");
  return step(store_, clock_, actor, din, "passages", "lab", [&](store::Transaction& tx, Product& p) {
    if (p.method != product::Method::culture_expansion ||
        (p.state != State::processing && p.state != State::qc_pending))
      throw ConflictError("passages", "passages_only_for_expansion"_err);
    for (std::size_t i = 0; i < passages.size(); ++i) passages[i].n = static_cast<int>(i) + 1;
    product::check_passages(passages, clock_.today());
    tx.replace_product_passages(p.id, passages);
    p.passages = static_cast<int>(passages.size());
    std::string said = "din " + p.din + ", " + std::to_string(passages.size()) + " passages";
    for (const auto& x : passages)
      said += "; " + std::to_string(x.n) + ": " + x.seeded_on.iso() + " to " +
              (x.harvested_on ? x.harvested_on->iso() : std::string("running"));
    return said;
  });
}

}  // namespace rp::service
