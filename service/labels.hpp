#pragma once
// Printing labels (issue 17): the cell product's label and the patient's wristband. The
// service finds what the label shows as the caller may see it, has the caller's renderer
// (api/labels) draw it, and records the print: a label put on a product is a custody
// fact (event label_printed in its chain), a wristband a read of the patient's record.
// Nothing is recorded when the label cannot be drawn; nothing is handed back before the
// record of the print is durable.
#include <functional>
#include <string>

#include "base/clock.hpp"
#include "domain/patient.hpp"
#include "domain/product/product.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct LabelPrint {
  std::string format = "svg";  // svg | pdf
  std::string lang = "en";     // en | fa
  std::string location;        // where it is printed, for the custody chain
  // false for a HEAD request: the answer's headers are drawn as for the print, but no label
  // leaves the server, so nothing is recorded (no label_printed event, no audit row).
  bool record = true;
};

using ProductLabelRenderer = std::function<std::string(const product::Product&, const Patient& donor)>;
using WristbandRenderer = std::function<std::string(const Patient&)>;

class Labels {
 public:
  Labels(store::Store& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  // Whoever may read the product (episode_read). Another centre's product is not found.
  std::string product_label(const Actor& actor, const std::string& din, const LabelPrint& print,
                            const ProductLabelRenderer& render);
  // Whoever may read the patient (patient_read). Another centre's patient is not found.
  std::string wristband(const Actor& actor, std::int64_t patient_id, const LabelPrint& print,
                        const WristbandRenderer& render);
  // The same by record number; `centre` names the centre where the caller sees more than
  // one (the operator at the command line).
  std::string wristband_by_mrn(const Actor& actor, const std::string& mrn, const std::string& centre,
                               const LabelPrint& print, const WristbandRenderer& render);

 private:
  store::Store& store_;
  Clock clock_;
};

}  // namespace rp::service
