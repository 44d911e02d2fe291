// Price lists, insurance rules and estimates (domain/cost/): the rules a list and an
// insurer are held to, the lines a treatment is priced with, and an estimate whose shares
// sum to the total exactly for any prices and insurers (a property test over many).
#include <gtest/gtest.h>

#include <random>

#include "base/error.hpp"
#include "domain/cost/insurance.hpp"
#include "domain/cost/price_list.hpp"

namespace rp::cost {
namespace {

PriceList seed_like_list() {
  // Within the seed's 12-20 million tomans for 1402-1403.
  PriceList l;
  l.centre_id = "tehran-1";
  l.from_year = 1403;
  l.to_year = 1403;
  l.lines = {{PriceItem::injection_ultrasound, Money::tomans(2'000'000)},
             {PriceItem::consultation, Money::tomans(1'000'000)},
             {PriceItem::tests, Money::tomans(3'000'000)},
             {PriceItem::harvest_bone_marrow, Money::tomans(4'000'000)},
             {PriceItem::processing, Money::tomans(5'000'000)},
             {PriceItem::processing_expansion, Money::tomans(9'000'000)}};
  return l;
}

std::string field_of(PriceList l) {
  try {
    validate_price_list(l);
  } catch (const InputError& e) {
    return e.field() + " " + e.code();
  }
  return "accepted";
}

TEST(PriceList, ValidatedNamingTheFieldAndSortedByItem) {
  PriceList l = seed_like_list();
  validate_price_list(l);
  EXPECT_EQ(l.lines.front().item, PriceItem::consultation);
  EXPECT_EQ(l.lines.back().item, PriceItem::injection_ultrasound);
  PriceList bad = seed_like_list();
  bad.from_year = 1389;
  EXPECT_EQ(field_of(bad), "valid_from_year integer_range");
  bad = seed_like_list();
  bad.to_year = 1402;
  EXPECT_EQ(field_of(bad), "valid_to_year price_years_reversed");
  bad = seed_like_list();
  bad.lines.clear();
  EXPECT_EQ(field_of(bad), "lines price_list_empty");
  bad = seed_like_list();
  bad.lines.push_back({PriceItem::tests, Money::rials(1)});
  EXPECT_EQ(field_of(bad), "lines.tests price_item_twice");
  bad = seed_like_list();
  bad.lines[0].amount = Money();
  EXPECT_EQ(field_of(bad), "lines.injection_ultrasound amount_not_positive");
  // So large that five steps would pass Money's range: refused, never an overflow later.
  bad = seed_like_list();
  bad.lines[0].amount = Money::rials(kMaxStepRials + 1);
  EXPECT_EQ(field_of(bad), "lines.injection_ultrasound amount_too_large");
  bad.lines[0].amount = Money::rials(kMaxStepRials);
  for (auto& l : bad.lines) l.amount = Money::rials(kMaxStepRials);
  validate_price_list(bad);
  EXPECT_NO_THROW(estimate(treatment_lines(bad, {CellSource::bone_marrow, true, Guidance::ultrasound}), {}));
  EXPECT_EQ(parse_price_item("processing_expansion"), PriceItem::processing_expansion);
  EXPECT_THROW(parse_price_item("massage"), InputError);
}

TEST(PriceList, ACentresCurrentListsNeverCoverAYearTwice) {
  PriceList a = seed_like_list();
  a.series_id = 5;
  PriceList later = seed_like_list();
  later.series_id = 9;
  later.from_year = 1404;
  later.to_year = 1405;
  const std::vector<PriceList> current = {a, later};
  PriceList candidate = seed_like_list();
  candidate.from_year = 1405;
  candidate.to_year = 1406;
  try {
    check_no_overlap(candidate, current);
    ADD_FAILURE() << "1405 is covered";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "valid_from_year");
    EXPECT_EQ(e.code(), "price_periods_overlap");
  }
  candidate.from_year = candidate.to_year = 1406;
  EXPECT_NO_THROW(check_no_overlap(candidate, current));
  // A version of the list itself, another centre's list and a superseded one are no clash.
  PriceList next_version = seed_like_list();
  next_version.series_id = 5;
  EXPECT_NO_THROW(check_no_overlap(next_version, current));
  PriceList elsewhere = seed_like_list();
  elsewhere.centre_id = "shiraz-1";
  EXPECT_NO_THROW(check_no_overlap(elsewhere, current));
  PriceList old = later;
  old.superseded_at = "2026-01-01T00:00:00.000Z";
  candidate.from_year = 1405;
  EXPECT_NO_THROW(check_no_overlap(candidate, {a, old}));
}

TEST(PriceList, ATreatmentIsPricedByItsSourceProcessingAndGuidance) {
  const PriceList l = seed_like_list();
  const auto lines = treatment_lines(l, {CellSource::bone_marrow, true, Guidance::ultrasound});
  ASSERT_EQ(lines.size(), 5U);
  EXPECT_EQ(lines[2].item, PriceItem::harvest_bone_marrow);
  EXPECT_EQ(lines[3].item, PriceItem::processing_expansion);
  EXPECT_EQ(lines[3].amount, Money::tomans(9'000'000));
  try {
    treatment_lines(l, {CellSource::adipose, false, Guidance::ultrasound});
    ADD_FAILURE() << "adipose harvest is not priced";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), "item_not_priced");
  }
  EXPECT_THROW(treatment_lines(l, {CellSource::bone_marrow, false, Guidance::fluoroscopy}), InputError);
}

const char* kRules = R"(
insurers:
  - id: social-security
    kind: basic
    name: {en: "Social Security", fa: "تأمین اجتماعی"}
  - id: supp-30
    kind: supplementary
    name: {en: "Supplementary 30", fa: "تکمیلی ۳۰"}
    share_percent: 30
    ceiling_rials: 50000000
    waiting_months: 6
    covers: [harvest_bone_marrow, processing, processing_expansion, injection_ultrasound]
  - id: supp-90
    kind: supplementary
    name: {en: "Supplementary 90", fa: "تکمیلی ۹۰"}
    share_percent: 90
    covers: [consultation, tests, harvest_bone_marrow, processing, injection_ultrasound]
)";

TEST(Insurance, RulesAreDataAndRefusedNamingTheInsurerAndKey) {
  const auto rules = InsuranceRules::parse(kRules);
  ASSERT_EQ(rules.insurers().size(), 3U);
  EXPECT_EQ(rules.find("supp-30").ceiling, Money::rials(50'000'000));
  EXPECT_EQ(rules.find("supp-30").covers.size(), 4U);
  EXPECT_THROW(rules.find("dana"), InputError);
  const auto refused = [](const std::string& text) {
    try {
      InsuranceRules::parse(text);
    } catch (const InputError& e) {
      return e.params().empty() ? std::string("?") : e.params()[0].value;
    }
    return std::string("accepted");
  };
  const std::string head = "insurers:\n  - id: x\n    name: {en: X, fa: ایکس}\n";
  EXPECT_NE(refused(head + "    kind: supplementary\n    share_percent: 130\n").find("x.share_percent"),
            std::string::npos);
  EXPECT_NE(refused(head + "    kind: basic\n    share_percent: 10\n").find("basic insurer pays nothing"),
            std::string::npos);
  EXPECT_NE(refused(head + "    kind: supplementary\n    covers: [massage]\n").find("unknown item massage"),
            std::string::npos);
  EXPECT_NE(refused(head + "    kind: supplementary\n    ceiling_rials: -1\n").find("ceiling_rials"),
            std::string::npos);
  EXPECT_NE(refused("insurers:\n  - id: x\n    kind: basic\n    name: {en: X}\n").find("x.name"), std::string::npos);
  EXPECT_NE(
      refused(head + "    kind: basic\n" + "  - id: x\n    kind: basic\n    name: {en: X, fa: ایکس}\n").find("twice"),
      std::string::npos);
  EXPECT_EQ(refused("insurers: [1"), refused("insurers: [1"));  // malformed YAML is an InputError too
  EXPECT_NE(refused("insurers: [1"), "accepted");
}

TEST(Insurance, EachPayersShareAndWhyWithThePatientPayingTheRest) {
  const auto rules = InsuranceRules::parse(kRules);
  PriceList l = seed_like_list();
  validate_price_list(l);
  const auto lines = treatment_lines(l, {CellSource::bone_marrow, false, Guidance::ultrasound});
  // 1 + 3 + 4 + 5 + 2 = 15 million tomans; supp-30 covers 4 + 5 + 2 = 11 million.
  const Estimate waiting = estimate(lines, {{&rules.find("social-security"), 60}, {&rules.find("supp-30"), 3}});
  EXPECT_EQ(waiting.total, Money::tomans(15'000'000));
  EXPECT_EQ(waiting.payers[0].why, "pays_nothing");
  EXPECT_EQ(waiting.payers[1].why, "waiting_period");
  EXPECT_EQ(waiting.patient, waiting.total);
  const Estimate insured = estimate(lines, {{&rules.find("social-security"), 60}, {&rules.find("supp-30"), 12}});
  EXPECT_EQ(insured.payers[1].amount, Money::tomans(3'300'000));  // 30 % of 11 million
  EXPECT_EQ(insured.payers[1].why, "share");
  EXPECT_EQ(insured.patient, Money::tomans(11'700'000));
  // With expansion 30 % of 15 million is 4.5 million: the ceiling (5 million rials... 50
  // million rials = 5 million tomans) is not reached; with a lower ceiling it is.
  auto capped_rules = rules.find("supp-30");
  capped_rules.ceiling = Money::tomans(1'000'000);
  const Estimate capped = estimate(lines, {{&capped_rules, 12}});
  EXPECT_EQ(capped.payers[0].amount, Money::tomans(1'000'000));
  EXPECT_EQ(capped.payers[0].why, "ceiling");
  // A second payer never pays more than the first left.
  const Estimate both = estimate(lines, {{&rules.find("supp-90"), 12}, {&rules.find("supp-30"), 12}});
  EXPECT_EQ(both.payers[0].amount, Money::tomans(13'500'000));  // 90 % of 15 million
  EXPECT_EQ(both.payers[1].why, "rest_paid");
  EXPECT_EQ(both.payers[1].amount, Money::tomans(1'500'000));
  EXPECT_EQ(both.patient, Money());
}

TEST(Insurance, AnInsurersShareIsRoundedUpToTheRialAndTheSharesSumExactly) {
  const auto rules = InsuranceRules::parse(kRules);
  std::mt19937_64 rng(20261205);
  std::uniform_int_distribution<std::int64_t> amount(1, 3'000'000'007);
  std::uniform_int_distribution<int> percent(0, 100), months(0, 24), coin(0, 1);
  for (int run = 0; run < 2000; ++run) {
    Insurer a = rules.find("supp-30"), b = rules.find("supp-90");
    a.share_percent = percent(rng);
    b.share_percent = percent(rng);
    a.ceiling = coin(rng) ? Money() : Money::rials(amount(rng));
    std::vector<PriceLine> lines;
    for (PriceItem item : {PriceItem::consultation, PriceItem::tests, PriceItem::harvest_bone_marrow,
                           PriceItem::processing, PriceItem::injection_ultrasound})
      lines.push_back({item, Money::rials(amount(rng))});
    const Estimate e = estimate(lines, {{&a, months(rng)}, {&b, months(rng)}, {&rules.find("social-security"), 1}});
    Money sum = e.patient;
    for (const auto& p : e.payers) {
      sum = sum + p.amount;
      EXPECT_GE(p.amount, Money());
    }
    ASSERT_EQ(sum, e.total) << "run " << run;
    // The first payer's share, unless capped or waiting, is the percentage rounded up.
    Money covered;
    for (const auto& l : lines)
      if (std::find(a.covers.begin(), a.covers.end(), l.item) != a.covers.end()) covered = covered + l.amount;
    if (e.payers[0].why == "share") {
      const std::int64_t exact_times_100 = covered.in_rials() * a.share_percent;
      EXPECT_GE(e.payers[0].amount.in_rials() * 100, exact_times_100);
      EXPECT_LT(e.payers[0].amount.in_rials() * 100 - exact_times_100, 100);
    }
  }
}

}  // namespace
}  // namespace rp::cost
