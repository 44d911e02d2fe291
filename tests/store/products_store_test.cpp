// Cell products and their custody chain (migration 0021) on every engine: every field
// stored and read back, a DIN used once, the next sequence of a facility, episodes already
// past harvest migrated into products with a correct check character, and (PostgreSQL)
// a centre's transaction seeing only its own products.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "base/error.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "tests/support/pg_app_role.hpp"

namespace rp::store {
namespace {

class ProductsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      for (const char* c : {"a", "b"}) tx.upsert_centre({c, "Centre", "مرکز", "", "", "licensed", "", ""});
      Patient p;
      p.centre_id = "a";
      p.mrn = "M1";
      p.name_latin = "Test Patient";
      p.birth_date = CivilDate::from_ymd(1960, 5, 1);
      patient_ = tx.insert_patient(p, "t");
      episode_ = tx.insert_episode(episode(EpisodeState::harvested), "t");
    });
  }

  Episode episode(EpisodeState state) const {
    Episode e;
    e.patient_id = patient_;
    e.centre_id = "a";
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd-10-cm", "M16.11"};
    e.state = state;
    return e;
  }

  product::Product full_product() const {
    product::Product p;
    p.din = "A999926000001";
    p.product_code = "S1234V00";
    p.episode_id = episode_;
    p.patient_id = patient_;
    p.centre_id = "a";
    p.source = CellSource::adipose;
    p.state = product::State::released;
    p.harvest_side = Side::left;
    p.harvest_volume_ml = 60.5;
    p.anaesthesia = "local";
    p.harvest_started_at = "2026-12-01T06:00:00.000Z";
    p.harvest_ended_at = "2026-12-01T06:35:00.000Z";
    p.harvested_by = "dr.a";
    p.received_at = "2026-12-01T07:00:00.000Z";
    p.received_by = "lab.a";
    p.receipt_temperature_c = 4.2;
    p.method = product::Method::culture_expansion;
    p.passages = 3;
    p.processed_at = "2026-12-02T07:00:00.000Z";
    p.processed_by = "lab.a";
    p.total_nucleated_cells = 1.2345678901e9;
    p.viability_percent = 69.9;
    p.cfu_f = 41;
    p.isct_markers_met = true;
    p.sterility = {product::QcResult::pending, CivilDate::from_ymd(2026, 12, 9)};
    p.endotoxin.result = product::QcResult::passed;
    p.mycoplasma.result = product::QcResult::not_done;
    p.expires_at = "2026-12-03T07:00:00.000Z";
    p.released_at = "2026-12-02T09:00:00.000Z";
    p.released_by = "lab.b";
    p.exception_by = "dr.a";
    p.exception_reason = "viability just under the limit; the patient declined a second harvest";
    p.exception_criteria = {"viability", "sterility"};
    p.frozen_at = "2026-12-02T08:00:00.000Z";
    p.thawed_at = "2026-12-02T08:30:00.000Z";
    p.isct = {99.5, 98.25, 97, 0.5, 1.75, 0, 0.1, 1.9};
    return p;
  }

  void raw_exec(const std::string& sql) {
    if (postgres())
      postgres::Connection(db()).run(sql);
    else
      SQLite::Database(db().substr(7), SQLite::OPEN_READWRITE).exec(sql);
  }

  // din|check_char of every product, by id, read as another program would.
  std::vector<std::string> raw_checks() {
    const std::string sql = "SELECT din || '|' || check_char FROM products ORDER BY id";
    std::vector<std::string> out;
    if (postgres()) {
      postgres::Connection c(db());
      c.run("SELECT set_config('regenpath.centre', '*', false)");
      auto r = c.exec(sql);
      for (int i = 0; i < r.rows(); ++i) out.push_back(r.text(i, 0));
    } else {
      SQLite::Database d(db().substr(7), SQLite::OPEN_READONLY);
      SQLite::Statement q(d, sql);
      while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    }
    return out;
  }

  std::unique_ptr<Store> store_;
  std::int64_t patient_ = 0, episode_ = 0;
};
INSTANTIATE_ENGINES(ProductsStore);

void expect_same(const product::Product& a, const product::Product& b) {
  EXPECT_EQ(a.din, b.din);
  EXPECT_EQ(a.product_code, b.product_code);
  EXPECT_EQ(a.episode_id, b.episode_id);
  EXPECT_EQ(a.patient_id, b.patient_id);
  EXPECT_EQ(a.centre_id, b.centre_id);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.state, b.state);
  EXPECT_EQ(a.migrated, b.migrated);
  EXPECT_EQ(a.harvest_side, b.harvest_side);
  EXPECT_EQ(a.harvest_volume_ml, b.harvest_volume_ml);
  EXPECT_EQ(a.anaesthesia, b.anaesthesia);
  EXPECT_EQ(a.harvest_started_at, b.harvest_started_at);
  EXPECT_EQ(a.harvest_ended_at, b.harvest_ended_at);
  EXPECT_EQ(a.harvested_by, b.harvested_by);
  EXPECT_EQ(a.received_at, b.received_at);
  EXPECT_EQ(a.received_by, b.received_by);
  EXPECT_EQ(a.receipt_temperature_c, b.receipt_temperature_c);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.passages, b.passages);
  EXPECT_EQ(a.processed_at, b.processed_at);
  EXPECT_EQ(a.processed_by, b.processed_by);
  EXPECT_EQ(a.total_nucleated_cells, b.total_nucleated_cells);
  EXPECT_EQ(a.viability_percent, b.viability_percent);
  EXPECT_EQ(a.cfu_f, b.cfu_f);
  EXPECT_EQ(a.isct_markers_met, b.isct_markers_met);
  EXPECT_EQ(a.sterility.result, b.sterility.result);
  EXPECT_EQ(a.sterility.due, b.sterility.due);
  EXPECT_EQ(a.endotoxin.result, b.endotoxin.result);
  EXPECT_EQ(a.mycoplasma.result, b.mycoplasma.result);
  EXPECT_EQ(a.expires_at, b.expires_at);
  EXPECT_EQ(a.released_at, b.released_at);
  EXPECT_EQ(a.released_by, b.released_by);
  EXPECT_EQ(a.exception_by, b.exception_by);
  EXPECT_EQ(a.exception_reason, b.exception_reason);
  EXPECT_EQ(a.exception_criteria, b.exception_criteria);
  EXPECT_EQ(a.used_at, b.used_at);
  EXPECT_EQ(a.used_by, b.used_by);
  EXPECT_EQ(a.frozen_at, b.frozen_at);
  EXPECT_EQ(a.thawed_at, b.thawed_at);
  for (const auto& [x, y] : {std::pair{a.isct.cd105, b.isct.cd105},
                             {a.isct.cd73, b.isct.cd73},
                             {a.isct.cd90, b.isct.cd90},
                             {a.isct.cd45, b.isct.cd45},
                             {a.isct.cd34, b.isct.cd34},
                             {a.isct.cd14_or_cd11b, b.isct.cd14_or_cd11b},
                             {a.isct.cd79a_or_cd19, b.isct.cd79a_or_cd19},
                             {a.isct.hla_dr, b.isct.hla_dr}})
    EXPECT_EQ(x, y);
}

TEST_P(ProductsStore, EveryFieldIsStoredUpdatedAndReadBack) {
  product::Product p = full_product();
  store_->write([&](Transaction& tx) { p.id = tx.insert_product(p, "t1"); });
  store_->read([&](Transaction& tx) {
    const auto by_id = tx.find_product(p.id);
    ASSERT_TRUE(by_id);
    expect_same(*by_id, p);
    const auto by_din = tx.find_product_by_din(p.din);
    ASSERT_TRUE(by_din);
    EXPECT_EQ(by_din->id, p.id);
    EXPECT_FALSE(tx.find_product_by_din("A999926000002"));
  });
  p.state = product::State::used;
  p.used_at = "2026-12-02T11:00:00.000Z";
  p.used_by = "dr.a";
  p.harvest_volume_ml.reset();
  p.exception_criteria.clear();
  p.sterility = {product::QcResult::passed, std::nullopt};
  p.thawed_at.clear();
  p.isct.cd34.reset();
  store_->write([&](Transaction& tx) { tx.update_product(p, "t2"); });
  store_->read([&](Transaction& tx) { expect_same(*tx.find_product(p.id), p); });
  product::Product missing = p;
  missing.id = 999;
  EXPECT_THROW(store_->write([&](Transaction& tx) { tx.update_product(missing, "t3"); }), NotFoundError);
}

TEST_P(ProductsStore, ADinNamesOneProductAndSequencesCountOn) {
  product::Product p = full_product();
  store_->write([&](Transaction& tx) { tx.insert_product(p, "t"); });
  try {
    store_->write([&](Transaction& tx) { tx.insert_product(p, "t"); });
    ADD_FAILURE() << "a second product took the DIN";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.field(), "din");
    EXPECT_EQ(e.code(), "product_din_used");
  }
  p.din = "A999926000017";
  p.state = product::State::processing;
  store_->write([&](Transaction& tx) { tx.insert_product(p, "t"); });
  p.din = "A999925000040";
  store_->write([&](Transaction& tx) { tx.insert_product(p, "t"); });
  store_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.last_din_sequence("A999926"), 17);
    EXPECT_EQ(tx.last_din_sequence("A999925"), 40);
    EXPECT_EQ(tx.last_din_sequence("B000026"), 0);
    EXPECT_EQ(tx.list_products({}).size(), 3U);
    ProductQuery q;
    q.state = product::State::processing;
    EXPECT_EQ(tx.list_products(q).size(), 2U);
    q.centre_id = "b";
    EXPECT_TRUE(tx.list_products(q).empty());
    q = {};
    q.limit = 1;
    EXPECT_EQ(tx.list_products(q).size(), 1U);
  });
}

// Migration 0022: a centre's facility code, kept, changed and cleared; a code of another
// length is refused by the table itself.
TEST_P(ProductsStore, ACentreKeepsItsFacilityCode) {
  store_->read([&](Transaction& tx) { EXPECT_EQ(tx.find_centre("a")->facility_code, ""); });
  Centre a{"a", "Centre", "مرکز", "", "", "licensed", "", "", "A1B2C"};
  store_->write([&](Transaction& tx) { tx.upsert_centre(a); });
  store_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.find_centre("a")->facility_code, "A1B2C");
    EXPECT_EQ(tx.find_centre("b")->facility_code, "");
    for (const auto& c : tx.list_centres()) EXPECT_EQ(c.facility_code, c.id == "a" ? "A1B2C" : "");
  });
  a.facility_code = "ABCDEF";
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.upsert_centre(a); }));
  a.facility_code = "";
  store_->write([&](Transaction& tx) { tx.upsert_centre(a); });
  store_->read([&](Transaction& tx) { EXPECT_EQ(tx.find_centre("a")->facility_code, ""); });
}

TEST_P(ProductsStore, TheCustodyChainIsKeptInOrder) {
  product::Product p = full_product();
  store_->write([&](Transaction& tx) {
    p.id = tx.insert_product(p, "t");
    tx.insert_product_event(
        {0, p.id, "2026-12-01T06:40:00.000Z", "dr.a", "surgeon", "theatre 2", "harvest", "wristband M1", ""});
    tx.insert_product_event(
        {0, p.id, "2026-12-01T07:00:00.000Z", "lab.a", "lab", "lab", "receipt", "din A999926000001", "4.2 C"});
  });
  store_->read([&](Transaction& tx) {
    const auto chain = tx.product_events(p.id);
    ASSERT_EQ(chain.size(), 2U);
    EXPECT_EQ(chain[0].kind, "harvest");
    EXPECT_EQ(chain[0].location, "theatre 2");
    EXPECT_EQ(chain[0].verified, "wristband M1");
    EXPECT_EQ(chain[1].kind, "receipt");
    EXPECT_EQ(chain[1].actor, "lab.a");
    EXPECT_EQ(chain[1].detail, "4.2 C");
    EXPECT_LT(chain[0].id, chain[1].id);
  });
}

TEST_P(ProductsStore, EpisodesPastHarvestBecomeMigratedProducts) {
  std::int64_t injected = 0, scheduled = 0;
  store_->write([&](Transaction& tx) {
    Episode e = episode(EpisodeState::injected);
    e.harvest_date = CivilDate::from_ymd(2025, 3, 1);
    e.injection_date = CivilDate::from_ymd(2025, 3, 2);
    e.injected_by = "dr.a";
    e.cell_source = CellSource::bone_marrow;
    injected = tx.insert_episode(e, "2025-02-01T00:00:00.000Z");
    scheduled = tx.insert_episode(episode(EpisodeState::scheduled), "t");
  });
  store_.reset();
  // The database as it was before 0021: no products (nor 0022's facility code, nor 0023's index,
  // which goes with its table, nor 0024's first product the audit rows vouch for, nor 0025's
  // readings and passages, nor 0026's calendar feeds, nor 0028's outbox, nor 0029's patient
  // language, nor 0031's on-call mobile, nor 0032's re-plan marks, nor 0033's e-mail, nor 0034's price lists, nor
  // 0035's centre directory, nor 0036's ratings, nor 0037's education pages, nor 0038's payment plans, nor 0039's
  // agreed estimates, nor 0040's reversals, which go with their table, nor 0041's evidence, nor 0042's page
  // withdrawals, which go with their table, nor 0043's consent documents, nor 0044's signed consents, nor 0046's FHIR
  // links, nor 0047's imaging links and grades, nor 0048's bulk exports, nor 0049's sheet
  // exports), version 20.
  raw_exec(postgres() ? "DROP FUNCTION regenpath_replan_episodes, regenpath_replan_schedule_rows, "
                        "regenpath_replan_schedule_item, regenpath_replan_patients, regenpath_replan_centres "
                        "CASCADE; DROP TABLE messages_replan"
                      : "DROP TRIGGER messages_replan_episode_insert; DROP TRIGGER messages_replan_episode_update; "
                        "DROP TRIGGER messages_replan_schedule_insert; DROP TRIGGER messages_replan_schedule_update; "
                        "DROP TRIGGER messages_replan_schedule_delete; DROP TRIGGER messages_replan_patient_update; "
                        "DROP TRIGGER messages_replan_centre_update; DROP TABLE messages_replan");
  raw_exec(
      "DROP TABLE sheet_export_parts; DROP TABLE sheet_export_files; DROP TABLE sheet_exports; "
      "DROP TABLE bulk_export_files; DROP TABLE bulk_exports; DROP TABLE radiographic_grades; DROP TABLE "
      "imaging_links; DROP TABLE fhir_links; DROP TABLE consent_signatures; "
      "DROP TABLE consent_documents; DROP TABLE "
      "evidence_entries; DROP TABLE "
      "plan_payers; DROP TABLE plan_lines; DROP "
      "TABLE payments; DROP TABLE "
      "plan_instalments; DROP TABLE "
      "payment_plans; DROP TABLE education_pages; DROP "
      "TABLE ratings; ALTER TABLE centres DROP COLUMN address_en; ALTER TABLE centres DROP COLUMN address_fa; "
      "ALTER TABLE centres DROP COLUMN map_url; ALTER TABLE centres DROP COLUMN services; "
      "ALTER TABLE centres DROP COLUMN licence_issuer; ALTER TABLE centres DROP COLUMN licence_expires; "
      "DROP TABLE price_list_lines; DROP TABLE price_lists; "
      "ALTER TABLE patients DROP COLUMN preferred_channel; ALTER TABLE patients DROP COLUMN email; "
      "ALTER TABLE centres DROP COLUMN on_call_mobile; ALTER TABLE patients DROP COLUMN language; "
      "DROP TABLE message_attempts; DROP TABLE messages; DROP INDEX "
      "episodes_on_pathway; DROP TABLE calendar_feeds; "
      "DROP TABLE product_readings; DROP TABLE product_passages; DROP TABLE product_events; "
      "DROP TABLE products; ALTER TABLE centres DROP COLUMN facility_code; "
      "DELETE FROM audit_content_start WHERE kind = 'product'; "
      "DELETE FROM schema_version WHERE version >= 21");
  store_ = open();
  std::vector<product::Product> products;
  store_->read([&](Transaction& tx) { products = tx.list_products({}); });
  ASSERT_EQ(products.size(), 2U);  // the harvested and the injected episode, not the scheduled one
  for (const auto& p : products) {
    EXPECT_TRUE(p.migrated);
    EXPECT_NE(p.episode_id, scheduled);
    EXPECT_EQ(p.patient_id, patient_);
    EXPECT_EQ(p.din.substr(0, 5), "RPMIG");
    // The DIN reads as a DIN, and the check character SQL wrote is MOD 37-2's.
    EXPECT_NO_THROW(product::parse_din(p.din));
  }
  const auto& harvested = products[0].episode_id == episode_ ? products[0] : products[1];
  const auto& used = products[0].episode_id == injected ? products[0] : products[1];
  EXPECT_EQ(harvested.state, product::State::processing);
  EXPECT_EQ(used.state, product::State::used);
  EXPECT_EQ(used.used_by, "dr.a");
  EXPECT_EQ(used.source, CellSource::bone_marrow);
  EXPECT_EQ(used.din.substr(5, 2), "25");  // the harvest's year
  for (const std::string& row : raw_checks()) {
    const std::string din = row.substr(0, 13);
    EXPECT_EQ(row.substr(14), std::string(1, product::parse_din(din).check())) << row;
  }
  store_->read([&](Transaction& tx) {
    const auto chain = tx.product_events(used.id);
    ASSERT_EQ(chain.size(), 1U);
    EXPECT_EQ(chain[0].kind, "migrated");
    // No audit row vouches for them: `audit verify` counts them as not checkable (0024).
    EXPECT_GT(tx.first_id_with_content("product"), std::max(products[0].id, products[1].id));
  });
}

// Migration 0025: storage readings in the order they were read, whatever order they were
// written in; culture passages replaced as a whole list, a running one without its harvest.
TEST_P(ProductsStore, ReadingsAndPassagesAreKeptAndReadBack) {
  product::Product p = full_product();
  store_->write([&](Transaction& tx) {
    p.id = tx.insert_product(p, "t");
    tx.insert_product_reading({0, p.id, "2026-12-02T10:00:00.000Z", -150.5, "tank 1", "lab.a", false});
    tx.insert_product_reading({0, p.id, "2026-12-02T09:00:00.000Z", -120, "tank 1", "lab.b", true});
    tx.replace_product_passages(p.id, {{1, CivilDate::from_ymd(2026, 11, 1), CivilDate::from_ymd(2026, 11, 8)},
                                       {2, CivilDate::from_ymd(2026, 11, 8), std::nullopt}});
  });
  store_->write([&](Transaction& tx) {
    tx.replace_product_passages(p.id, {{1, CivilDate::from_ymd(2026, 11, 1), CivilDate::from_ymd(2026, 11, 8)},
                                       {2, CivilDate::from_ymd(2026, 11, 8), CivilDate::from_ymd(2026, 11, 15)},
                                       {3, CivilDate::from_ymd(2026, 11, 15), std::nullopt}});
  });
  store_->read([&](Transaction& tx) {
    const auto readings = tx.product_readings(p.id);
    ASSERT_EQ(readings.size(), 2U);
    EXPECT_EQ(readings[0].at, "2026-12-02T09:00:00.000Z");
    EXPECT_EQ(readings[0].temperature_c, -120);
    EXPECT_EQ(readings[0].by, "lab.b");
    EXPECT_TRUE(readings[0].excursion);
    EXPECT_EQ(readings[1].temperature_c, -150.5);
    EXPECT_EQ(readings[1].location, "tank 1");
    EXPECT_FALSE(readings[1].excursion);
    const auto passages = tx.product_passages(p.id);
    ASSERT_EQ(passages.size(), 3U);
    EXPECT_EQ(passages[1].n, 2);
    EXPECT_EQ(passages[1].harvested_on, CivilDate::from_ymd(2026, 11, 15));
    EXPECT_FALSE(passages[2].harvested_on);
    EXPECT_TRUE(tx.product_readings(p.id + 1).empty());
  });
  // A reading out of any storage's range is refused by the table itself.
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) {
    tx.insert_product_reading({0, p.id, "2026-12-02T11:00:00.000Z", 90, "oven", "lab.a", false});
  }));
}

// Migration 0027: the products with a QC result pending, by id, released and used ones
// too; neither those set aside nor another centre's.
TEST_P(ProductsStore, TheWorklistReadsTheProductsWithAResultPending) {
  std::vector<std::int64_t> ids;
  store_->write([&](Transaction& tx) {
    const std::pair<product::State, product::QcResult> made[] = {
        {product::State::released, product::QcResult::pending},
        {product::State::used, product::QcResult::passed},
        {product::State::used, product::QcResult::pending},
        {product::State::discarded, product::QcResult::pending}};
    int seq = 10;
    for (const auto& [state, sterility] : made) {
      product::Product p = full_product();
      p.din = "A99992600001" + std::to_string(seq++ % 10);
      p.state = state;
      p.sterility = {sterility, CivilDate::from_ymd(2026, 12, 9)};
      p.endotoxin.result = product::QcResult::passed;
      ids.push_back(tx.insert_product(p, "t"));
    }
    product::Product other = full_product();
    other.din = "A999926000099";
    other.centre_id = "b";
    other.mycoplasma.result = product::QcResult::pending;
    tx.insert_product(other, "t");
  });
  store_->read([&](Transaction& tx) {
    const auto rows = tx.worklist_qc_pending("a", 10);
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].din, "A999926000010");
    EXPECT_EQ(rows[0].state, "released");
    EXPECT_EQ(rows[0].sterility.result, product::QcResult::pending);
    EXPECT_EQ(rows[0].sterility.due, CivilDate::from_ymd(2026, 12, 9));
    EXPECT_EQ(rows[0].endotoxin.result, product::QcResult::passed);
    EXPECT_EQ(rows[0].who.patient_id, patient_);
    EXPECT_EQ(rows[0].who.mrn, "M1");
    EXPECT_EQ(rows[1].state, "used");
    EXPECT_EQ(tx.worklist_qc_pending("a", 1).size(), 1U);
  });
}

TEST_P(ProductsStore, ACentreSeesOnlyItsOwnProducts) {
  if (!postgres()) GTEST_SKIP() << "SQLite has no row security: the service's checks are its wall";
  product::Product p = full_product();
  store_->write([&](Transaction& tx) {
    p.id = tx.insert_product(p, "t");
    tx.insert_product_event({0, p.id, "t", "dr.a", "surgeon", "", "harvest", "", ""});
    tx.insert_product_reading({0, p.id, "t", 4, "lab", "lab.a", false});
  });
  // As the unprivileged role a server connects as: the superuser that owns the test
  // cluster is above row security.
  store_.reset();
  store_ = store::open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
  store_->read(CentreScope::of_centre("b"), [&](Transaction& tx) {
    EXPECT_FALSE(tx.find_product(p.id));
    EXPECT_TRUE(tx.list_products({}).empty());
    EXPECT_TRUE(tx.product_events(p.id).empty());
    EXPECT_TRUE(tx.product_readings(p.id).empty());
  });
  store_->read(CentreScope::of_centre("a"), [&](Transaction& tx) {
    EXPECT_TRUE(tx.find_product(p.id));
    EXPECT_EQ(tx.product_events(p.id).size(), 1U);
  });
}

// The worklist's two product sections: the lab's products not yet released, the soonest to
// expire first (released, used and other centres' left out), and the bedside checks that
// refused a product since an instant, the latest first (checks that passed left out).
TEST_P(ProductsStore, TheWorklistReadsTheLabsProductsAndTheRefusedChecks) {
  std::vector<std::int64_t> ids;
  store_->write([&](Transaction& tx) {
    const std::pair<product::State, const char*> made[] = {{product::State::processing, "2026-12-03T07:00:00.000Z"},
                                                           {product::State::quarantined, "2026-12-02T07:00:00.000Z"},
                                                           {product::State::released, "2026-12-01T07:00:00.000Z"},
                                                           {product::State::awaiting_release, ""}};
    int seq = 10;
    for (const auto& [state, expires] : made) {
      product::Product p = full_product();
      p.din = "A9999260000" + std::to_string(++seq);
      p.state = state;
      p.expires_at = expires;
      ids.push_back(tx.insert_product(p, "t"));
    }
    auto check = [&](std::int64_t id, const char* at, const char* verdict) {
      tx.insert_product_event(
          {0, id, at, "dr.a", "surgeon", "room 3", "bedside_check", "din X, wristband M9", verdict});
    };
    check(ids[2], "2026-12-01T08:00:00.000Z", "ok");
    check(ids[2], "2026-12-01T09:00:00.000Z", "wrong_patient");
    check(ids[0], "2026-12-03T09:00:00.000Z", "not_released");
    check(ids[0], "2026-11-20T09:00:00.000Z", "not_released");  // before the window
  });
  store_->read([&](Transaction& tx) {
    std::vector<std::string> lab;
    for (const auto& r : tx.worklist_awaiting_release("a", 10)) lab.push_back(r.din + " " + r.state);
    EXPECT_EQ(lab, (std::vector<std::string>{"A999926000012 quarantined", "A999926000011 processing",
                                             "A999926000014 awaiting_release"}));
    EXPECT_EQ(tx.worklist_awaiting_release("a", 1).size(), 1U);
    EXPECT_TRUE(tx.worklist_awaiting_release("b", 10).empty());
    const auto refused = tx.worklist_bedside_refusals("a", "2026-11-30T00:00:00.000Z", 10);
    ASSERT_EQ(refused.size(), 2U);
    EXPECT_EQ(refused[0].verdict, "not_released");
    EXPECT_EQ(refused[0].din, "A999926000011");
    EXPECT_EQ(refused[1].verdict, "wrong_patient");
    EXPECT_EQ(refused[1].location, "room 3");
    EXPECT_EQ(refused[1].scanned, "din X, wristband M9");
    EXPECT_EQ(refused[1].who.mrn, "M1");
    EXPECT_EQ(refused[1].who.episode_id, episode_);
    EXPECT_TRUE(tx.worklist_bedside_refusals("b", "2026-11-30T00:00:00.000Z", 10).empty());
  });
}

}  // namespace
}  // namespace rp::store
