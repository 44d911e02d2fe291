#include "api/fhir/ndjson_batches.hpp"

#include <algorithm>
#include <string_view>

#include "api/fhir/resources.hpp"

namespace rp::api::fhir {
namespace {

// Patients per batch: a few thousand resources, enough that handing a batch between
// threads costs nothing beside making it, few enough that the batches in flight hold a
// few megabytes.
constexpr std::size_t kPatientsPerBatch = 64;
// Batches waiting or being made at once, beyond those the threads are making.
constexpr std::size_t kBatchesAhead = 4;

NdjsonByType make_lines(const std::vector<service::PatientRecords>& patients, const std::string& source,
                        const std::vector<std::string>& types) {
  NdjsonByType lines;
  for (const auto& records : patients)
    patient_resources(records, source, [&](nlohmann::ordered_json&& resource) {
      if (!types.empty() && std::find(types.begin(), types.end(),
                                      resource.at("resourceType").get_ref<const std::string&>()) == types.end())
        return;
      append_ndjson(lines, resource);
    });
  return lines;
}

}  // namespace

void append_ndjson(NdjsonByType& lines, const nlohmann::ordered_json& resource) {
  NdjsonLines& of_type = lines[resource.at("resourceType").get<std::string>()];
  of_type.text += resource.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  of_type.text += '\n';
  ++of_type.resources;
}

NdjsonFileCutter::NdjsonFileCutter(std::int64_t per_file, Store store)
    : per_file_(std::max<std::int64_t>(per_file, 1)), store_(std::move(store)) {}

void NdjsonFileCutter::add(NdjsonByType&& lines) {
  for (auto& [type, added] : lines) {
    NdjsonLines& file = filling_[type];
    std::string_view text = added.text;
    std::int64_t resources = added.resources;
    // A file takes lines up to per_file; the rest begin the next file.
    while (file.resources + resources >= per_file_) {
      const std::int64_t wanted = per_file_ - file.resources;
      std::size_t end = 0;
      for (std::int64_t i = 0; i < wanted; ++i) end = text.find('\n', end) + 1;
      file.text.append(text.substr(0, end));
      store_(type, std::move(file.text), per_file_);
      file = NdjsonLines{};
      text.remove_prefix(end);
      resources -= wanted;
    }
    file.text.append(text);
    file.resources += resources;
  }
}

void NdjsonFileCutter::close(const std::vector<std::string>& order) {
  for (const auto& type : order)
    if (auto it = filling_.find(type); it != filling_.end() && it->second.resources > 0) {
      store_(type, std::move(it->second.text), it->second.resources);
      it->second = NdjsonLines{};
    }
}

NdjsonBatches::NdjsonBatches(std::string source, std::vector<std::string> types,
                             std::function<void(NdjsonByType&&)> take, unsigned threads)
    : source_(std::make_shared<const std::string>(std::move(source))),
      types_(std::make_shared<const std::vector<std::string>>(std::move(types))),
      workers_(threads, kBatchesAhead + std::max(1U, threads == 0 ? std::thread::hardware_concurrency() : threads),
               std::move(take)) {
  batch_.reserve(kPatientsPerBatch);
}

void NdjsonBatches::add(service::PatientRecords&& patient) {
  batch_.push_back(std::move(patient));
  if (batch_.size() == kPatientsPerBatch) submit();
}

void NdjsonBatches::finish() {
  if (!batch_.empty()) submit();
  workers_.finish();
}

void NdjsonBatches::submit() {
  workers_.submit([patients = std::move(batch_), source = source_, types = types_] {
    return make_lines(patients, *source, *types);
  });
  batch_ = {};
  batch_.reserve(kPatientsPerBatch);
}

}  // namespace rp::api::fhir
