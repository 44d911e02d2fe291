#pragma once
// A deterministic demo database: three centres and about sixty patients spread over
// every state of the pathway, with schedules, as a clinic would have them on `today`.
// Not a use case: its own library between service/ and app/, made through the use cases
// and the store like any clinic's data.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/pathway.hpp"

namespace rp::demo {

struct DemoSummary {
  int centres = 0;
  int patients = 0;
  std::map<std::string, int> episodes_by_state;
};

// Fills an empty store. The same `today` and `patients` give the same data.
// portal_link: the demo server's portal, the questionnaire messages' link.
DemoSummary build_demo(store::Store& store, const CivilDate& today, int patients = 60,
                       const std::string& portal_link = "");

// The username of the centre's demo surgeon: the account `serve` signs in as
// surgeon.<centre>, recorded as having injected the centre's demo patients.
std::string demo_surgeon(const std::string& centre_id);

// A hip patient's eligibility findings without any contraindication.
RecordedFindings demo_hip_findings(int kl_grade, int bmi);

// Added by build_demo after the hip patients (demo/demo_extras.cpp): knee test
// protocol patients, red flags waiting and triaged, a hip treated a second time.
void add_demo_extras(store::Store& store, const CivilDate& today, DemoSummary& summary);

// The patient's rating of an injected episode whose 12-week visit is done, for most
// (demo/demo_ratings.cpp); `index` varies the stars, the comment and its moderation.
void add_demo_rating(store::Store& store, const Clock& clock, const service::EpisodeRecord& record, int index);

// A payment plan agreed at the harvest for the patients harvested within the last year, paid on time but
// for a third, who missed the latest instalment (demo/demo_payments.cpp).
void add_demo_payments(store::Store& store, const CivilDate& today, const service::EpisodeRecord& record, int index);

// Every centre's education pages and FAQ, published (demo/demo_pages.cpp).
void add_demo_pages(store::Store& store, const Clock& clock, const std::vector<std::string>& centres);
// demo_consents.cpp: the consent documents, published at every centre but the first (on paper).
void add_demo_consents(store::Store& store, const Clock& clock, const std::vector<std::string>& centres);

// Added last (demo/demo_products.cpp): a cell product for each episode past its harvest, in
// its episode's state, and lab products in every state of the lab.
void add_demo_products(store::Store& store, const CivilDate& today);

}  // namespace rp::demo
