#pragma once
// The query parameters of the routes that take any, each route's as one type
// (api/http/query.hpp): the type decodes them and documents them, and the server refuses
// a parameter its route's type does not list.
#include <optional>
#include <string>

#include "api/contract/enums.hpp"
#include "api/http/query.hpp"
#include "domain/worklist_rules.hpp"
#include "service/audit.hpp"

namespace rp::api::contract {

using http::ParamRule;

// The values of the worklist's kind and responsible filters, as the service checks them.
inline std::vector<std::string> worklist_kind_values() {
  std::vector<std::string> out(worklist_kinds().begin(), worklist_kinds().end());
  out.emplace_back("hold");
  return out;
}
inline std::vector<std::string> responsible_role_values() {
  return {responsible_roles().begin(), responsible_roles().end()};
}

// GET /api/v1/reports/outcomes
struct OutcomesQuery {
  std::optional<std::string> centre, protocol;
  template <class V>
  static void fields(V& v) {
    // Longer text names no centre or protocol: cut, and the service answers that it knows none such.
    v("centre", &OutcomesQuery::centre, "one centre's figures beside the overall ones",
      ParamRule{.max_bytes = 64, .cut = true, .empty_is_absent = true});
    v("protocol", &OutcomesQuery::protocol, "protocol id (default hip-msc-v1)",
      ParamRule{.max_bytes = 64, .cut = true, .empty_is_absent = true});
  }
};

// GET /api/v1/patients
struct PatientSearch {
  std::optional<std::string> q;
  std::optional<EpisodeState> state;
  std::optional<std::int64_t> limit, after;
  template <class V>
  static void fields(V& v) {
    v("q", &PatientSearch::q,
      "name, record number, national id or mobile, any digits (national id and mobile only for the roles shown them: "
      "admin, coordinator, surgeon)",
      ParamRule{.digits = true});
    v("state", &PatientSearch::state, "only patients with an episode in this state",
      ParamRule{.empty_is_absent = true});
    v("limit", &PatientSearch::limit,
      "at most this many, in id order (a whole number 1-1000, default 50; anything else is refused)",
      ParamRule{.min = 1, .max = 1000});
    v("after", &PatientSearch::after,
      "the next page: patients whose id is greater than this one (the last id of the page before)",
      ParamRule{.min = 0});
  }
};

// GET /api/v1/worklist/closed, and the worklist's own filters.
struct WorklistFilterQuery {
  std::optional<std::string> kind, responsible, patient;
  std::optional<std::int64_t> limit, offset;
  template <class V>
  static void fields(V& v) {
    using W = WorklistFilterQuery;
    // The service refuses a kind or role it does not know, naming it.
    v("kind", &W::kind, "only items of this kind: visit, imaging, questionnaire, order (work-up tests) or hold",
      ParamRule{.max_bytes = 64, .cut = true, .values = worklist_kind_values});
    v("responsible", &W::responsible, "only items this role carries out: coordinator, surgeon, physiotherapist or lab",
      ParamRule{.max_bytes = 64, .cut = true, .values = responsible_role_values});
    v("patient", &W::patient, "only patients whose name (either script) or record number contains this text",
      ParamRule{.digits = true});
    v("limit", &W::limit, "rows per section (a whole number 1-1000, default 50; anything else is refused)",
      ParamRule{.min = 1, .max = 1000});
    v("offset", &W::offset, "rows of the list to skip (a whole number 0-1000000, default 0)",
      ParamRule{.min = 0, .max = 1000000});
  }
};

// GET /api/v1/worklist: the day, the filters, and where the closed items' and the drug
// holds' lists start.
struct WorklistQuery : WorklistFilterQuery {
  std::optional<CivilDate> date;
  std::optional<std::int64_t> closed_offset, holds_offset;
  std::optional<std::string> after;
  template <class V>
  static void fields(V& v) {
    v("date", &WorklistQuery::date,
      "the day, Gregorian YYYY-MM-DD, any digits (default: the clinic's today, Asia/Tehran)",
      ParamRule{.max_bytes = 64, .cut = true});
    WorklistFilterQuery::fields(v);
    v("closed_offset", &WorklistQuery::closed_offset,
      "rows to skip of the items whose window closed (0-1000000, default 0)", ParamRule{.min = 0, .max = 1000000});
    v("holds_offset", &WorklistQuery::holds_offset, "rows to skip of the drug holds (0-1000000, default 0)",
      ParamRule{.min = 0, .max = 1000000});
    v("after", &WorklistQuery::after,
      "the previous page's next: the items that follow it (then offset more skipped); anything else is refused",
      ParamRule{.max_bytes = 512});
  }
};

// GET /api/v1/audit/rows (MaxLimit kAuditPageMax) and rows.csv (kAuditExportMax).
template <int MaxLimit>
struct AuditQuery {
  std::optional<std::int64_t> patient;
  std::optional<std::string> user;
  std::optional<CivilDate> from, to;
  std::optional<std::int64_t> before, limit;
  template <class V>
  static void fields(V& v) {
    const ParamRule given{.empty_is_absent = true};
    v("patient", &AuditQuery::patient,
      "rows naming the patient, one of their episodes or events, or a list that showed them",
      ParamRule{.empty_is_absent = true, .min = 1});
    v("user", &AuditQuery::user, "rows of this username",
      ParamRule{.max_bytes = 64, .too_long = "too_many_characters"_err, .empty_is_absent = true});
    v("from", &AuditQuery::from, "from this day (YYYY-MM-DD, Asia/Tehran), inclusive", given);
    v("to", &AuditQuery::to, "up to this day, inclusive", given);
    v("before", &AuditQuery::before, "rows older than this seq: the next page (the answer's next_before)",
      ParamRule{.empty_is_absent = true, .min = 1});
    v("limit", &AuditQuery::limit,
      MaxLimit == service::kAuditPageMax ? "rows on the page, 1-1000 (default 100)"
                                         : "rows in the file, 1-10000 (default 10000)",
      ParamRule{.empty_is_absent = true, .min = 1, .max = MaxLimit});
  }
};
using AuditPageQuery = AuditQuery<service::kAuditPageMax>;
using AuditExportQuery = AuditQuery<service::kAuditExportMax>;

// GET /api/v1/audit/who-saw
struct WhoSawQuery {
  std::int64_t patient = 0;
  template <class V>
  static void fields(V& v) {
    v("patient", &WhoSawQuery::patient, "the patient's id", ParamRule{.id = true});
  }
};

}  // namespace rp::api::contract
