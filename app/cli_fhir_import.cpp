// `regenpath fhir import --db FILE --in DIR`: another system's FHIR R4 NDJSON files (or
// regenpath's own export) into a clinic, a patient's lines together.
//
// Two passes over the files. The first reads every line alone (api/fhir/from_fhir.hpp)
// and checks what it points to: a resource of an earlier line, or a record the store has
// already (RecordsImport::knows); every mistake is named with its file and line, and
// nothing is written while any is left. It also notes where each line is and whose it is.
// The second takes the lines in patient by patient, whole patients to a transaction of
// about `lines_per_transaction` lines (app/cli.hpp): a clinic of any size imports in bounded memory and at
// a steady rate (one transaction for all of it grew SQLite's WAL by gigabytes and slowed
// each write with it), and no half of a patient is ever written. Should a transaction
// still fail (a rule only the store can check), the patients before it stay imported, and
// the same files again take in the rest (every resource is linked to its record).
// Both passes read the JSON of a batch of lines on every core (OrderedParallel) and take
// the batches in the files' order, so that what is named and written is as one thread
// would do it; the store's writes, most of the second pass, stay on this thread.
#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "api/fhir/from_fhir.hpp"
#include "api/fhir/resources.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "base/ordered_parallel.hpp"
#include "service/records_import.hpp"

namespace rp::app {
namespace {

// Mistakes named on stderr before the first pass stops listing them.
constexpr std::size_t kProblemsShown = 100;

const std::vector<std::string>& types() { return api::fhir::imported_types(); }

// Where a line is: its file (an index into types()), its number and its byte offset; and
// whose it is (a group: the lines of one patient, or the organizations, group 0).
struct LinePlace {
  std::uint32_t group = 0;
  std::uint32_t line = 0;
  std::uint64_t offset = 0;  // the file's index in the top byte
  std::size_t file() const { return offset >> 56; }
  std::uint64_t at() const { return offset & ((std::uint64_t{1} << 56) - 1); }
};

// Lines a worker thread takes at a time: enough that handing them over costs nothing
// beside reading them, few enough that the batches in flight hold little.
constexpr std::size_t kLinesPerBatch = 512;
// Batches waiting or being read at once, beyond those the threads are reading.
constexpr std::size_t kBatchesAhead = 6;

// A line as the first pass reads it: its place and text, then what it was found to be.
struct CheckedLine {
  std::size_t file = 0;
  std::uint32_t number = 0;
  std::uint64_t offset = 0;
  std::string text;
  std::optional<api::fhir::ReadResource> resource;  // its body dropped once checked
  std::optional<api::fhir::LineReferences> refs;
  std::optional<InputError> error;
};

// A line as the second pass reads it again: its resource, or why it is none.
struct ParsedLine {
  api::fhir::ReadResource resource;
  std::exception_ptr error;
};

std::string where(std::size_t file, std::uint64_t line) { return types()[file] + ".ndjson:" + std::to_string(line); }

// A resource's name within its sender, hashed: the first pass keeps one of these per
// resource a later line may point to, not the strings. An organization is the same
// whichever system names it, as the import matches centres by id.
std::size_t name_hash(const std::string& source, const std::string& key) {
  const bool organization = key.rfind("Organization/", 0) == 0;
  return std::hash<std::string>{}((organization ? std::string() : source) + "|" + key);
}

// Every line of the files an import reads, in the order it reads them:
// `each(file, line_number, offset, text)`.
template <class Each>
void for_each_line(const std::filesystem::path& dir, Each&& each) {
  for (std::size_t file = 0; file < types().size(); ++file) {
    const auto path = dir / (types()[file] + ".ndjson");
    if (!std::filesystem::exists(path)) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::uint32_t number = 0;
    std::string text;
    for (std::uint64_t offset = 0; std::getline(in, text); offset += text.size() + 1) {
      ++number;
      if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
      each(file, number, offset, text);
    }
  }
}

// The first pass: every line checked, its place and patient noted.
class ImportPlan {
 public:
  explicit ImportPlan(service::RecordsImport& store_view) : store_(store_view) {}

  void read(const std::filesystem::path& dir) {
    // The lines are read and made into resources on every core, a batch at a time, and
    // their references followed here in the files' order (OrderedParallel).
    OrderedParallel<std::vector<CheckedLine>> checking(0, kBatchesAhead,
                                                       [&](std::vector<CheckedLine>&& batch) { follow(batch); });
    std::vector<CheckedLine> batch;
    const auto hand_over = [&] {
      checking.submit([lines = std::exchange(batch, {})]() mutable {
        for (auto& line : lines) check_alone(line);
        return std::move(lines);
      });
    };
    for_each_line(dir, [&](std::size_t file, std::uint32_t number, std::uint64_t offset, const std::string& text) {
      batch.push_back({file, number, offset, text, {}, {}, {}});
      if (batch.size() == kLinesPerBatch) hand_over();
    });
    if (!batch.empty()) hand_over();
    checking.finish();
    // A patient's lines in the order the files give them (the types' order, each file's).
    std::stable_sort(lines_.begin(), lines_.end(),
                     [](const LinePlace& a, const LinePlace& b) { return a.group < b.group; });
  }

  // Throws the first mistake after naming every one (up to kProblemsShown) on stderr.
  void throw_if_wrong() const {
    if (!first_) return;
    for (const auto& p : problems_) std::cerr << p << "\n";
    throw *first_;
  }
  std::vector<LinePlace> take_lines() { return std::move(lines_); }

 private:
  // The types a later line may point to: only their names are kept (the answers, most of
  // the lines, are pointed to by nothing).
  static bool referenced(const std::string& type) {
    return type == "Organization" || type == "Patient" || type == "Condition" || type == "CarePlan" ||
           type == "Procedure";
  }
  // What of a line can be known from it alone: its resource and what it points to, or
  // its mistake (the resource kept, when it was one, so that lines pointing to it are
  // not named for its mistake too). Pure: run on any thread.
  static void check_alone(CheckedLine& line) {
    // Of the Observations only the radiographs' grades are taken (scores are recomputed
    // from the answers): the others, most of an export's lines, are not even parsed.
    if (types()[line.file] == "Observation" && line.text.find(api::fhir::kRadiographSystem) == std::string::npos) {
      line.text = {};
      return;
    }
    try {
      line.resource = api::fhir::read_ndjson_line(line.text, types()[line.file]);
      line.refs = api::fhir::take_resource(*line.resource, nullptr);
    } catch (const InputError& e) {
      line.error = e;
    }
    line.text = {};
    if (line.resource) line.resource->body = nullptr;  // all that is needed is kept beside it
  }

  // A batch of lines in the files' order: their references followed, their places noted.
  void follow(const std::vector<CheckedLine>& batch) {
    for (const auto& line : batch) {
      const auto& r = line.resource;
      if (!r && !line.error) continue;  // an Observation not taken (check_alone)
      try {
        if (line.error) throw *line.error;
        // Known before its references are checked: the lines that point to a line in
        // error are not named for it too (one mistake, one line named).
        const std::uint32_t group = group_of(*r, *line.refs);
        for (const auto& a : line.refs->appointments) appointment_group_[name_hash(r->source, a)] = group;
        if (referenced(r->type)) seen_.insert(name_hash(r->source, r->key()));
        for (const auto& [element, ref] : line.refs->needs) check(r->source, element, ref);
        lines_.push_back({group, line.number, (std::uint64_t{line.file} << 56) | line.offset});
      } catch (const InputError& e) {
        if (r && referenced(r->type)) seen_.insert(name_hash(r->source, r->key()));
        if (!first_) first_ = e;
        if (problems_.size() < kProblemsShown)
          problems_.push_back(where(line.file, line.number) + ": " + e.field() + ": " + e.what());
      }
    }
  }

  // A reference must name a resource of an earlier line (the types' order points back
  // only) or a record the store has.
  void check(const std::string& source, const std::string& element, const std::string& ref) {
    const std::size_t h = name_hash(source, ref);
    if (seen_.count(h) || known_.count(h)) return;
    if (!store_.knows(source, ref)) throw InputError(element, "fhir_reference_unknown"_err, {{"reference", ref}});
    known_.insert(h);
  }
  std::uint32_t group_of(const api::fhir::ReadResource& r, const api::fhir::LineReferences& refs) {
    if (r.type == "Organization") return 0;
    if (r.type == "Appointment") {
      const auto it = appointment_group_.find(name_hash(r.source, r.key()));
      // An appointment is taken in with the CarePlan that lists it.
      if (it == appointment_group_.end())
        throw InputError("Appointment", "fhir_reference_unknown"_err, {{"reference", r.key()}});
      return it->second;
    }
    const auto [it, added] = patient_group_.emplace(name_hash(r.source, refs.patient), next_group_);
    if (added) ++next_group_;
    return it->second;
  }

  service::RecordsImport& store_;
  std::vector<LinePlace> lines_;
  std::unordered_set<std::size_t> seen_, known_;
  std::unordered_map<std::size_t, std::uint32_t> patient_group_, appointment_group_;
  std::uint32_t next_group_ = 1;
  std::vector<std::string> problems_;
  std::optional<InputError> first_;
};

// The files again, a line at a time where the plan says it is.
class LineReader {
 public:
  explicit LineReader(const std::filesystem::path& dir) {
    for (const auto& type : types()) files_.emplace_back(dir / (type + ".ndjson"), std::ios::binary);
  }
  const std::string& text(const LinePlace& p) {
    auto& in = files_[p.file()];
    // A patient's lines follow one another in each file an export writes: a seek (which
    // drops the stream's buffer) only where they do not.
    if (next_[p.file()] != p.at()) {
      in.clear();
      in.seekg(static_cast<std::streamoff>(p.at()));
    }
    if (!std::getline(in, text_)) throw std::runtime_error("cannot read " + where(p.file(), p.line) + " again");
    next_[p.file()] = p.at() + text_.size() + 1;
    return text_;
  }

 private:
  std::vector<std::ifstream> files_;
  std::vector<std::uint64_t> next_ = std::vector<std::uint64_t>(types().size(), 0);
  std::string text_;
};

}  // namespace

void run_fhir_import(const std::string& db, const std::string& in, std::size_t lines_per_transaction) {
  if (names_missing_file(db)) throw NotFoundError("db", "no_database"_err, {{"path", db}});
  const std::filesystem::path dir(in);
  if (!std::filesystem::is_directory(dir)) throw NotFoundError("in", "no_database"_err, {{"path", in}});
  auto store = open_store(db);
  std::vector<LinePlace> lines;
  store->read([&](store::Transaction& tx) {
    service::RecordsImport view(tx, Clock::system(), service::Actor::cli_operator());
    ImportPlan plan(view);
    plan.read(dir);
    plan.throw_if_wrong();
    lines = plan.take_lines();
  });

  LineReader reader(dir);
  std::optional<service::RecordsImport> import;
  std::int64_t patients_done = 0;
  for (std::size_t begin = 0; begin < lines.size();) {
    // Whole groups (patients), at least lines_per_transaction lines unless the files end.
    std::size_t end = begin;
    while (end < lines.size() && (end - begin < lines_per_transaction || lines[end].group == lines[end - 1].group))
      ++end;
    std::int64_t patients = 0;
    bool tried = false;  // the store may run a transaction again (a serialization failure)
    store->write([&](store::Transaction& tx) {
      if (!import)
        import.emplace(tx, Clock::system(), service::Actor::cli_operator());
      else if (tried)
        import->retry_in(tx);
      else
        import->continue_in(tx);
      tried = true;
      patients = 0;
      // The lines read again here, made into resources on every core (the JSON is most
      // of the work), and taken in here in the plan's order.
      std::size_t next = begin;  // the next line to take in
      OrderedParallel<std::vector<ParsedLine>> parsing(0, kBatchesAhead, [&](std::vector<ParsedLine>&& batch) {
        for (auto& parsed : batch) {
          const std::size_t i = next++;
          if (lines[i].group != 0 && (i == begin || lines[i].group != lines[i - 1].group)) ++patients;
          try {
            if (parsed.error) std::rethrow_exception(parsed.error);
            api::fhir::take_resource(parsed.resource, &*import);
          } catch (const std::exception&) {
            std::cerr << where(lines[i].file(), lines[i].line)
                      << ": nothing of this patient was imported, nor of the others of its transaction; "
                      << patients_done << " patients before them were (the same files again take in the rest)\n";
            throw;
          }
        }
      });
      for (std::size_t from = begin; from < end; from += kLinesPerBatch) {
        std::vector<std::pair<std::string, std::size_t>> texts;  // a line's text and file
        for (std::size_t i = from; i < std::min(end, from + kLinesPerBatch); ++i)
          texts.emplace_back(reader.text(lines[i]), lines[i].file());
        parsing.submit([texts = std::move(texts)] {
          std::vector<ParsedLine> parsed(texts.size());
          for (std::size_t k = 0; k < texts.size(); ++k) try {
              parsed[k].resource = api::fhir::read_ndjson_line(texts[k].first, types()[texts[k].second]);
            } catch (...) {
              parsed[k].error = std::current_exception();
            }
          return parsed;
        });
      }
      parsing.finish();
      import->finish();
    });
    patients_done += patients;
    begin = end;
  }

  const service::ImportCounts counts = import ? import->counts() : service::ImportCounts{};
  nlohmann::json left = nlohmann::json::array();
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".ndjson" &&
        std::find(types().begin(), types().end(), entry.path().stem().string()) == types().end())
      left.push_back(entry.path().filename().string());
  }
  std::sort(left.begin(), left.end());
  print_json({{"in", in}, {"created", counts.created}, {"unchanged", counts.unchanged}, {"left", left}});
}

}  // namespace rp::app
