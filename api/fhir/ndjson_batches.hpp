#pragma once
// A bulk export's resources made on every core: patients are gathered into batches as
// the snapshot reads them, each batch is made into NDJSON lines by resource type on a
// worker thread (building and printing the JSON is nearly all of an export's time), and
// the batches' lines are handed back in the order the patients were read, so that each
// file is the same, byte for byte, as one thread would have written it.
// `regenpath fhir export` and the Bulk Data `$export` both write through it.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/ordered_parallel.hpp"
#include "service/patient_records.hpp"

namespace rp::api::fhir {

// Lines of one resource type: each resource one line, '\n' ended (a JSON text printed on
// one line holds no other newline).
struct NdjsonLines {
  std::string text;
  std::int64_t resources = 0;
};
using NdjsonByType = std::map<std::string, NdjsonLines>;

// Appends `resource` as one line to its type's lines.
void append_ndjson(NdjsonByType& lines, const nlohmann::ordered_json& resource);

// Lines by type cut into files of `per_file` resources each (the Bulk Data export's
// files): `store` gets each file as it fills, and at close() what is left of each type in
// `order`, so that concatenating a type's files gives its lines as they were added.
class NdjsonFileCutter {
 public:
  using Store = std::function<void(const std::string& type, std::string&& lines, std::int64_t resources)>;
  NdjsonFileCutter(std::int64_t per_file, Store store);
  void add(NdjsonByType&& lines);
  void close(const std::vector<std::string>& order);

 private:
  std::int64_t per_file_;
  Store store_;
  NdjsonByType filling_;
};

class NdjsonBatches {
 public:
  // `take` gets each batch's lines, in order, on the thread calling add() and finish().
  // `types` empty: every type; else only those. `threads` 0: one per core.
  NdjsonBatches(std::string source, std::vector<std::string> types, std::function<void(NdjsonByType&&)> take,
                unsigned threads = 0);

  void add(service::PatientRecords&& patient);
  // The last batch, and every batch still being made.
  void finish();

 private:
  void submit();

  std::shared_ptr<const std::string> source_;
  std::shared_ptr<const std::vector<std::string>> types_;
  std::vector<service::PatientRecords> batch_;
  OrderedParallel<NdjsonByType> workers_;
};

}  // namespace rp::api::fhir
