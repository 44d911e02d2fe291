// The protocol's `product:` section: the release criteria of its cell products and their
// shelf life, so that a centre's lab applies its protocol's limits, not the code's.
#include "domain/protocol_yaml.hpp"

namespace rp::protocol_yaml {

std::optional<ProtocolProduct> parse_protocol_product(const Ctx& ctx, const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  allow_keys(ctx, n, "product",
             {"min_viability_percent", "sterility_pending_allowed", "isct_markers_for_expanded", "shelf_life_hours"});
  ProtocolProduct out;
  if (const YAML::Node v = n["min_viability_percent"]) {
    const double percent = number(ctx, v, "product.min_viability_percent");
    if (!(percent >= 0 && percent <= 100))
      ctx.fail(v, "product.min_viability_percent", {"must be a percentage, 0 to 100", "باید درصدی از ۰ تا ۱۰۰ باشد"});
    out.release.min_viability_percent = percent;
  }
  if (const YAML::Node v = n["sterility_pending_allowed"])
    out.release.sterility_pending_allowed = boolean(ctx, v, "product.sterility_pending_allowed");
  if (const YAML::Node v = n["isct_markers_for_expanded"])
    out.release.isct_markers_for_expanded = boolean(ctx, v, "product.isct_markers_for_expanded");
  if (const YAML::Node v = n["shelf_life_hours"]) {
    const double hours = number(ctx, v, "product.shelf_life_hours");
    // Up to a year: a cryopreserved product's storage is counted from its thaw, not here.
    if (!(hours >= 1 && hours <= 8760) || hours != static_cast<int>(hours))
      ctx.fail(v, "product.shelf_life_hours",
               {"must be a whole number of hours, 1 to 8760", "باید عدد صحیحی از ۱ تا ۸۷۶۰ ساعت باشد"});
    out.shelf_life_hours = static_cast<int>(hours);
  }
  return out;
}

}  // namespace rp::protocol_yaml
