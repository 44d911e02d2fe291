#pragma once
// The registry's columns for the outcome report are the analytics' own input type
// (domain/outcomes/columns.hpp): the store fills them (Transaction::outcome_columns) and
// hands them over unchanged. The names here are the store's for them.
#include "domain/outcomes/columns.hpp"

namespace rp::store {

using outcomes::AdverseEventColumns;
using outcomes::EpisodeColumns;
using outcomes::kNoDay;
using outcomes::kPromMeasures;
using outcomes::PromColumns;
using outcomes::PromMeasure;
using outcomes::scale_of;
using OutcomeColumns = outcomes::Columns;

}  // namespace rp::store
