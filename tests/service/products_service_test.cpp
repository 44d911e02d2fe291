// The cell product's use cases (service/products.hpp) on a real SQLite file: the chain from
// harvest to injection with an audit row and a custody event for each step, four eyes at
// release, and every wrong step refused with nothing changed but its own audit row.
#include <gtest/gtest.h>

#include <random>

#include "../store/store_test_support.hpp"
#include "base/error.hpp"
#include "eligible_findings.hpp"
#include "service/pathway.hpp"
#include "service/products.hpp"

namespace rp::service {
namespace {

constexpr std::int64_t k20261118 = 1795000000000;  // 2026-11-18, mid-morning in Tehran

class ProductUseCases : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    Pathway pathway(*store_, clock_);
    pathway.upsert_centre(op_, {"a", "C", "م", "", "", "licensed", "", ""});
    for (const char* mrn : {"M1", "M2"}) {
      Patient p;
      p.centre_id = "a";
      p.mrn = mrn;
      p.name_latin = "Test";
      p.birth_date = CivilDate::from_ymd(1961, 3, 21);
      p.national_id = test::test_national_id(p.mrn);
      p.consent.treatment = true;
      p = pathway.add_patient(coordinator_, p);
      Episode e;
      e.patient_id = p.id;
      e.protocol_id = "hip-msc-v1";
      e.diagnosis = {std::string(kIcd10Cm), "M16.11"};
      e = pathway.add_episode(coordinator_, e);
      walk_to_scheduled(pathway, e.id);
      episodes_.push_back(e.id);
    }
  }

  void walk_to_scheduled(Pathway& pathway, std::int64_t episode) {
    pathway.advance(coordinator_, episode, {EpisodeState::screening, "", std::nullopt});
    pathway.assess_eligibility(surgeon_, episode, test::eligible_hip_findings());
    pathway.advance(surgeon_, episode, {EpisodeState::eligible, "", std::nullopt});
    pathway.advance(surgeon_, episode, {EpisodeState::workup, "", std::nullopt});
    pathway.plan(coordinator_, episode, CivilDate::from_ymd(2026, 11, 18), CivilDate::from_ymd(2026, 11, 18));
    pathway.advance(coordinator_, episode, {EpisodeState::scheduled, "", std::nullopt});
  }

  Products products() { return Products(*store_, clock_); }

  HarvestRecord harvest(std::size_t which, const std::string& wristband) {
    HarvestRecord h;
    h.episode_id = episodes_[which];
    h.wristband_mrn = wristband;
    h.source = CellSource::bone_marrow;
    h.volume_ml = 60;
    h.location = "theatre 1";
    return h;
  }

  // A harvested product taken through the lab to awaiting release, processed by lab-a.
  std::string ready_for_release(std::size_t which) {
    const auto made = products().register_harvest(surgeon_, harvest(which, which == 0 ? "M1" : "M2"));
    const std::string din = product::parse_din(made.at(0).din).with_check();
    products().receive(lab_a_, din, 4.0, "lab");
    products().process(lab_a_, din, product::Method::density_gradient, std::nullopt);
    QcRecord qc;
    qc.total_nucleated_cells = 2.1e8;
    qc.viability_percent = 92;
    qc.sterility = product::QcTest{product::QcResult::passed, std::nullopt};
    qc.complete = true;
    products().record_qc(lab_a_, din, qc);
    return din;
  }

  std::vector<store::AuditRow> audit() {
    std::vector<store::AuditRow> rows;
    store_->read([&](store::Transaction& tx) { rows = tx.audit_rows(0, 10000); });
    return rows;
  }

  product::Product stored(const std::string& din) {
    product::Product p;
    store_->read([&](store::Transaction& tx) { p = *tx.find_product_by_din(product::parse_din(din).text()); });
    return p;
  }

  Episode episode(std::size_t which) {
    Episode e;
    store_->read([&](store::Transaction& tx) { e = *tx.find_episode(episodes_[which]); });
    return e;
  }

  // The code of the refusal `fn` throws; checks nothing but one audit row was written.
  std::string refused(const std::function<void()>& fn) {
    const auto before = audit().size();
    std::string code;
    try {
      fn();
    } catch (const InputError& e) {
      code = e.code();
    }
    const auto after = audit();
    EXPECT_EQ(after.size(), before + 1) << code;
    if (after.size() == before + 1) {
      EXPECT_EQ(after.back().action, "product.refused");
    }
    return code;
  }

  test::TempDb db_;
  std::unique_ptr<store::Store> store_;
  Clock clock_ = Clock::fixed(k20261118);
  std::vector<std::int64_t> episodes_;
  Actor op_ = Actor::cli_operator();
  Actor surgeon_{"dr-a", Role::surgeon, "a"};
  Actor coordinator_{"co-a", Role::coordinator, "a"};
  Actor lab_a_{"lab-a", Role::lab, "a"};
  Actor lab_b_{"lab-b", Role::lab, "a"};
};

TEST_F(ProductUseCases, FromHarvestToInjectionEveryStepIsInTheChain) {
  const std::string din = ready_for_release(0);
  EXPECT_EQ(stored(din).state, product::State::awaiting_release);
  EXPECT_EQ(episode(0).state, EpisodeState::harvested);

  // Four eyes: the one who processed may not release; a second person may.
  EXPECT_EQ(refused([&] { products().release(lab_a_, din, std::nullopt); }), "product_release_same_person");
  EXPECT_EQ(stored(din).state, product::State::awaiting_release);
  products().release(lab_b_, din, std::nullopt);
  EXPECT_EQ(stored(din).state, product::State::released);
  EXPECT_EQ(episode(0).state, EpisodeState::product_released);

  // The bedside check records its verdict whatever it is.
  EXPECT_EQ(products().verify(surgeon_, din, "M2", "room 3").verdict, product::Verdict::wrong_patient);
  EXPECT_EQ(products().verify(surgeon_, din, "M1", "room 3").verdict, product::Verdict::ok);

  // Another patient's wristband: refused, nothing changed.
  InjectionRecord inj{din, "M2", Guidance::ultrasound, 2e8, 4, "room 3"};
  EXPECT_EQ(refused([&] { products().inject(surgeon_, inj); }), "wrong_patient");
  EXPECT_EQ(stored(din).state, product::State::released);
  EXPECT_EQ(episode(0).state, EpisodeState::product_released);

  inj.mrn = "M1";
  products().inject(surgeon_, inj);
  EXPECT_EQ(stored(din).state, product::State::used);
  const Episode e = episode(0);
  EXPECT_EQ(e.state, EpisodeState::injected);
  EXPECT_EQ(e.injected_by, "dr-a");
  EXPECT_EQ(e.guidance, Guidance::ultrasound);
  EXPECT_EQ(refused([&] { products().inject(surgeon_, inj); }), "used");

  const auto t = products().trace(op_, din);
  std::vector<std::string> kinds;
  for (const auto& ev : t.events) kinds.push_back(ev.kind);
  // Each refused injection keeps its refused check in the chain (the worklist's alert).
  EXPECT_EQ(kinds, (std::vector<std::string>{"harvest", "receipt", "processing", "qc", "release", "bedside_check",
                                             "bedside_check", "bedside_check", "injection", "bedside_check"}));
  EXPECT_EQ(t.events[0].verified, "wristband M1");
  EXPECT_EQ(t.events[5].detail, "wrong_patient");
  EXPECT_EQ(t.events[7].actor, "dr-a");
}

TEST_F(ProductUseCases, WrongStepsAreRefusedWithNothingChanged) {
  // The wristband scanned in theatre names another patient: no product, no harvest.
  EXPECT_EQ(refused([&] { products().register_harvest(surgeon_, harvest(0, "M2")); }), "wristband_not_this_patient");
  EXPECT_EQ(episode(0).state, EpisodeState::scheduled);
  std::vector<product::Product> none;
  store_->read([&](store::Transaction& tx) { none = tx.list_products({}); });
  EXPECT_TRUE(none.empty());

  const std::string din = ready_for_release(0);
  // A DIN with a wrong check character or a garbage scan names the field.
  const char wrong = din.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(refused([&] { products().verify(surgeon_, din.substr(0, 13) + wrong, "M1", ""); }), "din_check_character");
  EXPECT_EQ(refused([&] { products().verify(surgeon_, "=%%garbage", "M1", ""); }), "din_length");
  // Not released yet: not injected.
  EXPECT_EQ(refused([&] {
              products().inject(surgeon_, {din, "M1", Guidance::ultrasound, {}, {}, ""});
            }),
            "not_released");
  // A failed criterion blocks release, unless a surgeon's exception gives a reason.
  const std::string second = ready_for_release(1);
  QcRecord low;
  low.viability_percent = 55;
  low.complete = true;
  products().record_qc(lab_a_, second, low);  // a recount: back to QC, then awaiting release
  EXPECT_EQ(refused([&] { products().release(lab_b_, second, std::nullopt); }), "product_release_criteria_failed");
  // The exception is a surgeon's: the lab cannot send one, and the surgeon named is the caller.
  try {
    products().release(lab_b_, second, product::ReleaseException{"dr-a", "why"});
    ADD_FAILURE() << "the lab recorded a surgeon's exception";
  } catch (const ForbiddenError& e) {
    EXPECT_EQ(e.field(), "exception");
    EXPECT_EQ(e.code(), "release_exception_surgeon");
  }
  EXPECT_EQ(refused([&] { products().release(surgeon_, second, product::ReleaseException{"dr-a", " "}); }), "required");
  products().release(surgeon_, second, product::ReleaseException{"dr-a", "no second harvest possible"});
  EXPECT_EQ(stored(second).exception_criteria, std::vector<std::string>{"viability"});
  EXPECT_EQ(stored(second).exception_by, surgeon_.user);
  products().set_aside(lab_b_, second, product::State::quarantined, "label torn");
  EXPECT_EQ(products().verify(surgeon_, second, "M2", "").verdict, product::Verdict::quarantined);
  EXPECT_EQ(stored(din).state, product::State::awaiting_release);
  // Expired: past the shelf life from the harvest.
  Products later(*store_, Clock::fixed(k20261118 + 49LL * 3600 * 1000));
  products().release(lab_b_, din, std::nullopt);
  EXPECT_EQ(later.verify(surgeon_, din, "M1", "").verdict, product::Verdict::expired);
}

// Random sequences of use-case calls on both patients' products, in any order and by any
// of the lab and theatre staff: whatever is refused, no product is ever injected into
// anyone but its donor, and none twice.
TEST_F(ProductUseCases, RandomCallsNeverInjectIntoAnyoneButTheDonor) {
  std::mt19937 rng(17);
  std::vector<std::string> dins;
  for (std::size_t i = 0; i < 2; ++i) {
    HarvestRecord h = harvest(i, i == 0 ? "M1" : "M2");
    h.products = 2;
    for (const auto& p : products().register_harvest(surgeon_, h))
      dins.push_back(product::parse_din(p.din).with_check());
  }
  const Actor labs[] = {lab_a_, lab_b_};
  const std::string mrns[] = {"M1", "M2"};
  int injections = 0;
  for (int step = 0; step < 160; ++step) {
    const std::string& din = dins[rng() % dins.size()];
    const Actor& lab = labs[rng() % 2];
    const std::string& mrn = mrns[rng() % 2];
    try {
      switch (rng() % 7) {
        case 0:
          products().receive(lab, din, 4.0, "lab");
          break;
        case 1:
          products().process(lab, din, product::Method::centrifugation, std::nullopt);
          break;
        case 2: {
          QcRecord qc;
          qc.total_nucleated_cells = 1e8;
          qc.viability_percent = rng() % 4 ? 90.0 : 50.0;
          qc.sterility = product::QcTest{rng() % 5 ? product::QcResult::passed : product::QcResult::failed, {}};
          qc.complete = rng() % 2;
          products().record_qc(lab, din, qc);
          break;
        }
        case 3:
          products().release(lab, din, std::nullopt);
          break;
        case 4:
          if (rng() % 6 == 0) products().set_aside(lab, din, product::State::quarantined, "doubt");
          break;
        default: {
          const product::Product before = stored(din);
          products().inject(surgeon_, {din, mrn, Guidance::ultrasound, {}, {}, ""});
          // Only ever reached for the donor's wristband, once.
          Patient donor;
          store_->read([&](store::Transaction& tx) { donor = *tx.find_patient(before.patient_id); });
          ASSERT_EQ(mrn, donor.mrn) << din;
          ASSERT_NE(before.state, product::State::used) << din;
          ++injections;
        }
      }
    } catch (const InputError&) {
    }
  }
  EXPECT_GT(injections, 0);  // the sequence did reach the bedside
  for (const auto& din : dins) {
    const product::Product p = stored(din);
    if (p.state != product::State::used) continue;
    Episode e;
    store_->read([&](store::Transaction& tx) { e = *tx.find_episode(p.episode_id); });
    EXPECT_EQ(e.patient_id, p.patient_id);
    EXPECT_EQ(e.state, EpisodeState::injected);
  }
}

}  // namespace
}  // namespace rp::service
