#include "store/centre_columns.hpp"

#include <array>
#include <stdexcept>

#include "domain/centre_licence.hpp"

namespace rp::store {
namespace {

constexpr std::array<const char*, 16> kNames{"id",
                                             "name_en",
                                             "name_fa",
                                             "city_en",
                                             "city_fa",
                                             "licence_status",
                                             "licence_number",
                                             "phone",
                                             "facility_code",
                                             "on_call_mobile",
                                             "address_en",
                                             "address_fa",
                                             "map_url",
                                             "services",
                                             "licence_issuer",
                                             "licence_expires"};

std::string joined_names() {
  std::string out;
  for (const char* n : kNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string services_cell(const std::vector<std::string>& services) {
  std::string out;
  for (const auto& s : services) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

const std::string& centre_columns() {
  static const std::string names = joined_names();
  return names;
}

std::string centre_upsert_sql(char mark) {
  std::string values, updates;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    values += (i ? "," : "") + std::string(1, mark) + std::to_string(i + 1);
    if (i > 0) updates += (i > 1 ? ", " : "") + std::string(kNames[i]) + " = excluded." + kNames[i];
  }
  return "INSERT INTO centres (" + centre_columns() + ") VALUES (" + values + ") ON CONFLICT (id) DO UPDATE SET " +
         updates;
}

std::vector<std::string> centre_cells(const Centre& c) {
  return {c.id,
          c.name_en,
          c.name_fa,
          c.city_en,
          c.city_fa,
          c.licence_status,
          c.licence_number,
          c.phone,
          c.facility_code,
          c.on_call_mobile,
          c.address_en,
          c.address_fa,
          c.map_url,
          services_cell(c.services),
          c.licence_issuer,
          c.licence_expires ? c.licence_expires->iso() : std::string()};
}

Centre centre_from_cells(const std::vector<std::string>& cells) {
  if (cells.size() != kNames.size()) throw std::runtime_error("a centre row of the wrong width");
  Centre c{cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8], cells[9]};
  c.address_en = cells[10];
  c.address_fa = cells[11];
  c.map_url = cells[12];
  c.services = services_from_list(cells[13]);
  c.licence_issuer = cells[14];
  if (!cells[15].empty()) c.licence_expires = parse_gregorian(cells[15], "licence_expires");
  return c;
}

}  // namespace rp::store
