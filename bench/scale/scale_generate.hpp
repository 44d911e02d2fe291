#pragma once
// The scale bench's database (bench/scale/run.sh): centres, a few staff accounts per
// centre, and N patients with their histories (scale_history.hpp), written through the
// store's own operations, a transaction per 10,000 patients, each patient's records vouched for by one
// audit row, so that `regenpath db check` and `audit verify` hold for them.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/civil_date.hpp"
#include "store/store.hpp"

namespace rp::bench::scale {

struct GenerateOptions {
  std::int64_t patients = 1'000'000;
  int centres = 20;
  std::uint64_t seed = 1;
  CivilDate today;
  std::string protocol = "hip-msc-v1";
  std::string password;  // every staff account's, so the load can sign in
};

struct StaffAccount {
  std::string username, role, centre_id;
};

struct GenerateCounts {
  std::int64_t patients = 0, transitions = 0, schedule_items = 0, eligibility = 0, responses = 0, scores = 0,
               events = 0, audit_rows = 0;
  GenerateCounts& operator+=(const GenerateCounts& o);
  // Rows written: each patient's patients and episodes rows beside the counts.
  std::int64_t rows() const {
    return 2 * patients + transitions + schedule_items + eligibility + responses + scores + events + audit_rows;
  }
};

// The centres' ids, in order: tehran-1, mashhad-1, ... then a second round of cities.
std::vector<std::string> centre_ids(int centres);

// Writes the centres and, per centre, a surgeon and a coordinator (username
// role.centre), and one analyst, through the use cases, each with `password`.
std::vector<StaffAccount> add_centres_and_staff(store::Store& store, const GenerateOptions& o);

// Writes the patients, a write transaction per 10,000 with the outcome report's derived
// rows of its joints, each batch's histories made on a second thread while the one before
// is written; `progress` is told the patients done after each batch.
GenerateCounts add_patients(store::Store& store, const GenerateOptions& o,
                            const std::function<void(std::int64_t)>& progress = {});

}  // namespace rp::bench::scale
