// The patient search at a clinic's size: a SQLite file of N patients (default 200,000 at
// one centre, as issue 16 measured) written straight by SQL, then searches by national id,
// mobile, record number and name fragments (Persian, Latin, and two letters), each timed
// on one connection: ours (the statements list_patients runs, store/sqlite/
// sqlite_patient_search.cpp) beside the peer, the search as it was before migration 0018
// (one OR across LIKE on the names and the identifiers), on the same file in the same run.
// Prints p50 and p99 of each and the ratio, and checks that both find the same patient
// for every identifier.
//
//   bench_search [--patients N] [--queries Q] [--centres C] [--db FILE]
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "store/like_pattern.hpp"
#include "store/search_names.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using namespace rp;

// Names as a clinic holds them: a given name and a family name, some family names with a
// zero-width non-joiner (مهدی‌زاده), a tenth of the Persian names typed on an Arabic
// keyboard (ي, ك). Latin names are their transliterations.
const std::vector<std::pair<std::string, std::string>> kGiven = {
    {"علی", "Ali"},       {"محمد", "Mohammad"}, {"حسین", "Hossein"}, {"رضا", "Reza"},     {"مهدی", "Mahdi"},
    {"فاطمه", "Fatemeh"}, {"زهرا", "Zahra"},    {"مریم", "Maryam"},  {"سارا", "Sara"},    {"نرگس", "Narges"},
    {"کاظم", "Kazem"},    {"یاسمن", "Yasaman"}, {"امیر", "Amir"},    {"حمید", "Hamid"},   {"نیلوفر", "Niloufar"},
    {"پریسا", "Parisa"},  {"کامران", "Kamran"}, {"شیرین", "Shirin"}, {"بهرام", "Bahram"}, {"لیلا", "Leila"},
    {"سعید", "Saeed"},    {"مینا", "Mina"},     {"جواد", "Javad"},   {"الهام", "Elham"},  {"کیوان", "Keyvan"},
    {"رویا", "Roya"},     {"داوود", "Davood"},  {"سمیرا", "Samira"}, {"یوسف", "Yousef"},  {"آزاده", "Azadeh"}};
const std::vector<std::pair<std::string, std::string>> kFamilyRoot = {
    {"کریم", "Karim"},   {"احمد", "Ahmad"},      {"رضا", "Reza"},     {"حسین", "Hossein"}, {"محمد", "Mohammad"},
    {"مهدی", "Mahdi"},   {"موسو", "Mousav"},     {"جعفر", "Jafar"},   {"کاظم", "Kazem"},   {"صادق", "Sadegh"},
    {"رحیم", "Rahim"},   {"نور", "Nour"},        {"قاسم", "Ghasem"},  {"طاهر", "Taher"},   {"اکبر", "Akbar"},
    {"یزدان", "Yazdan"}, {"شریف", "Sharif"},     {"فرهاد", "Farhad"}, {"بهمن", "Bahman"},  {"کیان", "Kian"},
    {"ملک", "Malek"},    {"سلیمان", "Soleiman"}, {"توکل", "Tavakol"}, {"عسگر", "Asgar"},   {"یعقوب", "Yaghoub"}};
const std::vector<std::pair<std::string, std::string>> kFamilyEnd = {
    {"ی", "i"},           {"\u200cزاده", "zadeh"}, {"\u200cپور", "pour"},
    {"\u200cنیا", "nia"}, {"\u200cفر", "far"},     {"یان", "ian"}};

std::string arabic_keyboard(std::string fa) {
  const auto swap = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = fa.find(from); at != std::string::npos; at = fa.find(from, at + to.size()))
      fa.replace(at, from.size(), to);
  };
  swap("ی", "ي");
  swap("ک", "ك");
  return fa;
}

struct Person {
  std::string centre, mrn, fa, latin, mobile, national_id, family_fa, family_latin;
};

Person person(int i, int centres, std::mt19937& rng) {
  const auto& g = kGiven[rng() % kGiven.size()];
  const auto& root = kFamilyRoot[rng() % kFamilyRoot.size()];
  const auto& end = kFamilyEnd[rng() % kFamilyEnd.size()];
  Person p;
  p.centre = "c" + std::to_string(1 + i % centres);
  p.mrn = "M-" + std::to_string(100000 + i);
  p.family_fa = root.first + end.first;
  p.family_latin = root.second + end.second;
  p.fa = g.first + " " + p.family_fa;
  if (rng() % 10 == 0) p.fa = arabic_keyboard(p.fa);
  p.latin = g.second + " " + p.family_latin;
  char digits[16];
  std::snprintf(digits, sizeof digits, "%07d", i);
  p.mobile = std::string("+98912") + digits;
  std::snprintf(digits, sizeof digits, "%010d", 1000000000 + i * 7);
  p.national_id = digits;
  return p;
}

void fill(const std::string& path, int patients, int centres, std::vector<Person>& people) {
  rp::store::open_sqlite(path, rp::store::OpenMode::scratch).reset();  // the schema, every migration applied
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA synchronous = OFF");
  SQLite::Transaction tx(db);
  for (int c = 1; c <= centres; ++c)
    db.exec("INSERT INTO centres (id, name_en, name_fa, city_en, city_fa, licence_status) VALUES ('c" +
            std::to_string(c) + "', 'Centre', 'مرکز', 'Tehran', 'تهران', 'licensed')");
  SQLite::Statement ins(db,
                        "INSERT INTO patients (centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, "
                        "national_id, consent_treatment, consent_registry, consent_contact, created_at, search_names) "
                        "VALUES (?, ?, ?, ?, 'female', '1960-01-01', ?, ?, 1, 1, 1, '2026-01-01T00:00:00.000Z', ?)");
  std::mt19937 rng(20261204);
  people.reserve(patients);
  for (int i = 0; i < patients; ++i) {
    Person p = person(i, centres, rng);
    ins.reset();
    int column = 1;
    for (const std::string& value :
         {p.centre, p.mrn, p.fa, p.latin, p.mobile, p.national_id, rp::store::patient_search_names(p.fa, p.latin)})
      ins.bind(column++, value);
    ins.exec();
    people.push_back(std::move(p));
  }
  tx.commit();
  db.exec("ANALYZE");
}

// The search before migration 0018, as sqlite_transaction.cpp ran it.
constexpr const char* kPeerSql =
    "SELECT id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, consent_treatment, "
    "consent_registry, consent_contact FROM patients p WHERE (?1 IS NULL OR centre_id = ?1)"
    " AND (?2 IS NULL OR lower(name_latin) LIKE lower(?6) ESCAPE '\\' OR name_fa LIKE ?6 ESCAPE '\\'"
    "      OR mrn = ?2"
    "      OR (?5 AND (national_id = ?2 OR mobile = ?2)))"
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM episodes e WHERE e.patient_id = p.id AND e.state = ?3))"
    " ORDER BY id LIMIT ?4";

std::vector<std::int64_t> run(SQLite::Statement& st) {
  std::vector<std::int64_t> ids;
  while (st.executeStep()) ids.push_back(st.getColumn(0).getInt64());
  st.reset();
  return ids;
}

struct Timed {
  std::vector<double> ms;
  std::size_t rows = 0;
  double quantile(double q) {
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  }
};

template <class F>
double millis(F&& f) {
  const auto t = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// The bytes of the UTF-8 character starting with `lead`.
std::size_t char_bytes(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

// A fragment of `text` of `length` characters starting `from` characters in.
std::string fragment(const std::string& text, std::size_t from, std::size_t length) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i < from && begin < text.size(); ++i) begin += char_bytes(text[begin]);
  std::size_t end = begin;
  for (std::size_t i = 0; i < length && end < text.size(); ++i) end += char_bytes(text[end]);
  return text.substr(begin, end - begin);
}

}  // namespace

int main(int argc, char** argv) {
  int patients = 200000, queries = 300, centres = 1;
  std::string path;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--patients") patients = std::atoi(argv[i + 1]);
    if (a == "--queries") queries = std::atoi(argv[i + 1]);
    if (a == "--centres") centres = std::max(1, std::atoi(argv[i + 1]));
    if (a == "--db") path = argv[i + 1];
  }
  const bool own_file = path.empty();
  if (own_file)
    path =
        (std::filesystem::temp_directory_path() / ("rp-bench-search-" + std::to_string(::getpid()) + ".db")).string();
  std::filesystem::remove(path);

  std::vector<Person> people;
  const double fill_ms = millis([&] { fill(path, patients, centres, people); });
  std::printf("filled %d patients at %d centre(s) by SQL in %.1f s (%s, %.0f MB)\n", patients, centres, fill_ms / 1000,
              path.c_str(), static_cast<double>(std::filesystem::file_size(path)) / 1e6);

  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement peer(db, kPeerSql);
  std::map<const char*, std::unique_ptr<SQLite::Statement>> ours;
  const auto our_statement = [&](const rp::store::PatientQuery& q) -> SQLite::Statement& {
    auto& slot = ours[rp::store::sqlite::patient_search_sql(q)];
    if (!slot) slot = std::make_unique<SQLite::Statement>(db, rp::store::sqlite::patient_search_sql(q));
    return *slot;
  };

  struct Kind {
    const char* name;
    std::string (*text)(const Person&);
    bool identifier;
  };
  const std::vector<Kind> kinds = {
      {"national id", [](const Person& p) { return p.national_id; }, true},
      {"mobile", [](const Person& p) { return p.mobile; }, true},
      {"record number", [](const Person& p) { return p.mrn; }, true},
      {"name, Persian fragment (4 letters)", [](const Person& p) { return fragment(p.family_fa, 1, 4); }, false},
      {"name, Latin fragment (5 letters)", [](const Person& p) { return p.family_latin.substr(1, 5); }, false},
      {"name, whole (given and family)", [](const Person& p) { return p.latin; }, false},
      {"name, two letters", [](const Person& p) { return fragment(p.family_fa, 0, 2); }, false},
  };

  std::mt19937 rng(7);
  std::printf("%-36s %10s %10s | %10s %10s | %8s %8s\n", "search (limit 200, one centre)", "ours p50", "ours p99",
              "peer p50", "peer p99", "p50 x", "p99 x");
  int disagreements = 0;
  for (const Kind& k : kinds) {
    Timed mine, theirs;
    for (int i = 0; i < queries; ++i) {
      const Person& target = people[rng() % people.size()];
      rp::store::PatientQuery q{target.centre, k.text(target), true, std::nullopt, 200};
      std::vector<std::int64_t> a, b;
      mine.ms.push_back(millis([&] {
        auto& st = our_statement(q);
        rp::store::sqlite::bind_patient_search(st, q);
        a = run(st);
      }));
      theirs.ms.push_back(millis([&] {
        peer.clearBindings();
        peer.bind(1, q.centre_id.value());
        peer.bind(2, q.text);
        peer.bind(4, q.limit);
        peer.bind(5, 1);
        peer.bind(6, rp::store::contains_pattern(q.text));
        b = run(peer);
      }));
      mine.rows += a.size();
      theirs.rows += b.size();
      if (k.identifier && a != b) ++disagreements;
    }
    const double m50 = mine.quantile(0.5), m99 = mine.quantile(0.99), t50 = theirs.quantile(0.5),
                 t99 = theirs.quantile(0.99);
    std::printf("%-36s %8.3fms %8.3fms | %8.3fms %8.3fms | %7.1fx %7.1fx   rows/search: ours %.1f, peer %.1f\n", k.name,
                m50, m99, t50, t99, t50 / m50, t99 / m99, static_cast<double>(mine.rows) / queries,
                static_cast<double>(theirs.rows) / queries);
  }
  std::printf("identifier searches where ours and the peer found different patients: %d\n", disagreements);
  if (own_file) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
  return disagreements == 0 ? 0 : 1;
}
