#pragma once
#include <filesystem>
#include <functional>
#include <string>

#include <unistd.h>

#include "domain/centre.hpp"
#include "domain/patient.hpp"
#include "store/sheet_export_records.hpp"

namespace rp::test {

// A fresh database path in a private temporary folder, removed at the end of the test.
class TempDb {
 public:
  TempDb() {
    dir_ = std::filesystem::temp_directory_path() /
           ("rp-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(dir_);
  }
  ~TempDb() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "test.db").string(); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
};

// A valid national id of its own for each record number (one person, one record).
inline std::string test_national_id(const std::string& mrn) {
  std::string nine = std::to_string(std::hash<std::string>{}(mrn) % 1000000000ULL);
  nine.insert(0, 9 - nine.size(), '0');
  return nine + national_id_check_digit(nine);
}

// A licensed centre in Tehran with the given id: names and city in both languages.
inline Centre test_centre(const std::string& id) {
  return {id, "Centre " + id, "مرکز " + id, "Tehran", "تهران", "licensed", "", ""};
}

// A patient of `centre` with only what a record needs: a record number, a Latin name and
// a birth date.
inline Patient bare_patient(const std::string& centre, const std::string& mrn) {
  Patient p;
  p.centre_id = centre;
  p.mrn = mrn;
  p.name_latin = "Test Patient";
  p.birth_date = CivilDate::from_ymd(1960, 5, 1);
  return p;
}

// A spreadsheet export just asked for and running (CSV, long), of `kind` for `centre`
// ("" for every centre).
inline store::SheetExportRow running_sheet_export(const std::string& kind, const std::string& centre,
                                                  const std::string& requested_by) {
  store::SheetExportRow e;
  e.id = "0123456789abcdef0123456789abcdef";
  e.kind = kind;
  e.centre_id = centre;
  e.requested_by = requested_by;
  e.format = "csv";
  e.layout = "long";
  e.state = "running";
  e.created_at = e.updated_at = "2026-01-01T00:00:00.000Z";
  return e;
}

}  // namespace rp::test
