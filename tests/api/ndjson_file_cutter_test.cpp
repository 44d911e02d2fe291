// A Bulk Data export's lines cut into files (api/fhir/ndjson_batches.hpp): each full file
// holds exactly the resources a file takes, however the batches fall across its edges,
// and a type's files put back together give its lines in the order they were added.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "api/fhir/ndjson_batches.hpp"

namespace rp::api::fhir {
namespace {

NdjsonLines lines_of(const std::string& type, int from, int count) {
  NdjsonLines out;
  for (int i = from; i < from + count; ++i)
    out.text += "{\"resourceType\":\"" + type + "\",\"n\":" + std::to_string(i) + "}\n";
  out.resources = count;
  return out;
}

TEST(NdjsonFileCutter, FilesHoldWhatAFileTakesAcrossTheBatchesEdges) {
  using File = std::tuple<std::string, std::string, std::int64_t>;
  std::vector<File> files;
  NdjsonFileCutter cutter(3, [&](const std::string& type, std::string&& lines, std::int64_t resources) {
    files.emplace_back(type, std::move(lines), resources);
  });
  cutter.add({{"Patient", lines_of("Patient", 0, 2)}});
  cutter.add({{"Patient", lines_of("Patient", 2, 5)}, {"Consent", lines_of("Consent", 0, 1)}});
  cutter.add({{"Patient", lines_of("Patient", 7, 1)}});
  EXPECT_EQ(files.size(), 2U) << "two files of Patient full, nothing else yet";
  cutter.close({"Consent", "Patient", "Observation"});

  const std::vector<File> expected{
      {"Patient", lines_of("Patient", 0, 3).text, 3},
      {"Patient", lines_of("Patient", 3, 3).text, 3},
      {"Consent", lines_of("Consent", 0, 1).text, 1},
      {"Patient", lines_of("Patient", 6, 2).text, 2},
  };
  EXPECT_EQ(files, expected);
}

TEST(NdjsonFileCutter, ABatchSpanningSeveralFilesFillsEachAndAnExactFitLeavesNoEmptyFile) {
  std::vector<std::int64_t> sizes;
  std::string whole;
  NdjsonFileCutter cutter(4, [&](const std::string&, std::string&& lines, std::int64_t resources) {
    sizes.push_back(resources);
    whole += lines;
  });
  cutter.add({{"Observation", lines_of("Observation", 0, 11)}});
  cutter.add({{"Observation", lines_of("Observation", 11, 1)}});
  cutter.close({"Observation"});
  EXPECT_EQ(sizes, (std::vector<std::int64_t>{4, 4, 4}));
  EXPECT_EQ(whole, lines_of("Observation", 0, 12).text);
}

}  // namespace
}  // namespace rp::api::fhir
