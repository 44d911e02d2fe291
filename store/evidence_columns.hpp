#pragma once
// How both stores keep an evidence entry's claim ids (0041_evidence.sql): one text
// column, the ids separated by spaces (an id is letters, digits and hyphens).
#include <sstream>
#include <string>
#include <vector>

namespace rp::store {

inline std::string claims_column(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

inline std::vector<std::string> claims_of_column(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string id; in >> id;) out.push_back(id);
  return out;
}

}  // namespace rp::store
