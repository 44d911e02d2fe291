// Products as text cells (store/product_columns.hpp).
#include "store/product_columns.hpp"

#include <array>
#include <charconv>
#include <stdexcept>

#include "base/civil_date.hpp"

namespace rp::store {
namespace {

using product::Product;
using product::QcTest;

std::optional<std::string> text(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }
std::optional<std::string> word(std::string_view s) { return std::string(s); }

// Doubles in their shortest form that reads back to the same value.
std::optional<std::string> real(const std::optional<double>& v) {
  if (!v) return std::nullopt;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, r.ptr);
}

std::optional<double> read_real(const std::optional<std::string>& c) {
  if (!c) return std::nullopt;
  double v = 0;
  const auto r = std::from_chars(c->data(), c->data() + c->size(), v);
  if (r.ec != std::errc()) throw std::runtime_error("products: not a number: " + *c);
  return v;
}

std::optional<long long> read_integer(const std::optional<std::string>& c) {
  if (!c) return std::nullopt;
  long long v = 0;
  const auto r = std::from_chars(c->data(), c->data() + c->size(), v);
  if (r.ec != std::errc()) throw std::runtime_error("products: not an integer: " + *c);
  return v;
}

std::string read_text(const std::optional<std::string>& c) { return c.value_or(""); }

void add_qc(TextCells& cells, const QcTest& t) {
  cells.push_back(word(to_string(t.result)));
  cells.push_back(t.due ? std::optional(t.due->iso()) : std::nullopt);
}

QcTest read_qc(const std::optional<std::string>& result, const std::optional<std::string>& due,
               std::string_view field) {
  QcTest t;
  t.result = product::parse_qc_result(read_text(result), field);
  if (due) t.due = parse_gregorian(*due);
  return t;
}

// The panel's markers in the order of their columns (isct_cd105 ... isct_hla_dr).
template <typename Panel>
auto isct_markers(Panel& m) {
  return std::array{&m.cd105, &m.cd73, &m.cd90, &m.cd45, &m.cd34, &m.cd14_or_cd11b, &m.cd79a_or_cd19, &m.hla_dr};
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const auto comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

const char* const kProductColumns =
    "din, check_char, product_code, episode_id, patient_id, centre_id, source, state, migrated, harvest_side, "
    "harvest_volume_ml, anaesthesia, harvest_started_at, harvest_ended_at, harvested_by, received_at, received_by, "
    "receipt_temperature_c, method, passages, processed_at, processed_by, total_nucleated_cells, viability_percent, "
    "cfu_f, isct_markers_met, sterility, sterility_due, endotoxin, endotoxin_due, mycoplasma, mycoplasma_due, "
    "expires_at, released_at, released_by, exception_by, exception_reason, exception_criteria, used_at, used_by, "
    "frozen_at, thawed_at, isct_cd105, isct_cd73, isct_cd90, isct_cd45, isct_cd34, isct_cd14_cd11b, isct_cd79a_cd19, "
    "isct_hla_dr";

namespace {

std::vector<std::string> column_names() {
  std::vector<std::string> names;
  const std::string cols(kProductColumns);
  std::size_t start = 0;
  while (start < cols.size()) {
    const auto comma = cols.find(", ", start);
    names.push_back(cols.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return names;
}

}  // namespace

std::size_t product_column_count() {
  static const std::size_t n = column_names().size();
  return n;
}

std::string product_insert_sql(char mark) {
  std::string values;
  for (std::size_t i = 1; i <= product_column_count() + 2; ++i)
    values += (i > 1 ? "," : "") + std::string(1, mark) + std::to_string(i);
  return std::string("INSERT INTO products (") + kProductColumns + ", created_at, updated_at) VALUES (" + values +
         ") ON CONFLICT (din) DO NOTHING";
}

std::string product_update_sql(char mark) {
  std::string set;
  std::size_t n = 1;
  for (const auto& name : column_names()) {
    set += (n > 1 ? ", " : "") + name + " = " + mark + std::to_string(n);
    ++n;
  }
  return "UPDATE products SET " + set + ", updated_at = " + mark + std::to_string(n) + " WHERE id = " + mark +
         std::to_string(n + 1);
}

TextCells product_cells(const Product& p) {
  TextCells c;
  c.push_back(p.din);
  c.push_back(std::string(1, product::check_character(product::mod37_2_check_value(p.din))));
  c.push_back(p.product_code);
  c.push_back(std::to_string(p.episode_id));
  c.push_back(std::to_string(p.patient_id));
  c.push_back(p.centre_id);
  c.push_back(p.source ? word(to_string(*p.source)) : std::nullopt);
  c.push_back(word(to_string(p.state)));
  c.push_back(p.migrated ? "1" : "0");
  c.push_back(p.harvest_side ? word(to_string(*p.harvest_side)) : std::nullopt);
  c.push_back(real(p.harvest_volume_ml));
  c.push_back(text(p.anaesthesia));
  c.push_back(text(p.harvest_started_at));
  c.push_back(text(p.harvest_ended_at));
  c.push_back(text(p.harvested_by));
  c.push_back(text(p.received_at));
  c.push_back(text(p.received_by));
  c.push_back(real(p.receipt_temperature_c));
  c.push_back(p.method ? word(to_string(*p.method)) : std::nullopt);
  c.push_back(p.passages ? std::optional(std::to_string(*p.passages)) : std::nullopt);
  c.push_back(text(p.processed_at));
  c.push_back(text(p.processed_by));
  c.push_back(real(p.total_nucleated_cells));
  c.push_back(real(p.viability_percent));
  c.push_back(real(p.cfu_f));
  c.push_back(p.isct_markers_met ? std::optional(std::string(*p.isct_markers_met ? "1" : "0")) : std::nullopt);
  add_qc(c, p.sterility);
  add_qc(c, p.endotoxin);
  add_qc(c, p.mycoplasma);
  c.push_back(text(p.expires_at));
  c.push_back(text(p.released_at));
  c.push_back(text(p.released_by));
  c.push_back(text(p.exception_by));
  c.push_back(text(p.exception_reason));
  c.push_back(text(joined(p.exception_criteria)));
  c.push_back(text(p.used_at));
  c.push_back(text(p.used_by));
  c.push_back(text(p.frozen_at));
  c.push_back(text(p.thawed_at));
  for (const auto* marker : isct_markers(p.isct)) c.push_back(real(*marker));
  return c;
}

Product product_from_cells(std::int64_t id, const TextCells& c) {
  if (c.size() != product_column_count()) throw std::logic_error("products: wrong number of cells");
  Product p;
  p.id = id;
  p.din = read_text(c[0]);
  p.product_code = read_text(c[2]);
  p.episode_id = read_integer(c[3]).value_or(0);
  p.patient_id = read_integer(c[4]).value_or(0);
  p.centre_id = read_text(c[5]);
  if (c[6]) p.source = parse_cell_source(*c[6]);
  p.state = product::parse_state(read_text(c[7]));
  p.migrated = read_integer(c[8]).value_or(0) != 0;
  if (c[9]) p.harvest_side = parse_side(*c[9]);
  p.harvest_volume_ml = read_real(c[10]);
  p.anaesthesia = read_text(c[11]);
  p.harvest_started_at = read_text(c[12]);
  p.harvest_ended_at = read_text(c[13]);
  p.harvested_by = read_text(c[14]);
  p.received_at = read_text(c[15]);
  p.received_by = read_text(c[16]);
  p.receipt_temperature_c = read_real(c[17]);
  if (c[18]) p.method = product::parse_method(*c[18]);
  if (const auto n = read_integer(c[19])) p.passages = static_cast<int>(*n);
  p.processed_at = read_text(c[20]);
  p.processed_by = read_text(c[21]);
  p.total_nucleated_cells = read_real(c[22]);
  p.viability_percent = read_real(c[23]);
  p.cfu_f = read_real(c[24]);
  if (const auto m = read_integer(c[25])) p.isct_markers_met = *m != 0;
  p.sterility = read_qc(c[26], c[27], "sterility");
  p.endotoxin = read_qc(c[28], c[29], "endotoxin");
  p.mycoplasma = read_qc(c[30], c[31], "mycoplasma");
  p.expires_at = read_text(c[32]);
  p.released_at = read_text(c[33]);
  p.released_by = read_text(c[34]);
  p.exception_by = read_text(c[35]);
  p.exception_reason = read_text(c[36]);
  p.exception_criteria = split(read_text(c[37]));
  p.used_at = read_text(c[38]);
  p.used_by = read_text(c[39]);
  p.frozen_at = read_text(c[40]);
  p.thawed_at = read_text(c[41]);
  std::size_t i = 42;
  for (auto* marker : isct_markers(p.isct)) *marker = read_real(c[i++]);
  return p;
}

}  // namespace rp::store
