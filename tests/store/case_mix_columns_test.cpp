// The case mix the cross-centre comparison adjusts for, as each engine's outcome read
// fills it: the age band on the injection day (not the birth date), the KL grade and the
// cell source, and "unknown" where the record does not say, never a dropped row.
#include <gtest/gtest.h>

#include "domain/outcomes/columns.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"

namespace rp::store {
namespace {

class CaseMixColumns : public test::EngineTest {};
INSTANTIATE_ENGINES(CaseMixColumns);

TEST(AgeBand, CountsWholeYearsOnTheDay) {
  EXPECT_EQ(outcomes::age_band_of("1960-05-01", "2026-04-30"), 13);  // 65 the next day
  EXPECT_EQ(outcomes::age_band_of("1960-05-01", "2026-05-01"), 13);
  EXPECT_EQ(outcomes::age_band_of("1961-05-02", "2026-05-01"), 12);  // 64
  EXPECT_EQ(outcomes::age_band_of("2026-05-02", "2026-05-01"), EpisodeColumns::kUnknown);
  EXPECT_EQ(outcomes::age_band_of("unknown", "2026-05-01"), EpisodeColumns::kUnknown);
  EXPECT_EQ(outcomes::cell_source_index("adipose"), static_cast<int>(CellSource::adipose));
  EXPECT_EQ(outcomes::cell_source_index("placenta"), EpisodeColumns::kUnknown);
}

TEST_P(CaseMixColumns, OutcomeReadCarriesAgeBandGradeAndSource) {
  auto s = open();
  s->write([&](Transaction& tx) {
    tx.upsert_centre({"a", "C a", "م a", "Tehran", "تهران", "licensed", "", ""});
    struct Case {
      const char* mrn;
      CivilDate born;
      std::optional<int> kl;
      std::optional<CellSource> source;
    };
    const Case cases[] = {
        {"M1", CivilDate::from_ymd(1960, 5, 1), 3, CellSource::bone_marrow},
        {"M2", CivilDate::from_ymd(1971, 1, 11), std::nullopt, CellSource::adipose},  // 54 on 2026-01-10
        {"M3", CivilDate::from_ymd(1980, 2, 2), 2, std::nullopt},
    };
    for (const Case& c : cases) {
      Patient p;
      p.centre_id = "a";
      p.mrn = c.mrn;
      p.name_latin = "Test Patient";
      p.birth_date = c.born;
      p.consent.registry = true;
      Episode e;
      e.patient_id = tx.insert_patient(p, "t");
      e.centre_id = "a";
      e.protocol_id = "hip-msc-v1";
      e.diagnosis = {"icd10", "M16.1"};
      e.kl_grade = c.kl;
      e.cell_source = c.source;
      e.injection_date = CivilDate::from_ymd(2026, 1, 10);
      e.state = EpisodeState::injected;
      const auto id = tx.insert_episode(e, "t");
      tx.insert_transition({id, EpisodeState::product_released, EpisodeState::injected, "", "u", "surgeon", "t",
                            CivilDate::from_ymd(2026, 1, 10)});
    }
  });
  s->read([&](Transaction& tx) {
    const auto cols = tx.outcome_columns("hip-msc-v1", {"prom-baseline"});
    const EpisodeColumns& e = cols.episodes;
    ASSERT_EQ(e.size(), 3U);
    ASSERT_EQ(e.age_band.size(), 3U);
    ASSERT_EQ(e.kl_grade.size(), 3U);
    ASSERT_EQ(e.cell_source.size(), 3U);
    EXPECT_EQ(e.age_band[0], 13);  // 65
    EXPECT_EQ(e.age_band[1], 10);  // 54: the birthday is the day after the injection
    EXPECT_EQ(e.age_band[2], 9);   // 45
    EXPECT_EQ(e.kl_grade[0], 3);
    EXPECT_EQ(e.kl_grade[1], EpisodeColumns::kUnknown);
    EXPECT_EQ(e.kl_grade[2], 2);
    EXPECT_EQ(e.cell_source[0], static_cast<int>(CellSource::bone_marrow));
    EXPECT_EQ(e.cell_source[1], static_cast<int>(CellSource::adipose));
    EXPECT_EQ(e.cell_source[2], EpisodeColumns::kUnknown);
  });
}

}  // namespace
}  // namespace rp::store
