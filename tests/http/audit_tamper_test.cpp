// The audit log against the attacks it must show, on a database the real server wrote
// (a search and record reads over HTTP; the shutdown anchor at SIGTERM),
// each checked by running the real `regenpath audit verify`: the last row cut, the last
// thousand rows cut, a patient's name changed in the database, the whole chain re-hashed
// with BLAKE2b exactly as regenpath hashes it, a forged anchor line. And `audit who-saw`
// names the search that showed a patient.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "audit_test_support.hpp"
#include "store/audit_anchor.hpp"
#include "store/audit_chain.hpp"
#include "store/record_content.hpp"

namespace rp::test {
namespace {

namespace fs = std::filesystem;

// One database the server wrote, made once per build (made_once.hpp); each test tampers
// with its own copy.
class AuditTamper : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    master_ = made_once("audit-tamper", [](const fs::path& into) {
      const auto require = [](bool held, const char* what) {
        if (!held) throw std::runtime_error(std::string("audit-tamper database: ") + what);
      };
      const std::string db = (into / "clinic.db").string();
      const Seeded seeded = seed(db);
      std::int64_t seed_rows = 0;
      {
        SQLite::Database raw(db);
        seed_rows = raw.execAndGet("SELECT MAX(seq) FROM audit_log").getInt64();
      }
      ServerProcess server(db);
      Client coordinator{server.port()};
      require(coordinator.login("coordinator.a").status == 200, "sign-in");
      // A search that shows centre a's patient (and never centre b's).
      require(coordinator.get("/api/v1/patients?q=MRN-a").status == 200, "search");
      // More than a thousand record reads, each an audit row.
      const std::string record = "/api/v1/patients/" + std::to_string(seeded.patient_a);
      for (int i = 0; i < 1010; ++i) require(coordinator.get(record).status == 200, "record read");
      // SIGTERM: the server stops cleanly and signs the head it leaves.
      require(server.stop(SIGTERM) == 0, "clean stop");
      std::ofstream(into / "facts") << seeded.patient_a << ' ' << seeded.patient_b << ' ' << seed_rows << '\n';
    });
    std::ifstream facts(master_ / "facts");
    facts >> seeded_.patient_a >> seeded_.patient_b >> seed_rows_;
    ASSERT_TRUE(facts) << "the made database's facts";
  }

  void SetUp() override {
    for (const auto& f : fs::directory_iterator(master_)) {
      if (f.path().filename() != "facts") fs::copy(f.path(), dir_.file(""));
    }
    db_ = dir_.file("clinic.db");
    SQLite::Database raw(db_);
    last_seq_ = raw.execAndGet("SELECT MAX(seq) FROM audit_log").getInt64();
  }

  BinaryRun verify() { return regenpath(dir_.file(""), "audit verify --db " + db_); }
  std::string anchors_path() const { return db_ + ".anchors"; }

  // What an attacker with the database and twenty lines of Python does: recompute every
  // row's prev_hash and hash with BLAKE2b as regenpath does (store/audit_chain.cpp).
  void rehash_chain() {
    SQLite::Database raw(db_, SQLite::OPEN_READWRITE);
    std::vector<store::AuditRow> rows;
    SQLite::Statement q(raw,
                        "SELECT seq, at, actor, role, centre_id, action, entity, entity_id, detail, content, shown "
                        "FROM audit_log ORDER BY seq");
    while (q.executeStep()) {
      store::AuditRow r;
      r.seq = q.getColumn(0).getInt64();
      r.at = q.getColumn(1).getString();
      r.actor = q.getColumn(2).getString();
      r.role = q.getColumn(3).getString();
      r.centre_id = q.getColumn(4).getString();
      r.action = q.getColumn(5).getString();
      r.entity = q.getColumn(6).getString();
      r.entity_id = q.getColumn(7).getString();
      r.detail = q.getColumn(8).getString();
      r.content = q.getColumn(9).getString();
      r.shown = q.getColumn(10).getString();
      rows.push_back(std::move(r));
    }
    SQLite::Transaction tx(raw);
    SQLite::Statement update(raw, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?");
    std::string prev = store::kAuditGenesis;
    for (const auto& r : rows) {
      const std::string hash = store::audit_hash(prev, r.seq, r);
      update.bind(1, prev);
      update.bind(2, hash);
      update.bind(3, static_cast<int64_t>(r.seq));
      update.exec();
      update.reset();
      prev = hash;
    }
    tx.commit();
  }

  static fs::path master_;
  static Seeded seeded_;
  static std::int64_t seed_rows_;
  TempDir dir_;
  std::string db_;
  std::int64_t last_seq_ = 0;
};

fs::path AuditTamper::master_;
Seeded AuditTamper::seeded_;
std::int64_t AuditTamper::seed_rows_ = 0;

TEST_F(AuditTamper, TheServersLogVerifiesIntactUpToItsShutdownAnchor) {
  const BinaryRun r = verify();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto v = r.json();
  EXPECT_EQ(v["verdict"], "intact");
  EXPECT_EQ(v["rows"], last_seq_);
  EXPECT_EQ(v["unanchored_rows"], 0);
  // Signed at start (the seeded head) and at shutdown (the last row).
  EXPECT_EQ(v["anchors"]["count"], 2);
  EXPECT_EQ(v["anchors"]["last_seq"], last_seq_);
  EXPECT_TRUE(v["anchors"]["defects"].empty());
  EXPECT_EQ(v["records"]["checked"], 4);  // two patients, two episodes
  EXPECT_TRUE(v["records"]["changed"].empty());
  // The key stays outside the database, readable by its owner only.
  EXPECT_EQ(fs::status((master_ / "audit-signing.key")).permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
}

TEST_F(AuditTamper, CuttingTheLastRowIsAMissingRow) {
  SQLite::Database(db_, SQLite::OPEN_READWRITE).exec("DELETE FROM audit_log WHERE seq = " + std::to_string(last_seq_));
  const BinaryRun r = verify();
  EXPECT_EQ(r.exit_code, kExitTampered) << r.out;
  const auto v = r.json();
  EXPECT_EQ(v["verdict"], "tampered");
  EXPECT_EQ(v["first_broken_seq"], last_seq_);
  EXPECT_NE(v["problem"].get<std::string>().find("missing"), std::string::npos) << v["problem"];
  EXPECT_NE(r.err.find("tampering"), std::string::npos) << r.err;
}

TEST_F(AuditTamper, CuttingTheLastThousandRowsNamesTheFirstOfThem) {
  const std::int64_t first_cut = last_seq_ - 999;
  ASSERT_GT(first_cut, seed_rows_);
  SQLite::Database(db_, SQLite::OPEN_READWRITE).exec("DELETE FROM audit_log WHERE seq >= " + std::to_string(first_cut));
  const BinaryRun r = verify();
  EXPECT_EQ(r.exit_code, kExitTampered) << r.out;
  const auto v = r.json();
  EXPECT_EQ(v["first_broken_seq"], first_cut);
  EXPECT_NE(
      v["problem"].get<std::string>().find("rows " + std::to_string(first_cut) + ".." + std::to_string(last_seq_)),
      std::string::npos)
      << v["problem"];
}

TEST_F(AuditTamper, ANameChangedInTheDatabaseIsAChangedRecord) {
  SQLite::Database(db_, SQLite::OPEN_READWRITE)
      .exec("UPDATE patients SET name_latin = 'Someone Else' WHERE id = " + std::to_string(seeded_.patient_a));
  const BinaryRun r = verify();
  EXPECT_EQ(r.exit_code, kExitTampered) << r.out;
  const auto v = r.json();
  EXPECT_TRUE(v["first_broken_seq"].is_null()) << "the chain itself is untouched";
  ASSERT_EQ(v["records"]["changed"].size(), 1u) << r.out;
  EXPECT_EQ(v["records"]["changed"][0]["kind"], "patient");
  EXPECT_EQ(v["records"]["changed"][0]["id"], seeded_.patient_a);
  EXPECT_EQ(v["records"]["checked"], 3);
}

// The attack the unkeyed chain alone could not show: a row changed and every hash after
// it recomputed. The anchors place it: after the start anchor, which still matches.
TEST_F(AuditTamper, ReHashingTheChainIsPlacedBetweenItsAnchors) {
  SQLite::Database(db_, SQLite::OPEN_READWRITE)
      .exec("UPDATE audit_log SET actor = 'nobody' WHERE seq = " + std::to_string(seed_rows_ + 2));
  rehash_chain();
  const BinaryRun r = verify();
  EXPECT_EQ(r.exit_code, kExitTampered) << r.out;
  const auto v = r.json();
  EXPECT_EQ(v["first_broken_seq"], seed_rows_ + 1);
  EXPECT_NE(v["problem"].get<std::string>().find("rows " + std::to_string(seed_rows_ + 1) + ".." +
                                                 std::to_string(last_seq_) + " were rewritten or forged"),
            std::string::npos)
      << v["problem"];
  EXPECT_TRUE(v["records"]["changed"].empty());
}

// A name changed, the content hash in its audit row made to match by regenpath's own
// code, and the chain re-hashed: records and chain agree, the signed anchors do not.
TEST_F(AuditTamper, ReHashingToHideAChangedNameDoesNotMatchTheAnchors) {
  SQLite::Database(db_, SQLite::OPEN_READWRITE)
      .exec("UPDATE patients SET name_latin = 'Someone Else' WHERE id = " + std::to_string(seeded_.patient_a));
  {
    auto s = store::open_sqlite(db_);
    std::string hash;
    s->read([&](store::Transaction& tx) { hash = tx.record_content("patient", seeded_.patient_a)->hash; });
    s.reset();
    SQLite::Database raw(db_, SQLite::OPEN_READWRITE);
    SQLite::Statement q(raw, "UPDATE audit_log SET content = ? WHERE content LIKE ?");
    q.bind(1, store::format_content({{"patient", seeded_.patient_a, hash}}));
    q.bind(2, "v1 patient:" + std::to_string(seeded_.patient_a) + "=%");
    ASSERT_EQ(q.exec(), 1);
  }
  rehash_chain();
  const BinaryRun r = verify();
  EXPECT_EQ(r.exit_code, kExitTampered) << r.out;
  const auto v = r.json();
  EXPECT_TRUE(v["records"]["changed"].empty()) << "the attacker made the record content match";
  // The patient was registered among the seeded rows: no anchor matches from row 1 on.
  EXPECT_EQ(v["first_broken_seq"], 1);
  EXPECT_NE(v["problem"].get<std::string>().find("no earlier anchor matches"), std::string::npos) << v["problem"];
}

TEST_F(AuditTamper, AForgedAnchorLineIsFound) {
  // The attacker re-hashes the chain after cutting its tail, then signs the new head: with
  // a key of their own, and with the server's public key named but no way to sign.
  SQLite::Database(db_, SQLite::OPEN_READWRITE)
      .exec("DELETE FROM audit_log WHERE seq > " + std::to_string(seed_rows_ + 5));
  rehash_chain();
  std::string head;
  {
    SQLite::Database raw(db_);
    head = raw.execAndGet("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").getString();
  }
  const std::string server_key = slurp(dir_.file("audit-signing.key.pub")).substr(0, 64);
  const store::AuditAnchor own =
      store::sign_anchor(seed_rows_ + 5, head, "2030-01-01T00:00:00.000Z", store::generate_signing_key());
  store::AuditAnchor claimed = own;
  claimed.public_key = server_key;
  std::ofstream(anchors_path(), std::ios::app) << store::anchor_line(own) << '\n'
                                               << store::anchor_line(claimed) << '\n';
  const BinaryRun r = verify();
  EXPECT_EQ(r.exit_code, kExitTampered) << r.out;
  const auto v = r.json();
  ASSERT_EQ(v["anchors"]["defects"].size(), 2u) << r.out;
  EXPECT_EQ(v["anchors"]["defects"][0]["line"], 3);
  EXPECT_NE(v["anchors"]["defects"][0]["why"].get<std::string>().find("another key"), std::string::npos);
  EXPECT_EQ(v["anchors"]["defects"][1]["line"], 4);
  EXPECT_NE(v["anchors"]["defects"][1]["why"].get<std::string>().find("does not verify"), std::string::npos);
  EXPECT_EQ(v["anchors"]["count"], 2);  // the server's own two
}

TEST_F(AuditTamper, RowsAfterTheLastAnchorAreUnanchoredNotIntact) {
  // The command line reads a record while no server runs: its row has no anchor yet.
  ASSERT_EQ(regenpath(dir_.file(""), "patient show " + std::to_string(seeded_.patient_a) + " --db " + db_).exit_code,
            0);
  BinaryRun r = verify();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.json()["verdict"], "unanchored");
  EXPECT_EQ(r.json()["intact"], false);
  EXPECT_EQ(r.json()["unanchored_rows"], 1);
  // `audit anchor` signs it with the server's key, as the server would at its next start.
  r = regenpath(dir_.file(""), "audit anchor --db " + db_);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["seq"], last_seq_ + 1);
  r = verify();
  EXPECT_EQ(r.json()["verdict"], "intact") << r.out;
}

TEST_F(AuditTamper, BadInputExitsTwoNamingTheField) {
  BinaryRun r = regenpath(dir_.file(""), "audit verify --db " + db_ + " --anchors " + dir_.file("nowhere"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"field\":\"anchors\""), std::string::npos) << r.err;
  fs::remove(dir_.file("audit-signing.key.pub"));
  r = verify();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"field\":\"public_key\""), std::string::npos) << r.err;
  r = regenpath(dir_.file(""), "audit who-saw --db " + db_ + " --patient 999");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("\"field\":\"patient\""), std::string::npos) << r.err;
}

TEST_F(AuditTamper, WhoSawListsTheSearchThatShowedThePatient) {
  BinaryRun r =
      regenpath(dir_.file(""), "audit who-saw --db " + db_ + " --patient " + std::to_string(seeded_.patient_a));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> listed, opened;
  for (const auto& row : r.json()) {
    if (row["actor"] != "coordinator.a") continue;
    (row["via"] == "list" ? listed : opened)[row["action"]]++;
  }
  EXPECT_EQ(listed["patient.search"], 1) << r.out;
  EXPECT_EQ(opened["patient.read"], 1010);
  // Centre b's patient was in no list coordinator.a saw.
  r = regenpath(dir_.file(""), "audit who-saw --db " + db_ + " --patient " + std::to_string(seeded_.patient_b));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const auto& row : r.json()) EXPECT_NE(row["actor"], "coordinator.a") << row;
  // The question is itself audited, and the chain still verifies.
  EXPECT_EQ(verify().json()["rows"], last_seq_ + 2);
}

}  // namespace
}  // namespace rp::test
