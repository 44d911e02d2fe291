// A FHIR bulk export made on several threads (api/fhir/ndjson_batches.hpp) writes the
// same lines, byte for byte and in the same order, as one thread making each patient's
// resources as the snapshot hands them out; the types asked for narrow it.
#include <gtest/gtest.h>

#include <optional>

#include "api/fhir/ndjson_batches.hpp"
#include "api/fhir/resources.hpp"
#include "demo/demo.hpp"
#include "service/records_export.hpp"
#include "store_suite.hpp"

namespace rp::store {
namespace {

class FhirNdjsonBatchesTest : public test::EngineTest {
 protected:
  void SetUp() override {
    s_ = open();
    // More patients than two batches hold, so that batches are made side by side.
    demo::build_demo(*s_, CivilDate::from_ymd(2026, 11, 24), 150);
  }

  // Every patient's resources, made one patient at a time on this thread.
  api::fhir::NdjsonByType one_thread() {
    api::fhir::NdjsonByType lines;
    std::string source;
    service::RecordsExportSink sink;
    sink.centres = [&](const std::vector<Centre>&, const std::string& from) { source = from; };
    sink.patient = [&](service::PatientRecords&& records) {
      api::fhir::patient_resources(records, source,
                                   [&](nlohmann::ordered_json&& r) { api::fhir::append_ndjson(lines, r); });
    };
    export_all(sink);
    return lines;
  }

  api::fhir::NdjsonByType batched(unsigned threads, std::vector<std::string> types = {}) {
    api::fhir::NdjsonByType lines;
    std::optional<api::fhir::NdjsonBatches> batches;
    service::RecordsExportSink sink;
    sink.centres = [&](const std::vector<Centre>&, const std::string& source) {
      batches.emplace(
          source, types,
          [&](api::fhir::NdjsonByType&& batch) {
            for (auto& [type, of_type] : batch) {
              lines[type].text += of_type.text;
              lines[type].resources += of_type.resources;
            }
          },
          threads);
    };
    sink.patient = [&](service::PatientRecords&& records) { batches->add(std::move(records)); };
    export_all(sink);
    batches->finish();
    return lines;
  }

  void export_all(const service::RecordsExportSink& sink) {
    service::export_records(*s_, Clock::fixed(1'780'000'000'000), service::Actor::cli_operator(), {}, sink);
  }

  std::unique_ptr<Store> s_;
};
INSTANTIATE_ENGINES(FhirNdjsonBatchesTest);

TEST_P(FhirNdjsonBatchesTest, ManyThreadsWriteWhatOneWritesInItsOrderAndOnlyTheTypesAsked) {
  const api::fhir::NdjsonByType expected = one_thread();
  ASSERT_GT(expected.at("Patient").resources, 128);
  ASSERT_GT(expected.at("Observation").resources, 0);
  for (const unsigned threads : {1U, 3U}) {
    const api::fhir::NdjsonByType got = batched(threads);
    ASSERT_EQ(got.size(), expected.size()) << threads << " threads";
    for (const auto& [type, lines] : expected) {
      EXPECT_EQ(got.at(type).resources, lines.resources) << type << ", " << threads << " threads";
      EXPECT_TRUE(got.at(type).text == lines.text) << type << " differs with " << threads << " threads";
    }
  }
  // The types asked for narrow it (one demo built for both: it is most of the test's time).
  const api::fhir::NdjsonByType narrowed = batched(2, {"Patient", "Condition"});
  ASSERT_EQ(narrowed.size(), 2U);
  EXPECT_TRUE(narrowed.at("Patient").text == expected.at("Patient").text);
  EXPECT_TRUE(narrowed.at("Condition").text == expected.at("Condition").text);
}

}  // namespace
}  // namespace rp::store
