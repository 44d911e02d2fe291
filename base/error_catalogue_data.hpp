#pragma once
// The error catalogue (messages/errors.json) as the build turns it into C++ data
// (base/error_catalogue_data.cpp.in); base/error_catalogue.cpp reads it.
#include <string_view>
#include <utility>
#include <vector>

namespace rp::errors::data {

struct StateName {
  std::string_view state;
  std::string_view fa;
};

struct CatalogueEntry {
  std::string_view code;
  std::string_view en;
  std::string_view fa;
  std::vector<std::pair<std::string_view, std::string_view>> params;  // name, type, in the file's order
};

extern const std::vector<StateName> kStates;
extern const std::vector<CatalogueEntry> kErrors;

}  // namespace rp::errors::data
