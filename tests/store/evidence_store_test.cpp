// The published evidence (evidence_entries: migration 0041) on every engine: an entry is
// written and read back whole (n absent or given, its claims in order), written again over
// its id, withdrawn with who and why and still read, and listed by protocol.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class EvidenceStore : public test::EngineTest {
 protected:
  void SetUp() override { store_ = open(); }

  static evidence::Entry entry(const std::string& id, const std::string& protocol) {
    evidence::Entry e;
    e.id = id;
    e.protocol = protocol;
    e.claims = {"success-75-85", "pain-relief-80-6m"};
    e.citation = "Mautner et al., Nature Medicine 2023";
    e.year = 2023;
    e.design = evidence::StudyDesign::randomised_trial;
    e.n = 480;
    e.stance = evidence::Stance::contradicts;
    e.finding = {"No better than a corticosteroid.", "بهتر از کورتون نبود."};
    e.link = "https://www.nature.com/articles/s41591-023-02632-w";
    e.version = 1;
    e.written_by = "surgeon.a";
    e.written_at = "2026-12-01T08:00:00.000Z";
    return e;
  }

  std::unique_ptr<Store> store_;
};
INSTANTIATE_ENGINES(EvidenceStore);

TEST_P(EvidenceStore, AnEntryIsKeptWholeWrittenAgainAndWithdrawn) {
  store_->write([&](Transaction& tx) {
    tx.save_evidence(entry("miles-2023", "hip-msc-v1"));
    auto guideline = entry("acr-2019", "hip-msc-v1");
    guideline.design = evidence::StudyDesign::guideline;
    guideline.n.reset();
    tx.save_evidence(guideline);
    tx.save_evidence(entry("other", "knee-prp-test"));
  });
  store_->read([&](Transaction& tx) {
    const auto hip = tx.evidence_entries(std::string("hip-msc-v1"));
    ASSERT_EQ(hip.size(), 2U);
    EXPECT_EQ(hip[0].id, "acr-2019") << "by id";
    EXPECT_FALSE(hip[0].n);
    EXPECT_EQ(hip[0].design, evidence::StudyDesign::guideline);
    EXPECT_EQ(hip[1].claims, (std::vector<std::string>{"success-75-85", "pain-relief-80-6m"}));
    EXPECT_EQ(*hip[1].n, 480);
    EXPECT_EQ(hip[1].finding.fa, "بهتر از کورتون نبود.");
    EXPECT_FALSE(hip[1].withdrawn_at);
    EXPECT_EQ(tx.evidence_entries(std::nullopt).size(), 3U);
  });
  auto changed = entry("miles-2023", "hip-msc-v1");
  changed.version = 2;
  changed.claims = {"success-75-85"};
  changed.withdrawn_at = "2026-12-02T08:00:00.000Z";
  changed.withdrawn_by = "admin.a";
  changed.withdrawn_reason = "superseded";
  store_->write([&](Transaction& tx) { tx.save_evidence(changed); });
  store_->read([&](Transaction& tx) {
    const auto hip = tx.evidence_entries(std::string("hip-msc-v1"));
    ASSERT_EQ(hip.size(), 2U);
    EXPECT_EQ(hip[1].version, 2);
    EXPECT_EQ(hip[1].claims, std::vector<std::string>{"success-75-85"});
    ASSERT_TRUE(hip[1].withdrawn_at);
    EXPECT_EQ(hip[1].withdrawn_by, "admin.a");
    EXPECT_EQ(hip[1].withdrawn_reason, "superseded");
  });
}

}  // namespace
}  // namespace rp::store
