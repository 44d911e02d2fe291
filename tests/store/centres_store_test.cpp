// A centre's row on every engine (store/centre_columns.hpp): every field of the record,
// the directory's (address, map link, services) and the licence's issuer and last valid
// day included, reads back as written, an unset expiry and no services included, and an
// update replaces each field.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class CentresStore : public test::EngineTest {
 protected:
  void SetUp() override { store_ = open(); }
  std::unique_ptr<Store> store_;
};
INSTANTIATE_ENGINES(CentresStore);

Centre full_centre() {
  Centre c{"tehran-1",
           "Tehran Cell Therapy Centre",
           "مرکز سلول‌درمانی تهران",
           "Tehran",
           "تهران",
           "licensed",
           "TH-1402-117",
           "+982100000001",
           "W1234",
           "+989121234567"};
  c.address_en = "10 North Kargar St";
  c.address_fa = "خیابان کارگر شمالی، پلاک ۱۰";
  c.map_url = "https://www.openstreetmap.org/?mlat=35.70&mlon=51.39";
  c.services = {"bone_marrow", "expansion_lab", "ultrasound"};
  c.licence_issuer = "Ministry of Health";
  c.licence_expires = CivilDate::from_ymd(2027, 3, 20);
  return c;
}

TEST_P(CentresStore, EveryFieldReadsBackAsWritten) {
  const Centre c = full_centre();
  Centre bare{"shiraz-1", "Shiraz Clinic", "درمانگاه شیراز", "", "", "pending", "", "", "", ""};
  store_->write([&](Transaction& tx) {
    tx.upsert_centre(c);
    tx.upsert_centre(bare);
  });
  store_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.find_centre("tehran-1"), c);
    const auto shiraz = tx.find_centre("shiraz-1");
    ASSERT_TRUE(shiraz);
    EXPECT_EQ(*shiraz, bare);
    EXPECT_TRUE(shiraz->services.empty());
    EXPECT_FALSE(shiraz->licence_expires);
    EXPECT_EQ(tx.list_centres().size(), 2U);
  });
}

TEST_P(CentresStore, AnUpdateReplacesEachField) {
  Centre c = full_centre();
  store_->write([&](Transaction& tx) { tx.upsert_centre(c); });
  c.services = {"adipose"};
  c.licence_expires.reset();
  c.licence_status = "suspended";
  c.map_url.clear();
  store_->write([&](Transaction& tx) { tx.upsert_centre(c); });
  store_->read([&](Transaction& tx) { EXPECT_EQ(tx.find_centre("tehran-1"), c); });
}

}  // namespace
}  // namespace rp::store
