#include "channels/orthanc_archive.hpp"

#include <nlohmann/json.hpp>

#include "channels/curl_transfer.hpp"
#include "channels/orthanc_answers.hpp"

namespace rp::channels {
namespace {

// Orthanc's answers for one patient are small; a larger one is not the archive we know.
constexpr std::size_t kMaxArchiveAnswerBytes = std::size_t{8} << 20;

std::size_t collect_archive_answer(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (body->size() + n > kMaxArchiveAnswerBytes) return 0;
  body->append(data, n);
  return n;
}

struct ArchiveHeaders {
  curl_slist* list = nullptr;
  ~ArchiveHeaders() { curl_slist_free_all(list); }
  void add(const char* line) {
    if (auto* next = curl_slist_append(list, line)) list = next;
  }
};

std::string replaced(std::string text, std::string_view name, const std::string& value) {
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + value.size()))
    text.replace(at, name.size(), value);
  return text;
}

class OrthancArchive final : public ImagingArchive {
 public:
  explicit OrthancArchive(OrthancConfig config) : config_(std::move(config)) {
    while (!config_.url.empty() && config_.url.back() == '/') config_.url.pop_back();
    init_curl_once();
  }

  std::vector<ArchivePatient> patients_with_id(const std::string& dicom_patient_id) override {
    return orthanc_patients(find("Patient", dicom_patient_id), dicom_patient_id);
  }

  std::vector<imaging::Study> studies_of(const std::string& dicom_patient_id) override {
    const std::string studies = find("Study", dicom_patient_id);
    const std::string series = find("Series", dicom_patient_id);
    return orthanc_studies(studies, series, dicom_patient_id);
  }

  std::string viewer_url(const imaging::Study& study) const override {
    if (config_.viewer_url.empty()) return config_.url + "/app/explorer.html#study?uuid=" + study.archive_id;
    return replaced(replaced(config_.viewer_url, "{id}", study.archive_id), "{uid}", study.study_uid);
  }

 private:
  // POST /tools/find at `level` for one Patient ID, expanded to each item's tags.
  std::string find(const char* level, const std::string& dicom_patient_id) const {
    const std::string body =
        nlohmann::json{{"Level", level}, {"Query", {{"PatientID", dicom_patient_id}}}, {"Expand", true}}.dump();
    CurlHandle handle = new_curl_handle();
    CURL* h = handle.get();
    const std::string url = config_.url + "/tools/find";
    ArchiveHeaders headers;
    headers.add("Content-Type: application/json");
    headers.add("Expect:");
    std::string answer;
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect_archive_answer);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
    if (!config_.user.empty()) {
      curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      curl_easy_setopt(h, CURLOPT_USERNAME, config_.user.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
    }
    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK)
      throw ArchiveUnavailable(std::string("the archive did not answer: ") + curl_easy_strerror(code));
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status == 401 || status == 403)
      throw ArchiveUnavailable("the archive refused the configured user (HTTP " + std::to_string(status) + ")");
    if (status != 200) throw ArchiveUnavailable("the archive answered HTTP " + std::to_string(status));
    return answer;
  }

  OrthancConfig config_;
};

}  // namespace

std::unique_ptr<ImagingArchive> orthanc_archive(OrthancConfig config) {
  return std::make_unique<OrthancArchive>(std::move(config));
}

}  // namespace rp::channels
