// Copying a clinic between stores (store/copy.hpp).
#include "store/copy.hpp"

#include <sodium.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

namespace rp::store {

std::string CopyOutcome::first_mismatch() const {
  for (const auto& t : tables)
    if (!t.matches()) return t.table;
  return {};
}

std::string table_checksum(const TableRows& t) {
  // Columns by name: the engines may list a table's columns in different orders (a
  // table rebuilt by a migration on one and altered on the other).
  std::vector<std::size_t> order(t.columns.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return t.columns[a] < t.columns[b]; });
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  for (const auto& row : t.rows) {
    nlohmann::json canonical = nlohmann::json::array();
    for (std::size_t i : order)
      canonical.push_back({t.columns[i], row[i] ? nlohmann::json(*row[i]) : nlohmann::json(nullptr)});
    const std::string line = canonical.dump() + "\n";
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(line.data()), line.size());
  }
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash_final(&state, digest, sizeof digest);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

CopyOutcome copy_store(Store& from, Store& to) {
  std::vector<TableRows> tables;
  for (const auto& spec : copied_tables()) tables.push_back(from.dump_table(spec.name));
  to.load_tables(tables);
  CopyOutcome outcome;
  for (const auto& source : tables) {
    const TableRows target = to.dump_table(source.table);
    outcome.tables.push_back({source.table, static_cast<std::int64_t>(source.rows.size()),
                              static_cast<std::int64_t>(target.rows.size()), table_checksum(source),
                              table_checksum(target)});
  }
  return outcome;
}

std::vector<TableCheck> store_checksums(Store& s) {
  std::vector<TableCheck> out;
  for (const auto& spec : copied_tables()) {
    const TableRows t = s.dump_table(spec.name);
    const auto rows = static_cast<std::int64_t>(t.rows.size());
    const std::string sum = table_checksum(t);
    out.push_back({spec.name, rows, rows, sum, sum});
  }
  return out;
}

}  // namespace rp::store
