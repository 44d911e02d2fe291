#include "app/stats_columns.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

#include "app/cli.hpp"
#include "base/error.hpp"

namespace rp::app {

nlohmann::json num(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

std::vector<double> numeric_column(const CsvTable& t, const std::string& name) {
  const auto& cells = t.column(name);
  std::vector<double> out(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) out[i] = parse_csv_number(cells[i], name, i + 1);
  return out;
}

std::vector<double> time_column(const CsvTable& t, const std::string& name) {
  std::vector<double> out = numeric_column(t, name);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] < 0) {
      throw InputError(name, "data_row_time_negative"_err,
                       {{"row", std::to_string(i + 1)}, {"value", t.column(name)[i]}});
    }
  }
  return out;
}

std::vector<int> event_column(const CsvTable& t, const std::string& name) {
  const std::vector<double> raw = numeric_column(t, name);
  std::vector<int> out(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != 0 && raw[i] != 1) {
      throw InputError(name, "data_row_event_invalid"_err,
                       {{"row", std::to_string(i + 1)}, {"value", t.column(name)[i]}});
    }
    out[i] = static_cast<int>(raw[i]);
  }
  return out;
}

Groups group_column(const CsvTable& t, const std::string& name) {
  const auto& cells = t.column(name);
  std::vector<std::string> labels(cells.begin(), cells.end());
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  std::vector<std::optional<double>> value(labels.size());
  bool all_numeric = true;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double v = 0;
    const auto [end, ec] = std::from_chars(labels[i].data(), labels[i].data() + labels[i].size(), v);
    if (labels[i].empty() || ec != std::errc() || end != labels[i].data() + labels[i].size()) all_numeric = false;
    value[i] = v;
  }
  if (all_numeric) {
    std::vector<std::size_t> order(labels.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return *value[a] < *value[b]; });
    std::vector<std::string> sorted;
    for (const auto i : order) sorted.push_back(labels[i]);
    labels = std::move(sorted);
  }
  std::map<std::string, int, std::less<>> index_of;
  for (std::size_t i = 0; i < labels.size(); ++i) index_of[labels[i]] = static_cast<int>(i);
  Groups g{labels, std::vector<int>(cells.size())};
  for (std::size_t i = 0; i < cells.size(); ++i) g.index[i] = index_of.find(cells[i])->second;
  return g;
}

CsvTable load(const std::string& path) { return parse_csv(read_text(path, "csv"), "csv"); }

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

double parse_number(const std::string& text, const std::string& field) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    throw InputError(field, "not_a_finite_number"_err, {{"value", text}});
  }
  return v;
}

std::int64_t parse_count(const std::string& text, const std::string& field) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 0) {
    throw InputError(field, "not_a_whole_number"_err, {{"value", text}});
  }
  return v;
}

double conf_level(const std::string& text) {
  const double level = parse_number(text, "conf-level");
  if (!(level > 0 && level < 1)) throw InputError("conf-level", "conf_level_between"_err);
  return level;
}

}  // namespace rp::app
