// What an audit row vouches for: the content hash of each record its transaction wrote
// (store/record_content.hpp) and the patients a list showed, both inside the row's hash.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/audit_chain.hpp"
#include "store/record_content.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

Patient patient(const std::string& mrn) {
  Patient p;
  p.centre_id = "a";
  p.mrn = mrn;
  p.name_latin = "Test Patient";
  p.birth_date = CivilDate::from_ymd(1960, 5, 1);
  return p;
}

AuditEntry entry(const std::string& action, const std::string& entity_id) {
  return {"2026-11-25T08:00:00.000Z", "u", "coordinator", "a", action, "patient", entity_id, ""};
}

class AuditEvidence : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([](Transaction& tx) { tx.upsert_centre({"a", "A", "الف", "", "", "licensed", "", ""}); });
  }
  std::vector<AuditRow> rows() {
    std::vector<AuditRow> out;
    store_->read([&](Transaction& tx) { out = tx.audit_rows(0, 1000); });
    return out;
  }
  std::string content_of(std::int64_t id) {
    std::string hash;
    store_->read([&](Transaction& tx) { hash = tx.record_content("patient", id)->hash; });
    return hash;
  }

  // Runs SQL on the database directly, as another program would, on either engine.
  void raw_exec(const std::string& sql) {
    if (postgres()) {
      postgres::Connection(db()).run(sql);
    } else {
      SQLite::Database(db().substr(7), SQLite::OPEN_READWRITE).exec(sql);
    }
  }

  std::unique_ptr<Store> store_;
};
INSTANTIATE_ENGINES(AuditEvidence);

TEST_P(AuditEvidence, AWritesRowCarriesTheRecordsContentAReadsRowNone) {
  std::int64_t id = 0;
  store_->write([&](Transaction& tx) {
    id = tx.insert_patient(patient("M1"), "t");
    tx.append_audit(entry("patient.create", std::to_string(id)));
  });
  store_->write([&](Transaction& tx) {
    tx.find_patient(id);
    tx.append_audit(entry("patient.read", std::to_string(id)));
  });
  const auto r = rows();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].content, format_content({{"patient", id, content_of(id)}}));
  EXPECT_TRUE(r[1].content.empty());
  // The content is inside the row's hash: the chain holds as written.
  EXPECT_EQ(audit_hash(r[0].prev_hash, r[0].seq, r[0]), r[0].hash);
  AuditRow edited = r[0];
  edited.content = format_content({{"patient", id, std::string(64, 'a')}});
  EXPECT_NE(audit_hash(edited.prev_hash, edited.seq, edited), r[0].hash);
}

TEST_P(AuditEvidence, AnEpisodeIsItsCourseAnEventARecordOfItsOwn) {
  std::int64_t pid = 0, eid = 0;
  store_->write([&](Transaction& tx) {
    pid = tx.insert_patient(patient("M1"), "t");
    Episode e;
    e.patient_id = pid;
    e.centre_id = "a";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd-10-cm", "M16.11"};
    eid = tx.insert_episode(e, "t");
    tx.append_audit(entry("episode.create", std::to_string(eid)));
  });
  auto hash = [&](const char* kind, std::int64_t id) {
    std::string out;
    store_->read([&](Transaction& tx) { out = tx.record_content(kind, id)->hash; });
    return out;
  };
  const std::string episode_before = hash("episode", eid);
  // A step of its course moves the episode's content.
  store_->write([&](Transaction& tx) {
    tx.insert_transition({eid, EpisodeState::referred, EpisodeState::screening, "", "u", "coordinator", "t",
                          CivilDate::from_ymd(2026, 11, 20)});
    tx.append_audit(entry("episode.transition", std::to_string(eid)));
  });
  const std::string episode_after = hash("episode", eid);
  EXPECT_NE(episode_after, episode_before);
  EXPECT_EQ(rows().back().content, format_content({{"episode", eid, episode_after}}));
  // An adverse event is its own record: the row names it, and the episode stays as it was.
  std::int64_t event = 0;
  store_->write([&](Transaction& tx) {
    AdverseEventRow a;
    a.episode_id = eid;
    a.centre_id = "a";
    a.kind = "adverse_event";
    a.category = "pain";
    a.severity = "mild";
    a.onset_date = "2026-11-20";
    a.reported_by = "u";
    a.role = "surgeon";
    a.reported_at = "t";
    a.status = "acknowledged";
    event = tx.insert_adverse_event(a);
    tx.append_audit(entry("adverse_event.record", std::to_string(eid)));
  });
  EXPECT_EQ(hash("episode", eid), episode_after);
  EXPECT_EQ(rows().back().content, format_content({{"adverse_event", event, hash("adverse_event", event)}}));
}

// A change made without an audit row is not vouched for by the next transaction's row:
// the check must find it, not have it covered.
TEST_P(AuditEvidence, AChangeWithoutARowIsNotClaimedByTheNext) {
  std::int64_t first = 0, second = 0;
  store_->write([&](Transaction& tx) { first = tx.insert_patient(patient("M1"), "t"); });
  store_->write([&](Transaction& tx) {
    second = tx.insert_patient(patient("M2"), "t");
    tx.append_audit(entry("patient.create", std::to_string(second)));
  });
  EXPECT_EQ(rows().back().content, format_content({{"patient", second, content_of(second)}}));
  // Batched requests: one that fails rolls back its notes with its rows.
  const std::function<void(Transaction&)> failing = [&](Transaction& tx) {
    Patient p = *tx.find_patient(first);
    p.name_latin = "Rolled Back";
    tx.update_patient(p);
    throw std::runtime_error("refused");
  };
  const std::function<void(Transaction&)> read = [&](Transaction& tx) { tx.append_audit(entry("patient.read", "2")); };
  const auto errors = store_->write_batch({&failing, &read});
  EXPECT_TRUE(errors[0]);
  EXPECT_FALSE(errors[1]);
  EXPECT_TRUE(rows().back().content.empty());
}

// The record hash is a stored format like the row hash: rows written by this version must
// verify under every later one. This value was computed by the first implementation and
// by an independent one (Python's hashlib.blake2b over the tagged values).
TEST_P(AuditEvidence, TheRecordContentFormatNeverChanges) {
  // The same value on every engine: a record hashes as SQLite stores it.
  raw_exec(
      "INSERT INTO patients (id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, "
      "consent_treatment, consent_registry, consent_contact, created_at) VALUES (7, 'a', 'M-7', 'مریم', "
      "'Maryam Rezaei', 'female', '1961-03-21', '+989121234567', '0013542419', 1, 1, 0, "
      "'2026-11-25T08:00:00.000Z')");
  EXPECT_EQ(content_of(7), "1fb24a61629d225afb490187071d7d1dac6f057029bd6320154cddda6c36da54");
  // One letter of the name is a change.
  raw_exec("UPDATE patients SET name_latin = 'Maryam Rezaey' WHERE id = 7");
  EXPECT_NE(content_of(7), "1fb24a61629d225afb490187071d7d1dac6f057029bd6320154cddda6c36da54");
}

// The patient's language (0029) is stored and read back on either engine, and is part of
// the record the audit vouches for once it is not the Persian every earlier patient had:
// a change made behind regenpath's back changes the hash.
TEST_P(AuditEvidence, ThePatientsLanguageIsKeptAndVouchedFor) {
  Patient p = patient("M-en");
  p.language = Language::en;
  store_->write([&](Transaction& tx) { p.id = tx.insert_patient(p, "2026-11-25T08:00:00.000Z"); });
  std::optional<Patient> read;
  store_->read([&](Transaction& tx) { read = tx.find_patient(p.id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->language, Language::en);
  const std::string english = content_of(p.id);

  p.language = Language::fa;
  store_->write([&](Transaction& tx) { tx.update_patient(p); });
  store_->read([&](Transaction& tx) { read = tx.find_patient(p.id); });
  EXPECT_EQ(read->language, Language::fa);
  EXPECT_NE(content_of(p.id), english);

  raw_exec("UPDATE patients SET language = 'en' WHERE id = " + std::to_string(p.id));
  EXPECT_EQ(content_of(p.id), english);
  EXPECT_ANY_THROW(raw_exec("UPDATE patients SET language = 'de' WHERE id = " + std::to_string(p.id)));
}

// The e-mail address and the channel a patient's messages go by (0033) are stored and
// read back on either engine and vouched for once set; the pinned hash of a patient
// without them (above) does not move.
TEST_P(AuditEvidence, ThePatientsEmailAndChannelAreKeptAndVouchedFor) {
  Patient p = patient("M-mail");
  store_->write([&](Transaction& tx) { p.id = tx.insert_patient(p, "2026-11-25T08:00:00.000Z"); });
  const std::string without = content_of(p.id);
  p.email = "maryam@example.ir";
  store_->write([&](Transaction& tx) { tx.update_patient(p); });
  const std::string with_address = content_of(p.id);
  EXPECT_NE(with_address, without);
  p.preferred_channel = ContactChannel::email;
  store_->write([&](Transaction& tx) { tx.update_patient(p); });
  std::optional<Patient> read;
  store_->read([&](Transaction& tx) { read = tx.find_patient(p.id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->email, "maryam@example.ir");
  EXPECT_EQ(read->preferred_channel, ContactChannel::email);
  const std::string chosen = content_of(p.id);
  EXPECT_NE(chosen, with_address);
  // Changed behind regenpath's back: the hash says so.
  raw_exec("UPDATE patients SET email = 'someone.else@example.ir' WHERE id = " + std::to_string(p.id));
  EXPECT_NE(content_of(p.id), chosen);
  raw_exec("UPDATE patients SET email = 'maryam@example.ir' WHERE id = " + std::to_string(p.id));
  EXPECT_EQ(content_of(p.id), chosen);
  EXPECT_ANY_THROW(raw_exec("UPDATE patients SET preferred_channel = 'fax' WHERE id = " + std::to_string(p.id)));
}

// A cell product is its row and its chain of custody (store/product_content.hpp), hashed
// as SQLite stores them on either engine. Pinned like the patient: the value was computed
// by an independent implementation (Python's hashlib.blake2b over the tagged values).
TEST_P(AuditEvidence, TheProductContentFormatIsPinnedOnEitherEngine) {
  raw_exec(
      "INSERT INTO patients (id, centre_id, mrn, name_fa, name_latin, sex, birth_date, mobile, national_id, "
      "consent_treatment, consent_registry, consent_contact, created_at) VALUES (7, 'a', 'M-7', 'مریم', "
      "'Maryam Rezaei', 'female', '1961-03-21', '+989121234567', '0013542419', 1, 1, 0, "
      "'2026-11-25T08:00:00.000Z')");
  raw_exec(
      "INSERT INTO episodes (id, patient_id, centre_id, protocol_id, side, diagnosis_system, diagnosis_code, state, "
      "created_at, updated_at) VALUES (8, 7, 'a', 'hip-msc-v1', 'right', 'icd-10-cm', 'M16.11', 'harvested', "
      "'2026-11-25T08:00:00.000Z', '2026-11-25T08:00:00.000Z')");
  raw_exec(
      "INSERT INTO products (id, din, check_char, product_code, episode_id, patient_id, centre_id, source, state, "
      "harvest_side, harvest_volume_ml, passages, total_nucleated_cells, viability_percent, isct_markers_met, "
      "sterility, created_at, updated_at) VALUES (9, 'A999926000001', 'X', 'S0000', 8, 7, 'a', 'bone_marrow', "
      "'processing', 'right', 60.5, 2, 150000000, 85, 1, 'pending', '2026-12-01T06:30:00.000Z', "
      "'2026-12-01T07:30:00.000Z')");
  raw_exec(
      "INSERT INTO product_events (id, product_id, at, actor, role, location, kind, verified, detail) VALUES "
      "(11, 9, '2026-12-01T06:30:00.000Z', 'dr.a', 'surgeon', 'theatre', 'harvest', 'din A999926000001X', ''), "
      "(12, 9, '2026-12-01T07:00:00.000Z', 'lab.a', 'lab', 'lab', 'receipt', 'din A999926000001X', '4.2 C')");
  auto hash = [&] {
    std::string out;
    store_->read([&](Transaction& tx) { out = tx.record_content("product", 9)->hash; });
    return out;
  };
  const std::string pinned = "b9b314196203823467ba061c13a9cfd1af3308bd515b2ed41fbedef65a290f3e";
  EXPECT_EQ(hash(), pinned);
  // The row's viability and a custody event deleted: each is a change.
  raw_exec("UPDATE products SET viability_percent = 65 WHERE id = 9");
  EXPECT_NE(hash(), pinned);
  raw_exec("UPDATE products SET viability_percent = 85 WHERE id = 9");
  EXPECT_EQ(hash(), pinned);
  raw_exec("DELETE FROM product_events WHERE id = 12");
  EXPECT_NE(hash(), pinned);
}

// Each write of a product or of its chain notes the product: the transaction's audit row
// carries its content after the write, on both engines (PostgreSQL notes it in code).
TEST_P(AuditEvidence, AProductsRowAndEachCustodyEventAreVouchedForByTheirRow) {
  product::Product p;
  p.din = "A999926000001";
  p.product_code = "S0000";
  p.centre_id = "a";
  p.state = product::State::received;
  store_->write([&](Transaction& tx) {
    p.patient_id = tx.insert_patient(patient("M1"), "t");
    Episode e;
    e.patient_id = p.patient_id;
    e.centre_id = "a";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd-10-cm", "M16.11"};
    p.episode_id = tx.insert_episode(e, "t");
    tx.append_audit(entry("episode.create", std::to_string(p.episode_id)));
  });
  auto hash = [&] {
    std::string out;
    store_->read([&](Transaction& tx) { out = tx.record_content("product", p.id)->hash; });
    return out;
  };
  store_->write([&](Transaction& tx) {
    p.id = tx.insert_product(p, "t");
    tx.append_audit(entry("product.harvest", std::to_string(p.id)));
  });
  const std::string made = hash();
  EXPECT_EQ(rows().back().content, format_content({{"product", p.id, made}}));
  store_->write([&](Transaction& tx) {
    tx.insert_product_event({0, p.id, "t", "lab.a", "lab", "lab", "receipt", "din", ""});
    tx.append_audit(entry("product.receipt", std::to_string(p.id)));
  });
  const std::string received = hash();
  EXPECT_NE(received, made);
  EXPECT_EQ(rows().back().content, format_content({{"product", p.id, received}}));
  p.state = product::State::processing;
  p.viability_percent = 82.5;
  store_->write([&](Transaction& tx) {
    tx.update_product(p, "t2");
    tx.append_audit(entry("product.processing", std::to_string(p.id)));
  });
  EXPECT_NE(hash(), received);
  EXPECT_EQ(rows().back().content, format_content({{"product", p.id, hash()}}));
  // 0025's parts: the freeze, a storage reading and a culture passage each move it too.
  auto vouched_after = [&](const std::function<void(Transaction&)>& write) {
    const std::string before = hash();
    store_->write([&](Transaction& tx) {
      write(tx);
      tx.append_audit(entry("product.storage", std::to_string(p.id)));
    });
    EXPECT_NE(hash(), before);
    EXPECT_EQ(rows().back().content, format_content({{"product", p.id, hash()}}));
  };
  p.frozen_at = "2026-12-01T09:00:00.000Z";
  vouched_after([&](Transaction& tx) { tx.update_product(p, "t3"); });
  vouched_after([&](Transaction& tx) { tx.insert_product_reading({0, p.id, "t4", -150.5, "tank 2", "lab.a", false}); });
  vouched_after([&](Transaction& tx) {
    tx.replace_product_passages(p.id, {{1, CivilDate::from_ymd(2026, 12, 1), std::nullopt}});
  });
}

TEST(AuditChain, ARowWithContentOrShownHashesThemAndOlderRowsAsBefore) {
  AuditEntry e{
      "2026-11-25T08:00:00.000Z", "coordinator.a", "coordinator", "a", "episode.read", "episode", "42", "timeline"};
  const std::string plain = audit_hash(kAuditGenesis, 7, e);
  EXPECT_EQ(plain, "a94c296a436e1c2a9a5e034eac4db75a64f9769812735b4089d35af753711407");
  EXPECT_EQ(audit_hash(kAuditGenesis, 7, e, ""), plain);
  const std::string with_content = audit_hash(kAuditGenesis, 7, e, "v1 patient:1=" + std::string(64, 'a'));
  EXPECT_NE(with_content, plain);
  e.shown = "1,2";
  EXPECT_NE(audit_hash(kAuditGenesis, 7, e), plain);
  EXPECT_NE(audit_hash(kAuditGenesis, 7, e), with_content);
  // Pinned like the older format (also computed with Python's hashlib.blake2b).
  EXPECT_EQ(audit_hash(kAuditGenesis, 7, e, "v1 patient:1=" + std::string(64, 'a')),
            "668c0c4505a697a4889835c460cce74f5ef57b19e94fe24f0f5acc6ec44cd298");
}

TEST(AuditChain, ShownIsSortedUniqueIdsAndMatchesWholeIdsOnly) {
  EXPECT_EQ(format_shown({12, 3, 12, 40}), "3,12,40");
  EXPECT_EQ(format_shown({}), "");
  EXPECT_TRUE(shows_patient("3,12,40", 12));
  EXPECT_TRUE(shows_patient("3,12,40", 3));
  EXPECT_TRUE(shows_patient("3,12,40", 40));
  EXPECT_FALSE(shows_patient("3,12,40", 1));
  EXPECT_FALSE(shows_patient("3,12,40", 4));
  EXPECT_FALSE(shows_patient("", 0));
}

TEST(RecordContent, FormatAndParseRoundTripAndRefuseWhatIsNotIt) {
  const std::string h(64, 'b');
  const std::string text = format_content({{"patient", 3, h}, {"episode", 12, h}, {"episode", 2, h}});
  EXPECT_EQ(text, "v1 episode:2=" + h + " episode:12=" + h + " patient:3=" + h);
  const auto back = parse_content(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[1], (RecordHash{"episode", 12, h}));
  EXPECT_TRUE(parse_content("")->empty());
  for (const std::string& bad :
       {"v2 patient:1=" + h, "v1 centre:1=" + h, "v1 patient:x=" + h, std::string("v1 patient:1=abc"),
        "v1 patient:0=" + h, "v1  patient:1=" + h, "v1 patient:1=" + h + " ", "v1 patient:-1=" + h,
        "v1 patient:1=" + std::string(64, 'B')}) {
    EXPECT_FALSE(parse_content(bad)) << bad;
  }
}

}  // namespace
}  // namespace rp::store
