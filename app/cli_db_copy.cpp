// `db copy`: moves a clinic between stores of either engine (store/copy.hpp), then checks
// every table and the audit chain on the target, and prints what it found as JSON.
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "service/audit.hpp"
#include "store/copy.hpp"

namespace rp::app {

namespace {

nlohmann::json audit_json(const service::AuditVerification& a) {
  return {{"rows", a.rows},
          {"verdict", a.verdict()},
          {"tampered", a.tampered()},
          {"records_checked", a.records_checked},
          {"first_broken_seq", a.first_broken_seq ? nlohmann::json(*a.first_broken_seq) : nullptr}};
}

}  // namespace

void add_db_copy_command(CLI::App* db) {
  struct Stores {
    std::string from, to;
  };
  auto s = std::make_shared<Stores>();
  auto* copy = db->add_subcommand(
      "copy",
      "Copy every record and the audit log into an empty database (SQLite or PostgreSQL), ids kept, and "
      "check the copy table by table");
  copy->add_option("--from", s->from, "the database copied: FILE, sqlite:FILE or postgresql://...")->required();
  copy->add_option("--to", s->to, "the empty database it goes into, created at the latest schema if need be")
      ->required();
  copy->callback([s] {
    if (names_missing_file(s->from)) throw std::runtime_error("no database at " + s->from);
    auto from = open_store(s->from);
    auto to = open_store(s->to);
    const store::CopyOutcome outcome = store::copy_store(*from, *to);
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : outcome.tables)
      tables.push_back({{"table", t.table},
                        {"rows", t.source_rows},
                        {"target_rows", t.target_rows},
                        {"checksum", t.source_checksum},
                        {"target_checksum", t.target_checksum},
                        {"matches", t.matches()}});
    const auto source_audit = service::verify_audit_chain(*from, service::Actor::cli_operator());
    const auto target_audit = service::verify_audit_chain(*to, service::Actor::cli_operator());
    const std::string mismatch = outcome.first_mismatch();
    // The target's chain must hold as well as the source's did (a source already broken
    // stays so on the target, and the copy says so rather than hiding it).
    const bool audit_kept = target_audit.verdict() == source_audit.verdict() &&
                            target_audit.first_broken_seq == source_audit.first_broken_seq &&
                            target_audit.rows == source_audit.rows;
    print_json({{"from", s->from.rfind("postgres", 0) == 0 ? "postgresql" : s->from},
                {"to", s->to.rfind("postgres", 0) == 0 ? "postgresql" : s->to},
                {"tables", tables},
                {"audit", {{"source", audit_json(source_audit)}, {"target", audit_json(target_audit)}}},
                {"verified", mismatch.empty() && audit_kept}});
    if (!mismatch.empty()) throw std::runtime_error("the copy differs from its source in table " + mismatch);
    if (!audit_kept) throw std::runtime_error("the copy's audit chain does not verify as its source's does");
  });
}

}  // namespace rp::app
