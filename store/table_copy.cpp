// The tables a copy moves (store/table_copy.hpp) and the Store defaults for engines
// without a bulk copy.
#include "store/table_copy.hpp"

#include <stdexcept>

#include "store/store.hpp"

namespace rp::store {

const std::vector<CopiedTable>& copied_tables() {
  // Referenced tables first: foreign keys are checked as each row goes in.
  static const std::vector<CopiedTable> tables = {
      {"centres", "id", {}},
      {"patients", "id", {}},
      {"episodes", "id", {"bilateral_with", "repeat_of"}},
      {"episode_transitions", "id", {}},
      {"schedule_items", "", {}},  // in the order written: schedule_of lists it so
      {"eligibility_assessments", "id", {}},
      {"audit_log", "seq", {}},
      {"audit_content_start", "kind", {}, true},
      {"accounts", "id", {}},
      {"sessions", "token_hash", {}},
      {"access_tokens", "token_hash", {}},
      {"idempotency_keys", "actor, key", {}},
      {"questionnaire_responses", "id", {}},
      {"response_scores", "response_id, name", {}},
      {"adverse_events", "id", {}},
      {"sign_in_delays", "key", {}},
      {"login_codes", "mobile", {}},
      {"code_events", "id", {}},
      {"schedule_closures", "id", {}},
      {"instrument_wordings", "id", {}},
      {"pseudonyms", "kind, record_id", {}},  // the export's, so a moved clinic exports alike
      {"products", "id", {}},
      {"product_events", "id", {}},
      {"product_readings", "id", {}},
      {"product_passages", "product_id, n", {}},
      {"calendar_feeds", "id", {}},
      {"messages", "id", {}},
      {"message_attempts", "id", {}},
      {"price_lists", "id", {}},
      {"price_list_lines", "price_list_id, item", {}},
      {"ratings", "id", {}},
      {"education_pages", "id", {}},
      {"payment_plans", "id", {}},
      {"plan_instalments", "plan_id, n", {}},
      {"plan_lines", "plan_id, item", {}},
      {"plan_payers", "plan_id, n", {}},
      {"evidence_entries", "id", {}},
      {"consent_documents", "id", {}},
      {"consent_signatures", "id", {}},
      {"fhir_links", "source, resource", {}},
      {"imaging_links", "patient_id", {}},
      {"radiographic_grades", "id", {}},
      {"bulk_exports", "id", {}},
      {"bulk_export_files", "export_id, n", {}},
      // Not the spreadsheet exports (0049): their files are a day's downloads of the asker's,
      // binary parts kept for them alone, not the clinic's records.
      {"payments", "id", {}},
  };
  return tables;
}

const CopiedTable& copied_table(const std::string& name) {
  for (const auto& t : copied_tables())
    if (name == t.name) return t;
  throw std::invalid_argument("not a copied table: " + name);
}

TableRows Store::dump_table(const std::string&) {
  throw std::logic_error("this store cannot be copied table by table");
}

void Store::load_tables(const std::vector<TableRows>&) {
  throw std::logic_error("this store cannot be loaded table by table");
}

}  // namespace rp::store
