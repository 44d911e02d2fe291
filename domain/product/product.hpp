#pragma once
// The cell product: what one harvest gives, from the lab's receipt to the injection, and
// the rules that keep the wrong product out of a patient. Pure types and rules; the store
// keeps products and their custody events, service/ applies the rules in its use cases.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/episode.hpp"
#include "domain/product/din.hpp"

namespace rp::product {

enum class State {
  received,  // registered at harvest; in the lab once its receipt is recorded
  processing,
  qc_pending,
  awaiting_release,
  released,
  quarantined,
  used,  // injected
  discarded,
  expired,
};
std::string_view to_string(State s);
State parse_state(std::string_view text, std::string_view field = "state");
const std::vector<State>& all_states();
// The states reachable from `from` in one step; used, discarded and expired are final.
std::vector<State> allowed_transitions(State from);
// Throws ConflictError("state", product_transition_not_allowed) naming both states.
void check_transition(State from, State to);

enum class Method { density_gradient, centrifugation, enzymatic_svf, culture_expansion };
std::string_view to_string(Method m);
Method parse_method(std::string_view text, std::string_view field = "method");

// One quality-control test's result: pending (with the date it is due), passed or failed.
enum class QcResult { not_done, pending, passed, failed };
std::string_view to_string(QcResult r);
QcResult parse_qc_result(std::string_view text, std::string_view field);

struct QcTest {
  QcResult result = QcResult::not_done;
  std::optional<CivilDate> due;  // when a pending result is expected
};

// The ISCT minimal criteria's flow-cytometry panel (Dominici 2006): the percentage of
// cells positive for each marker. The first three must be present on nearly every cell,
// the other five on almost none; "or" markers are alternatives a lab chooses between.
struct IsctPanel {
  std::optional<double> cd105, cd73, cd90;
  std::optional<double> cd45, cd34, cd14_or_cd11b, cd79a_or_cd19, hla_dr;
  bool empty() const;
  bool complete() const;
};

struct Product {
  std::int64_t id = 0;
  std::string din;           // the 13 characters (product::Din's text)
  std::string product_code;  // ISBT 128 product description code, e.g. S1234 + type + division
  std::int64_t episode_id = 0;
  std::int64_t patient_id = 0;  // the donor: autologous, so the only patient it may enter
  std::string centre_id;
  std::optional<CellSource> source;  // unset only on products migrated from episodes without one
  State state = State::received;
  bool migrated = false;  // built by migration 0021 from an episode already past harvest

  // Harvest
  std::optional<Side> harvest_side;
  std::optional<double> harvest_volume_ml;
  std::string anaesthesia;
  std::string harvest_started_at, harvest_ended_at;  // ISO 8601 instants, UTC
  std::string harvested_by;
  // Lab receipt
  std::string received_at, received_by;
  std::optional<double> receipt_temperature_c;
  // Processing and counts
  std::optional<Method> method;
  std::optional<int> passages;  // culture expansion only
  std::string processed_at, processed_by;
  std::optional<double> total_nucleated_cells;
  std::optional<double> viability_percent;
  std::optional<double> cfu_f;
  std::optional<bool> isct_markers_met;  // the ISCT panel's verdict, for expanded cells
  IsctPanel isct;                        // the panel itself, marker by marker, where measured
  // Quality control
  QcTest sterility, endotoxin, mycoplasma;
  // Storage: a cryopreserved product's freeze and thaw (ISO 8601 instants, UTC)
  std::string frozen_at, thawed_at;
  bool frozen() const { return !frozen_at.empty() && thawed_at.empty(); }
  // Release and expiry
  std::string expires_at;  // ISO 8601 instant, UTC ("" = not yet set)
  std::string released_at, released_by;
  std::string exception_by, exception_reason;   // a surgeon's release despite failed criteria
  std::vector<std::string> exception_criteria;  // the criteria the exception covered
  // Injection
  std::string used_at, used_by;
};

// Release criteria, from the protocol: the limits a product must meet before release.
struct ReleaseCriteria {
  double min_viability_percent = 70.0;
  bool sterility_pending_allowed = false;  // release on a pending culture, followed up later
  bool isct_markers_for_expanded = true;
  double isct_positive_min_percent = 95.0;  // CD105, CD73, CD90 (ISCT 2006)
  double isct_negative_max_percent = 2.0;   // CD45, CD34, CD14/CD11b, CD79a/CD19, HLA-DR
};

// The panel's verdict against the criteria: unset until every marker is measured.
std::optional<bool> isct_panel_met(const IsctPanel& panel, const ReleaseCriteria& c);
// The panel's markers that miss their limit, by name (cd105, ..., hla_dr).
std::vector<std::string> isct_markers_missed(const IsctPanel& panel, const ReleaseCriteria& c);

// The criteria the product fails, by name (viability, sterility, endotoxin, mycoplasma,
// isct_markers, counts); empty when it may be released.
std::vector<std::string> failed_criteria(const Product& p, const ReleaseCriteria& c);

// A surgeon's exception that lets a product with failed criteria be released.
struct ReleaseException {
  std::string surgeon;
  std::string reason;
};

// Throws when `releaser` may not release the product now: ConflictError for a product not
// awaiting release, the releaser who processed it, a failed criterion without an exception;
// InputError for an exception without a reason. Returns the criteria the exception covers.
std::vector<std::string> check_release(const Product& p, const std::string& releaser, const ReleaseCriteria& c,
                                       const std::optional<ReleaseException>& exception);

// The bedside check before injection: the product's DIN and the patient's wristband.
enum class Verdict { ok, wrong_patient, not_released, expired, used, failed_qc, quarantined };
std::string_view to_string(Verdict v);

// The verdict for `p` scanned beside `patient_id` at `now` (ISO 8601 UTC, the format of
// Clock::now_iso, which orders as text). The other patient comes first: it is the error
// that must never pass, whatever else is wrong with the product.
Verdict bedside_verdict(const Product& p, std::int64_t patient_id, std::string_view now);

}  // namespace rp::product
