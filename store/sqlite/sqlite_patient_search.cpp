// The patient search on SQLite (list_patients): each way of finding a patient through an
// index of its own, so that none of them reads the table. A national id, mobile or record
// number is looked up in its index (patients_by_national_id, patients_by_mobile,
// patients_by_mrn); a name fragment in the trigram index patient_names (FTS5, migrations
// 0018 and 0045) over the folded names and the centre, in id order and stopping at the
// limit: a centre's search matches its centre in the index too, so it does not read the
// rows of the network's other patients of that name (the row's centre is still compared). One OR across all
// of them, as before, made SQLite read every row. A text under three characters holds no
// trigram: its names are matched by reading patients in id order until the limit is
// reached (a short fragment matches many, so the read stops early; one that matches few
// reads the centre's patients), while its identifiers still use their indexes.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/like_pattern.hpp"
#include "store/search_names.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

// ?1 centre (NULL = all), ?2 the text as typed, for identifiers, ?3 episode state (NULL =
// any), ?4 limit, ?5 whether the text may match a national id or mobile (a role that is
// not shown them must not learn them by searching), ?6 the folded text: an FTS5 phrase
// or, for a short text, a LIKE pattern (NULL when nothing is left of it), ?7 the mobile the
// text names (store/search_names.hpp), ?8 the id the page starts after (0 for the first).
std::string in_scope(const char* alias) {
  const std::string a(alias);
  return a + ".id > ?8 AND (?1 IS NULL OR " + a + ".centre_id = ?1) AND (?3 IS NULL OR EXISTS (SELECT 1 FROM " +
         "episodes e WHERE e.patient_id = " + a + ".id AND e.state = ?3))";
}

const std::string kById =
    "SELECT id FROM patients WHERE ?5 AND national_id = ?2"
    " UNION ALL SELECT id FROM patients WHERE ?5 AND mobile = ?7"
    " UNION ALL SELECT id FROM patients WHERE mrn = ?2";

const std::string kSelect = std::string("SELECT ") + kPatientColumns + " FROM patients p ";

// An FTS5 phrase: the text in double quotes, its own quotes doubled. The trigram
// tokenizer matches a phrase wherever it occurs inside the column.
std::string fts_phrase(const std::string& folded) {
  std::string out = "\"";
  for (const char c : folded) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// The names' phrase, and the centre's where it names one: a centre id of three characters
// or more holds a trigram (a shorter one is left to the row's own comparison).
std::string fts_query(const std::string& folded, const std::optional<std::string>& centre) {
  std::string out = "search_names : " + fts_phrase(folded);
  if (centre && folded_length(*centre) >= kTrigram) out += " AND centre_id : " + fts_phrase(*centre);
  return out;
}

}  // namespace

const char* patient_search_sql(const PatientQuery& q) {
  static const std::string every = kSelect + "WHERE " + in_scope("p") + " ORDER BY p.id LIMIT ?4";
  static const std::string by_trigrams =
      kSelect + "WHERE p.id IN (" + kById +
      " UNION ALL SELECT id FROM (SELECT patient_names.rowid AS id FROM patient_names"
      " JOIN patients n ON n.id = patient_names.rowid WHERE patient_names MATCH ?6 AND patient_names.rowid > ?8 AND " +
      in_scope("n") + " ORDER BY patient_names.rowid LIMIT ?4)) AND " + in_scope("p") + " ORDER BY p.id LIMIT ?4";
  static const std::string by_scan = kSelect + "WHERE " + in_scope("p") +
                                     " AND (p.search_names LIKE ?6 ESCAPE '\\' OR p.id IN (" + kById +
                                     ")) ORDER BY p.id LIMIT ?4";
  if (q.text.empty()) return every.c_str();
  return folded_length(search_folded(q.text)) >= kTrigram ? by_trigrams.c_str() : by_scan.c_str();
}

void bind_patient_search(SQLite::Statement& st, const PatientQuery& q) {
  if (q.centre_id) {
    st.bind(1, *q.centre_id);
  } else {
    st.bind(1);
  }
  if (q.episode_state) {
    st.bind(3, std::string(to_string(*q.episode_state)));
  } else {
    st.bind(3);
  }
  st.bind(4, q.limit);
  st.bind(8, static_cast<int64_t>(q.after));
  if (q.text.empty()) return;
  st.bind(2, q.text);
  st.bind(5, q.by_identifiers ? 1 : 0);
  st.bind(7, searched_mobile(q.text));
  const std::string folded = search_folded(q.text);
  if (folded.empty()) {
    st.bind(6);  // nothing of the text is a letter or digit: no name matches it
  } else if (folded_length(folded) >= kTrigram) {
    st.bind(6, fts_query(folded, q.centre_id));
  } else {
    st.bind(6, contains_pattern(folded));
  }
}

void fill_search_names(SQLite::Database& db) {
  // A thousand patients at a time, in id order: rows are never changed under a read still
  // stepping over them.
  SQLite::Statement read(db, "SELECT id, name_fa, name_latin FROM patients WHERE id > ? ORDER BY id LIMIT 1000");
  SQLite::Statement write(db, "UPDATE patients SET search_names = ? WHERE id = ?");
  std::vector<std::pair<std::int64_t, std::string>> batch;
  std::int64_t after = 0;
  do {
    batch.clear();
    read.reset();
    read.bind(1, static_cast<int64_t>(after));
    while (read.executeStep())
      batch.emplace_back(read.getColumn(0).getInt64(),
                         patient_search_names(read.getColumn(1).getString(), read.getColumn(2).getString()));
    for (const auto& [id, names] : batch) {
      write.reset();
      write.bind(1, names);
      write.bind(2, static_cast<int64_t>(id));
      write.exec();
      after = id;
    }
  } while (!batch.empty());
}

}  // namespace rp::store::sqlite
