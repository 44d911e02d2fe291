#pragma once
// What `cost estimate` and `payment plan` both take to price a treatment: its Jalali year,
// cell source, expansion, guidance and the patient's insurers (cli_prices.cpp).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "service/price_lists.hpp"

namespace rp::app {

// A whole number typed in any digits, min..max; InputError(field, integer_range) otherwise.
int whole_number(const std::string& text, const std::string& field, int min, int max);

struct TreatmentArgs {
  std::string year, cell_source = "bone_marrow", guidance = "ultrasound";
  bool expansion = false;
  std::vector<std::string> insurers;  // id:months
};
// --year (required), --cell-source, --expansion, --guidance, --insurer.
void add_treatment_options(CLI::App* cmd, TreatmentArgs& a);
// The estimate asked for at `centre`, each option read and refused naming it.
service::EstimateRequest estimate_request(const TreatmentArgs& a, const std::string& centre);

}  // namespace rp::app
