// The injecting operator's rules (service/pathway.cpp): who may be named, when it must be
// named, and that a change after the injection says why and is audited.
#include <gtest/gtest.h>

#include "../store/store_test_support.hpp"
#include "base/error.hpp"
#include "demo/product_walk.hpp"
#include "eligible_findings.hpp"
#include "service/accounts.hpp"
#include "service/pathway.hpp"
#include "service/products.hpp"

namespace rp::service {
namespace {

constexpr std::int64_t k20261118 = 1795000000000;  // noon-ish UTC, 2026-11-18

class InjectingOperatorRules : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    pathway_ = std::make_unique<Pathway>(*store_, Clock::fixed(k20261118));
    for (const char* c : {"a", "b"}) pathway_->upsert_centre(op_, {c, "C", "م", "", "", "licensed", "", ""});
    Accounts accounts(*store_, Clock::fixed(k20261118));
    accounts.create(op_, "dr-a", "surgeon", "a", "walk-the-path-2026");
    accounts.create(op_, "dr-a2", "surgeon", "a", "walk-the-path-2026");
    accounts.create(op_, "dr-b", "surgeon", "b", "walk-the-path-2026");
    accounts.create(op_, "co-a", "coordinator", "a", "walk-the-path-2026");
    accounts.create(op_, "gone-a", "surgeon", "a", "walk-the-path-2026");
    accounts.update(op_, "gone-a", AccountChange{std::nullopt, true});
    Patient p;
    p.centre_id = "a";
    p.mrn = "M1";
    p.name_latin = "Test";
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.national_id = test::test_national_id(p.mrn);
    p.consent.treatment = true;
    p = pathway_->add_patient(coordinator_a_, p);
    Episode e;
    e.patient_id = p.id;
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
    episode_ = pathway_->add_episode(coordinator_a_, e).id;
  }

  // Referral to the product's release, with cell source and guidance recorded.
  void walk_to_release() {
    pathway_->advance(coordinator_a_, episode_, {EpisodeState::screening, "", std::nullopt});
    pathway_->assess_eligibility(surgeon_a_, episode_, test::eligible_hip_findings());
    pathway_->advance(surgeon_a_, episode_, {EpisodeState::eligible, "", std::nullopt});
    pathway_->advance(surgeon_a_, episode_, {EpisodeState::workup, "", std::nullopt});
    pathway_->plan(coordinator_a_, episode_, CivilDate::from_ymd(2026, 11, 18), CivilDate::from_ymd(2026, 11, 18));
    pathway_->advance(coordinator_a_, episode_, {EpisodeState::scheduled, "", std::nullopt});
    pathway_->update_details(surgeon_a_, episode_,
                             details(std::nullopt, CellSource::bone_marrow, Guidance::ultrasound));
    demo::walk_product(*store_, Clock::fixed(k20261118), {surgeon_a_, lab_a_, lab_a2_, surgeon_a_}, episode_,
                       EpisodeState::product_released);
  }

  // The injection through the bedside check: the product and the wristband scanned.
  Episode inject(const Actor& by) {
    std::vector<product::Product> products;
    store_->read([&](store::Transaction& tx) {
      products = tx.list_products({std::nullopt, std::nullopt, episode_, 1});
    });
    InjectionRecord shot;
    shot.din = products.at(0).din;
    shot.mrn = "M1";
    Products(*store_, Clock::fixed(k20261118)).inject(by, shot);
    return pathway_->episode_record(by, episode_).episode;
  }

  static Pathway::Details details(std::optional<std::string> by, std::optional<CellSource> source = std::nullopt,
                                  std::optional<Guidance> guidance = std::nullopt, std::string reason = "") {
    Pathway::Details d;
    d.cell_source = source;
    d.guidance = guidance;
    d.reason = std::move(reason);
    d.injected_by = std::move(by);
    return d;
  }

  std::string field_refused(const std::string& username) {
    try {
      pathway_->update_details(coordinator_a_, episode_, details(username));
    } catch (const InputError& e) {
      return e.field() + " " + e.code();
    }
    return "accepted";
  }

  std::vector<store::AuditRow> audit() {
    std::vector<store::AuditRow> rows;
    store_->read([&](store::Transaction& tx) { rows = tx.audit_rows(0, 100000); });
    return rows;
  }

  test::TempDb db_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Pathway> pathway_;
  std::int64_t episode_ = 0;
  Actor op_ = Actor::cli_operator();
  Actor surgeon_a_{"dr-a", Role::surgeon, "a"};
  Actor coordinator_a_{"co-a", Role::coordinator, "a"};
  Actor lab_a_{"lab-a", Role::lab, "a"};
  Actor lab_a2_{"lab-a2", Role::lab, "a"};  // releases what lab-a processed
};

TEST_F(InjectingOperatorRules, OnlyAnActiveSurgeonOfTheEpisodesCentre) {
  const auto before = audit().size();
  for (const char* who : {"nobody", "dr-b", "co-a", "gone-a"})
    EXPECT_EQ(field_refused(who), "injected_by injected_by_not_an_operator") << who;
  EXPECT_EQ(audit().size(), before);  // a refusal writes nothing
  // The coordinator records it for the surgeon, as staff who know it would.
  EXPECT_EQ(field_refused("dr-a2"), "accepted");
  EXPECT_EQ(pathway_->episode_record(surgeon_a_, episode_).episode.injected_by, "dr-a2");
  // The list the screen offers is the same rule: the centre's active surgeons, by name.
  EXPECT_EQ(pathway_->injecting_operators(coordinator_a_, episode_), (std::vector<std::string>{"dr-a", "dr-a2"}));
  EXPECT_THROW(pathway_->injecting_operators(lab_a_, episode_), ForbiddenError);
  EXPECT_THROW(pathway_->injecting_operators(Actor{"dr-b", Role::surgeon, "b"}, episode_), NotFoundError);
}

TEST_F(InjectingOperatorRules, TheInjectionRecordsWhoDidIt) {
  walk_to_release();
  // Not by moving the episode: the injection is the product's, at the bedside check.
  try {
    pathway_->advance(surgeon_a_, episode_, {EpisodeState::injected, "", std::nullopt});
    ADD_FAILURE() << "injected without the bedside check";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.field(), "to");
    EXPECT_EQ(e.code(), "step_on_the_product");
  }
  // The surgeon who scans and injects is the one recorded, whoever was planned.
  pathway_->update_details(surgeon_a_, episode_, details("dr-a"));
  const Episode e = inject(Actor{"dr-a2", Role::surgeon, "a"});
  EXPECT_EQ(e.state, EpisodeState::injected);
  EXPECT_EQ(e.injected_by, "dr-a2");
}

TEST_F(InjectingOperatorRules, AChangeAfterTheInjectionSaysWhyAndIsAudited) {
  walk_to_release();
  inject(surgeon_a_);
  try {
    pathway_->update_details(surgeon_a_, episode_, details("dr-a2"));
    ADD_FAILURE() << "the operator changed after the injection without a reason";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "reason");
  }
  // The same name again changes nothing and writes nothing.
  bool changed = true;
  const auto rows = audit().size();
  pathway_->update_details(surgeon_a_, episode_, details("dr-a"), &changed);
  EXPECT_FALSE(changed);
  EXPECT_EQ(audit().size(), rows);
  pathway_->update_details(surgeon_a_, episode_, details("dr-a2", std::nullopt, std::nullopt, "the fellow injected"));
  const auto last = audit().back();
  EXPECT_EQ(last.action, "episode.update");
  EXPECT_NE(last.detail.find("injected_by: dr-a -> dr-a2"), std::string::npos) << last.detail;
  EXPECT_NE(last.detail.find("the fellow injected"), std::string::npos) << last.detail;
  EXPECT_EQ(pathway_->episode_record(surgeon_a_, episode_).episode.injected_by, "dr-a2");
}

}  // namespace
}  // namespace rp::service
