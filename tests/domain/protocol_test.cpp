#include <gtest/gtest.h>

#include "base/error.hpp"
#include "test_protocols.hpp"

namespace rp {
namespace {

std::string minimal(const std::string& items) {
  return "id: t\nversion: 1\njoint: hip\ntitle: {en: T, fa: ت}\nanchors:\n  injection: {en: I, fa: ت}\n"
         "eligibility:\n  indication: {id: i, finding: kl_grade, at_least: 2, at_most: 3, text: {en: x, fa: y}}\n"
         "items:\n" +
         items;
}

// The error names the key path and the line.
void expect_error(const std::string& yaml, const std::string& field, const std::string& line) {
  try {
    parse_protocol(yaml, "t.yaml");
    ADD_FAILURE() << "accepted:\n" << yaml;
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find("t.yaml:" + line), std::string::npos) << e.what();
  }
}

// The knee protocol with `section` between its head and its items is refused, naming `field`.
void expect_section_refused(const std::string& head, const std::string& section, const std::string& items,
                            const std::string& field) {
  try {
    parse_protocol(head + section + items, "knee.yaml");
    ADD_FAILURE() << section;
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
  }
}

TEST(Protocol, TheHipProtocolLoadsCompletely) {
  const Protocol& p = test::hip_protocol();
  EXPECT_EQ(p.id, "hip-msc-v1");
  for (const char* id : {"consultation",
                         "workup-exam",
                         "workup-xray",
                         "workup-mri",
                         "workup-blood",
                         "hold-anti-inflammatory",
                         "hold-blood-thinner",
                         "harvest",
                         "lab-processing",
                         "injection",
                         "rest-48h",
                         "no-nsaid",
                         "rehab-water-stretch",
                         "rehab-walking",
                         "rehab-strength",
                         "no-high-impact",
                         "visit-2w",
                         "visit-6w",
                         "visit-12w",
                         "imaging-3m",
                         "imaging-6m",
                         "prom-baseline",
                         "prom-2w",
                         "prom-6w",
                         "prom-3m",
                         "prom-6m",
                         "prom-12m",
                         "prom-24m",
                         "prom-36m",
                         "nutrition",
                         "red-flags"}) {
    ASSERT_NE(p.find_item(id), nullptr) << id;
    EXPECT_FALSE(p.find_item(id)->title.en.empty());
    EXPECT_FALSE(p.find_item(id)->title.fa.empty());
  }
  const auto& flags = p.find_item("hold-blood-thinner")->flags;
  EXPECT_NE(std::find(flags.begin(), flags.end(), "needs_prescriber_approval"), flags.end());
  EXPECT_EQ(p.find_item("hold-anti-inflammatory")->until_anchor, "injection");
  // How the outcome report reads it.
  EXPECT_EQ(p.outcomes.claims, "seed-claims");
  EXPECT_EQ(p.outcomes.baseline, "prom-baseline");
  EXPECT_EQ(p.outcomes.funnel_time_point, "prom-6m");
  EXPECT_EQ(p.outcomes.funnel_definition, "omeract_oarsi");
  EXPECT_EQ(p.outcomes.survival_title.en, "Free of total hip replacement");
  EXPECT_EQ(p.outcomes.end_point, ProtocolOutcomes::EndPoint::joint_replacement);
}

TEST(Protocol, OutcomesSectionIsCheckedAgainstTheItems) {
  const std::string head = test::read_file(std::string(RP_DATA_DIR) + "/protocols/knee-prp-test.yaml");
  const std::string before = head.substr(0, head.find("outcomes:"));
  const std::string items = head.substr(head.find("items:"));
  auto refused = [&](const std::string& outcomes, const std::string& field) {
    expect_section_refused(before, outcomes, items, field);
  };
  refused("outcomes:\n  baseline: visit-1m\n", "outcomes.baseline");      // not a questionnaire
  refused("outcomes:\n  claims: ../../etc/passwd\n", "outcomes.claims");  // a name, never a path
  refused("outcomes:\n  funnel: {time_point: prom-baseline}\n", "outcomes.funnel.time_point");
  refused("outcomes:\n  funnel: {time_point: prom-1y, definition: vibes}\n", "outcomes.funnel.definition");
  refused("outcomes:\n  survival: {end_point: death}\n", "outcomes.survival.end_point");
  refused("outcomes:\n  survival: {days: [0, 365, 100]}\n", "outcomes.survival.days[2]");
  refused("outcomes:\n  colour: blue\n", "outcomes.colour");
  // Without the section: no claims, the first questionnaire the baseline, no funnel.
  const Protocol bare = parse_protocol(before + items, "knee.yaml");
  EXPECT_TRUE(bare.outcomes.claims.empty());
  EXPECT_EQ(bare.outcomes.baseline, "prom-baseline");
  EXPECT_TRUE(bare.outcomes.funnel_time_point.empty());
}

// The `product:` section: release criteria and shelf life as data, each checked; absent,
// the clinic's settings apply (nullopt); a key left out keeps its default.
TEST(Protocol, ProductSectionCarriesTheReleaseCriteria) {
  const Protocol& hip = test::hip_protocol();
  ASSERT_TRUE(hip.product.has_value());
  EXPECT_EQ(hip.product->release.min_viability_percent, 70);
  EXPECT_FALSE(hip.product->release.sterility_pending_allowed);
  EXPECT_TRUE(hip.product->release.isct_markers_for_expanded);
  EXPECT_EQ(hip.product->shelf_life_hours, 48);

  const std::string head = test::read_file(std::string(RP_DATA_DIR) + "/protocols/knee-prp-test.yaml");
  const std::string before = head.substr(0, head.find("items:"));
  const std::string items = head.substr(head.find("items:"));
  EXPECT_FALSE(parse_protocol(before + items, "knee.yaml").product.has_value());
  const Protocol strict = parse_protocol(
      before + "product:\n  min_viability_percent: 85.5\n  sterility_pending_allowed: true\n  shelf_life_hours: 24\n" +
          items,
      "knee.yaml");
  ASSERT_TRUE(strict.product.has_value());
  EXPECT_EQ(strict.product->release.min_viability_percent, 85.5);
  EXPECT_TRUE(strict.product->release.sterility_pending_allowed);
  EXPECT_TRUE(strict.product->release.isct_markers_for_expanded);
  EXPECT_EQ(strict.product->shelf_life_hours, 24);
  // The criteria the section sets decide: a product at 80 % passes the default, not this.
  product::Product p;
  p.total_nucleated_cells = 1e8;
  p.viability_percent = 80;
  p.sterility.result = product::QcResult::pending;
  EXPECT_EQ(product::failed_criteria(p, product::ReleaseCriteria{}), std::vector<std::string>{"sterility"});
  EXPECT_EQ(product::failed_criteria(p, strict.product->release), std::vector<std::string>{"viability"});

  auto refused = [&](const std::string& section, const std::string& field) {
    expect_section_refused(before, section, items, field);
  };
  refused("product:\n  min_viability_percent: 101\n", "product.min_viability_percent");
  refused("product:\n  min_viability_percent: high\n", "product.min_viability_percent");
  refused("product:\n  sterility_pending_allowed: maybe\n", "product.sterility_pending_allowed");
  refused("product:\n  shelf_life_hours: 0\n", "product.shelf_life_hours");
  refused("product:\n  shelf_life_hours: 12.5\n", "product.shelf_life_hours");
  refused("product:\n  colour: red\n", "product.colour");
  refused("product: [70]\n", "product");
}

TEST(Protocol, OffsetsParseAndApply) {
  const CivilDate d = CivilDate::from_ymd(2027, 1, 31);
  EXPECT_EQ(Offset::parse("+1m", "f").apply(d).iso(), "2027-02-28");
  EXPECT_EQ(Offset::parse("-14d", "f").apply(d).iso(), "2027-01-17");
  EXPECT_EQ(Offset::parse("+2w", "f").apply(d).iso(), "2027-02-14");
  EXPECT_EQ(Offset::parse("+1y", "f").apply(CivilDate::from_ymd(2028, 2, 29)).iso(), "2029-02-28");
  EXPECT_EQ(Offset::parse("0d", "f").str(), "+0d");
  for (const char* bad : {"14", "+d", "+14x", "++1d", "+1.5d", "", "+99999999d"}) {
    EXPECT_THROW(Offset::parse(bad, "f"), InputError) << bad;
  }
}

TEST(Protocol, MalformedFilesNameLineAndKey) {
  expect_error(minimal("  - {id: a, kind: visit, anchor: injection, at: +2x, title: {en: a, fa: b}}\n"), "items[0].at",
               "10");
  expect_error(minimal("  - {id: a, kind: party, anchor: injection, at: +2d, title: {en: a, fa: b}}\n"),
               "items[0].kind", "10");
  expect_error(minimal("  - {id: a, kind: visit, anchor: harvest, at: +2d, title: {en: a, fa: b}}\n"),
               "items[0].anchor", "10");
  expect_error(minimal("  - {id: a, kind: visit, anchor: injection, at: +2d, title: {en: a}}\n"), "items[0].title.fa",
               "10");
  expect_error(minimal("  - {id: a, kind: visit, anchor: injection, at: +2d, title: {en: a, fa: b}}\n"
                       "  - {id: a, kind: visit, anchor: injection, at: +3d, title: {en: a, fa: b}}\n"),
               "items[1].id", "11");
  expect_error(
      minimal("  - {id: a, kind: visit, anchor: injection, at: +2d, wndow: [-1d, +1d], title: {en: a, fa: b}}\n"),
      "items[0].wndow", "10");
  expect_error(minimal("  - {id: a, kind: hold, anchor: injection, at: +2d, until: +1d, title: {en: a, fa: b}}\n"),
               "items[0].until", "10");
  expect_error(minimal("  - {id: a, kind: questionnaire, anchor: injection, at: +2d, title: {en: a, fa: b}}\n"),
               "items[0].instruments", "10");
  expect_error(
      minimal("  - {id: a, kind: visit, anchor: injection, at: +2d, window: [+1d, +1d], title: {en: a, fa: b}}\n"),
      "items[0].window[0]", "10");
  // A key that is a list or a mapping (YAML's "? [a, b]") is refused, never thrown as a
  // conversion error out of the parser.
  expect_error(
      minimal("  - {id: a, kind: visit, anchor: injection, at: +2d, title: {en: a, fa: b}}\n") + "? [x, y]\n: 1\n",
      "protocol", "11");
  expect_error("id: t\nversion: 1\njoint: hip\ntitle: {en: T, fa: ت}\nanchors:\n  ? {x: 1}\n  : {en: I, fa: ت}\n",
               "anchors", "6");
  // Broken YAML syntax: the parser's own line.
  try {
    parse_protocol("id: t\nitems: [\n", "t.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "protocol");
    EXPECT_NE(std::string(e.what()).find("t.yaml:"), std::string::npos);
  }
}

}  // namespace
}  // namespace rp
