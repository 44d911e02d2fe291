// The protocol's `product:` section: the release criteria of its cell products and their
// shelf life, so that a centre's lab applies its protocol's limits, not the code's.
#include "domain/protocol_yaml.hpp"

namespace rp::protocol_yaml {
namespace {

double percentage(const Ctx& ctx, const YAML::Node& v, const std::string& key) {
  const double percent = number(ctx, v, key);
  if (!(percent >= 0 && percent <= 100))
    ctx.fail(v, key, {"must be a percentage, 0 to 100", "باید درصدی از ۰ تا ۱۰۰ باشد"});
  return percent;
}

double celsius(const Ctx& ctx, const YAML::Node& v, const std::string& key) {
  const double c = number(ctx, v, key);
  if (!(c >= -200 && c <= 45))
    ctx.fail(v, key, {"must be degrees Celsius, -200 to 45", "باید دمایی از ۲۰۰- تا ۴۵ درجهٔ سلسیوس باشد"});
  return c;
}

int whole(const Ctx& ctx, const YAML::Node& v, const std::string& key, int max) {
  const double n = number(ctx, v, key);
  if (!(n >= 1 && n <= max) || n != static_cast<int>(n))
    ctx.fail(v, key,
             {"must be a whole number, 1 to " + std::to_string(max),
              "باید عدد صحیحی از ۱ تا " + std::to_string(max) + " باشد"});
  return static_cast<int>(n);
}

// The storage limits: where a reading is an excursion, and how long a frozen or thawed
// product keeps.
void parse_storage(const Ctx& ctx, const YAML::Node& n, product::StorageLimits& s) {
  if (const YAML::Node v = n["storage_fresh_min_c"]) s.fresh_min_c = celsius(ctx, v, "product.storage_fresh_min_c");
  if (const YAML::Node v = n["storage_fresh_max_c"]) s.fresh_max_c = celsius(ctx, v, "product.storage_fresh_max_c");
  if (s.fresh_max_c < s.fresh_min_c)
    ctx.fail(n, "product.storage_fresh_max_c",
             {"must not be below storage_fresh_min_c", "نباید کمتر از storage_fresh_min_c باشد"});
  if (const YAML::Node v = n["storage_frozen_max_c"]) s.frozen_max_c = celsius(ctx, v, "product.storage_frozen_max_c");
  if (const YAML::Node v = n["frozen_shelf_life_days"])
    s.frozen_shelf_life_days = whole(ctx, v, "product.frozen_shelf_life_days", 3650);
  if (const YAML::Node v = n["thawed_shelf_life_hours"])
    s.thawed_shelf_life_hours = whole(ctx, v, "product.thawed_shelf_life_hours", 72);
}

}  // namespace

std::optional<ProtocolProduct> parse_protocol_product(const Ctx& ctx, const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  allow_keys(ctx, n, "product",
             {"min_viability_percent", "sterility_pending_allowed", "isct_markers_for_expanded", "shelf_life_hours",
              "isct_positive_min_percent", "isct_negative_max_percent", "storage_fresh_min_c", "storage_fresh_max_c",
              "storage_frozen_max_c", "frozen_shelf_life_days", "thawed_shelf_life_hours"});
  ProtocolProduct out;
  if (const YAML::Node v = n["min_viability_percent"])
    out.release.min_viability_percent = percentage(ctx, v, "product.min_viability_percent");
  if (const YAML::Node v = n["isct_positive_min_percent"])
    out.release.isct_positive_min_percent = percentage(ctx, v, "product.isct_positive_min_percent");
  if (const YAML::Node v = n["isct_negative_max_percent"])
    out.release.isct_negative_max_percent = percentage(ctx, v, "product.isct_negative_max_percent");
  if (const YAML::Node v = n["sterility_pending_allowed"])
    out.release.sterility_pending_allowed = boolean(ctx, v, "product.sterility_pending_allowed");
  if (const YAML::Node v = n["isct_markers_for_expanded"])
    out.release.isct_markers_for_expanded = boolean(ctx, v, "product.isct_markers_for_expanded");
  // Up to a year for a fresh product: a cryopreserved one counts from its freeze and thaw.
  if (const YAML::Node v = n["shelf_life_hours"])
    out.shelf_life_hours = whole(ctx, v, "product.shelf_life_hours", 8760);
  parse_storage(ctx, n, out.storage);
  return out;
}

}  // namespace rp::protocol_yaml
