#pragma once
// The column patients are found by name through (migration 0018): both names folded for
// search, as every adapter writes them and as a query is folded before it is compared.
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "base/search_fold.hpp"
#include "domain/patient.hpp"

namespace rp::store {

// The migration that adds patients.search_names; each adapter fills the column for the
// patients already registered in the same transaction as the migration's SQL.
inline constexpr int kSearchNamesMigration = 18;

// Persian, a newline, Latin. Folded text holds no newline, so a folded query (a fragment
// of one name) never matches across the two.
inline std::string patient_search_names(std::string_view name_fa, std::string_view name_latin) {
  return search_folded(name_fa) + '\n' + search_folded(name_latin);
}

// A query shorter than this (in folded characters) holds no trigram: names are then
// matched by a scan in id order that stops at the query's limit (README, "Search").
inline constexpr std::size_t kTrigram = 3;

// The mobile a search text names: mobiles are stored normalised (+989...), a clerk types
// them as they are said (0912 ...); a text that is no Iranian mobile is compared as it is.
inline std::string searched_mobile(std::string_view text) {
  try {
    return normalise_mobile(text);
  } catch (const InputError&) {
    return std::string(text);
  }
}

}  // namespace rp::store
