#pragma once
// The cell product's use cases (issue 17): harvest, lab receipt, processing, QC, release,
// the bedside check and the injection through it, discard; each writes its product, a
// custody event and an audit row in one transaction. A refusal changes nothing and
// leaves only its own audit row (action product.refused, the reason in its detail).
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/product/product.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

// The clinic's settings for its products. A centre's facility code (Centre::facility_code)
// comes before `facility`, and a protocol's `product:` section before `criteria` and
// `shelf_life_hours`: these are what applies when neither says.
struct ProductSettings {
  // The ISBT 128 facility identification number ICCBBA assigned the clinic. Unset, new
  // DINs take kUnconfiguredFacility: lettered, so it can never be a real facility's.
  std::string facility = "RPLAB";
  std::string product_code = "S0000";  // the product description code (ICCBBA's table is licensed)
  product::ReleaseCriteria criteria;
  int shelf_life_hours = 48;  // from the end of the harvest, for a fresh product
};
inline constexpr const char* kUnconfiguredFacility = "RPLAB";

struct HarvestRecord {
  std::int64_t episode_id = 0;
  std::string wristband_mrn;  // the patient's wristband, scanned in theatre
  CellSource source = CellSource::bone_marrow;
  std::optional<Side> side;  // the side harvested; the episode's when unset
  std::optional<double> volume_ml;
  std::string anaesthesia = "local";  // local, sedation or general
  // ISO 8601 in UTC as sent (base/utc_instant.hpp), stored as Clock::now_iso writes them;
  // ended_at defaults to now. Neither in the future, the end not before the start.
  std::string started_at, ended_at;
  int products = 1;  // a split for a later repeat gives more than one
  std::string location;
};

struct QcRecord {
  std::optional<double> total_nucleated_cells, viability_percent, cfu_f;
  std::optional<bool> isct_markers_met;  // the verdict alone, where the lab has no panel
  product::IsctPanel isct;               // the markers measured; the verdict follows from them
  std::optional<product::QcTest> sterility, endotoxin, mycoplasma;
  bool complete = false;  // every result the release needs is in: awaiting release
};

struct BedsideCheck {
  product::Verdict verdict = product::Verdict::ok;
  product::Product product;
  Patient patient;
};

struct InjectionRecord {
  std::string din, mrn;
  Guidance guidance = Guidance::ultrasound;
  std::optional<double> dose_cells, volume_ml;
  std::string location;
};

// The donor as the lab's screens name it: record number and names.
struct Donor {
  std::int64_t id = 0;
  std::string mrn, name_fa, name_latin;
};

struct ListedProduct {
  product::Product product;
  Donor donor;
};

struct ProductTrace {
  product::Product product;
  std::vector<store::ProductEventRow> events;
  Donor donor;
  std::vector<product::StorageReading> readings;
  std::vector<product::Passage> passages;
};

// A storage temperature reading as the lab records it; `at` (ISO 8601 UTC) defaults to now.
struct ReadingRecord {
  double temperature_c = 0;
  std::string location = "lab";
  std::string at;
};

class Products {
 public:
  Products(store::Store& store, Clock clock, ProductSettings settings = {})
      : store_(store), clock_(std::move(clock)), settings_(std::move(settings)) {}

  std::vector<product::Product> register_harvest(const Actor& actor, const HarvestRecord& h);
  product::Product receive(const Actor& actor, const std::string& din, std::optional<double> temperature_c,
                           const std::string& location);
  product::Product process(const Actor& actor, const std::string& din, product::Method method,
                           std::optional<int> passages);
  product::Product record_qc(const Actor& actor, const std::string& din, const QcRecord& qc);
  // A lab release; with an exception, the release is the signed-in surgeon's and the
  // exception is theirs (`exception->surgeon` is ignored: it is the actor). A caller who is
  // not a surgeon sending an exception is refused (ForbiddenError naming `exception`).
  product::Product release(const Actor& actor, const std::string& din,
                           const std::optional<product::ReleaseException>& exception);
  // Quarantine, discard or expire, with why.
  product::Product set_aside(const Actor& actor, const std::string& din, product::State to, const std::string& reason,
                             const std::string& location = "lab");
  // Storage (service/product_storage.cpp). A reading outside the protocol's limits for the
  // product's storage is an excursion: a product not yet used is quarantined until the lab
  // has looked at it. Freezing counts the expiry from the freeze; thawing from the thaw.
  product::Product record_reading(const Actor& actor, const std::string& din, const ReadingRecord& r);
  product::Product freeze(const Actor& actor, const std::string& din, const std::string& location,
                          std::optional<double> temperature_c);
  product::Product thaw(const Actor& actor, const std::string& din, const std::string& location);
  // A released product back from theatre unused: quarantined until the lab clears it.
  product::Product return_product(const Actor& actor, const std::string& din, const std::string& reason,
                                  const std::string& location, std::optional<double> temperature_c);
  // The lab clears a quarantined product, which then awaits a release again.
  product::Product clear_quarantine(const Actor& actor, const std::string& din, const std::string& reason);
  // The culture expansion's passages, the whole list at once.
  product::Product set_passages(const Actor& actor, const std::string& din, std::vector<product::Passage> passages);

  // The bedside check: the product's DIN and the patient's wristband. Records the check
  // (audit row and custody event) whatever the verdict, and returns it.
  BedsideCheck verify(const Actor& actor, const std::string& din, const std::string& mrn, const std::string& location);
  // Injects through the bedside check: refused (ConflictError with the verdict's code)
  // unless it is ok; the product is used and the episode injected, in one transaction.
  product::Product inject(const Actor& actor, const InjectionRecord& r);

  std::vector<ListedProduct> list(const Actor& actor, std::optional<product::State> state, int limit = 500);
  ProductTrace trace(const Actor& actor, const std::string& din);

 private:
  store::Store& store_;
  Clock clock_;
  ProductSettings settings_;
};

}  // namespace rp::service
