#pragma once
// One step on a cell product, shared by the product's use cases (service/products.cpp,
// service/product_storage.cpp): the change, its custody event and its audit row in one
// transaction; a refusal rolls the change back and leaves only its own audit row.
#include <cstdint>
#include <string>

#include "base/clock.hpp"
#include "base/error.hpp"
#include "domain/product/din.hpp"
#include "domain/protocol.hpp"
#include "service/actor.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/product_access.hpp"
#include "service/products.hpp"
#include "store/store.hpp"

namespace rp::service {

constexpr std::int64_t kHourMs = 3600 * 1000;
// A five-minute allowance for a theatre or lab clock a little ahead of the server's.
constexpr std::int64_t kClockSkewMs = 5 * 60 * 1000;

inline std::string role_of(const Actor& a) { return std::string(to_string(a.role)); }

// The protocol's rules for its products (its `product:` section), or the settings'.
ProtocolProduct product_rules(const ProductSettings& settings, const std::string& protocol_id);
// The rules of the product's own protocol, through its episode (the settings' without one).
ProtocolProduct rules_of(store::Transaction& tx, const ProductSettings& settings, const product::Product& p);
// A reason with something in it, or InputError("reason", required).
void require_reason(const std::string& reason);

// The audit row of a refused step: action product.refused, the DIN and the reason's code.
inline store::AuditEntry refusal_entry(const Clock& clock, const Actor& actor, const std::string& step,
                                       const std::string& din_text, const InputError& e) {
  return audit_entry(clock, actor, actor.centre, "product.refused", "product", din_text.substr(0, 32),
                     step + ": " + e.code() + (e.field().empty() ? "" : " (" + e.field() + ")"));
}

// Runs a step; a refusal rolls it back and is recorded on its own, then thrown on.
template <typename Fn>
auto refusal_recorded(store::Store& store, const Clock& clock, const Actor& actor, const std::string& step,
                      const std::string& din_text, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const ForbiddenError&) {
    throw;
  } catch (const InputError& e) {
    store.write(record_scope(actor),
                [&](store::Transaction& tx) { tx.append_audit(refusal_entry(clock, actor, step, din_text, e)); });
    throw;
  }
}

// One step on a product found by its DIN: the change, its custody event and audit row.
template <typename Change>
product::Product step(store::Store& store, const Clock& clock, const Actor& actor, const std::string& din_text,
                      const std::string& kind, const std::string& location, Change&& change) {
  return refusal_recorded(store, clock, actor, kind, din_text, [&] {
    const product::Din din = product::parse_din(din_text);
    product::Product p;
    store.write(record_scope(actor), [&](store::Transaction& tx) {
      p = visible_product(tx, actor, din);
      const product::State from = p.state;
      std::string verified = change(tx, p);
      const std::string now = clock.now_iso();
      tx.update_product(p, now);
      tx.insert_product_event({0, p.id, now, actor.user, role_of(actor), location, kind,
                               verified.empty() ? "din " + din.with_check() : verified,
                               std::string(to_string(from)) + " -> " + std::string(to_string(p.state))});
      tx.append_audit(
          audit_entry(clock, actor, p.centre_id, "product." + kind, "product", std::to_string(p.id), p.din));
    });
    return p;
  });
}

inline void move_product(product::Product& p, product::State to) {
  product::check_transition(p.state, to);
  p.state = to;
}

}  // namespace rp::service
