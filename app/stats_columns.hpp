#pragma once
// The columns of a CSV file that `regenpath stats ...` reads, checked here so that an error
// names the CSV column and data row; stats/ only ever sees plain arrays.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "base/csv.hpp"

namespace rp::app {

// R's NA becomes JSON null.
nlohmann::json num(double v);

CsvTable load(const std::string& path);
std::vector<double> numeric_column(const CsvTable& t, const std::string& name);
// Follow-up times: >= 0.
std::vector<double> time_column(const CsvTable& t, const std::string& name);
// 0/1 (an event, a failure, a responder).
std::vector<int> event_column(const CsvTable& t, const std::string& name);

// Group labels as indices. Labels sort numerically when all are numbers (as R's factor
// of a numeric column), otherwise as byte strings.
struct Groups {
  std::vector<std::string> labels;
  std::vector<int> index;
};
Groups group_column(const CsvTable& t, const std::string& name);

std::vector<std::string> split_names(const std::string& text);
double parse_number(const std::string& text, const std::string& field);
std::int64_t parse_count(const std::string& text, const std::string& field);
// A confidence (or funnel) level strictly between 0 and 1.
double conf_level(const std::string& text);

}  // namespace rp::app
