#include "api/deidentified_ndjson_body.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/deidentified_files.hpp"

namespace rp::api {
namespace {

// A table's rows so far: an unnamed temporary file and how many bytes it holds.
struct TableFile {
  std::shared_ptr<std::FILE> file;
  std::int64_t bytes = 0;
};

// A file in $TMPDIR (else /tmp) whose name is removed at once: it is the open file's
// alone, readable by no one else, and gone with it when closed, even should the server die.
std::shared_ptr<std::FILE> unnamed_file() {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/regenpath-registry-export-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("registry export: no temporary file could be made in " + path);
  unlink(path.c_str());
  std::FILE* f = fdopen(fd, "w+b");
  if (!f) {
    close(fd);
    throw std::runtime_error("registry export: no temporary file could be opened");
  }
  return {f, [](std::FILE* open) { std::fclose(open); }};
}

// Where part i of the body is: a table's file, the offset and the bytes.
struct PartPlace {
  std::size_t table = 0;
  std::int64_t offset = 0, bytes = 0;
};

}  // namespace

std::shared_ptr<http::BodyParts> deidentified_ndjson_body(store::Store& store, const Clock& clock,
                                                          const service::Actor& actor,
                                                          const service::ExportRequest& request,
                                                          service::HeavyReads* heavy) {
  const auto& dictionary = service::export_dictionary();
  auto files = std::make_shared<std::vector<TableFile>>();
  service::DeidentifiedRowSink sink;
  // Begun once the export is under way (the reader, the centre and the protocol checked),
  // and begun again should the store read it again.
  sink.begin = [&] {
    files->clear();
    for (std::size_t t = 0; t < dictionary.size(); ++t) files->push_back({unnamed_file(), 0});
  };
  sink.row = [&](std::size_t table, std::vector<service::ExportCell>&& cells) {
    const std::string line = ndjson_row_line(dictionary[table], cells, true);
    TableFile& f = (*files)[table];
    if (std::fwrite(line.data(), 1, line.size(), f.file.get()) != line.size())
      throw std::runtime_error("registry export: the temporary file could not be written");
    f.bytes += static_cast<std::int64_t>(line.size());
  };
  service::export_deidentified_rows(store, clock, actor, request, sink, heavy);

  auto places = std::make_shared<std::vector<PartPlace>>();
  auto parts = std::make_shared<http::BodyParts>();
  for (std::size_t t = 0; t < files->size(); ++t) {
    TableFile& f = (*files)[t];
    if (std::fflush(f.file.get()) != 0)
      throw std::runtime_error("registry export: the temporary file could not be written");
    for (std::int64_t at = 0; at < f.bytes; at += kNdjsonPartBytes)
      places->push_back({t, at, std::min(kNdjsonPartBytes, f.bytes - at)});
    parts->size += f.bytes;
  }
  parts->count = static_cast<int>(places->size());
  // Each part read where it is (pread: the parts may be read on any worker thread).
  parts->read = [files, places](int i) {
    const PartPlace& p = places->at(static_cast<std::size_t>(i));
    std::string out(static_cast<std::size_t>(p.bytes), '\0');
    const int fd = fileno((*files)[p.table].file.get());
    std::size_t got = 0;
    while (got < out.size()) {
      const ssize_t n = pread(fd, out.data() + got, out.size() - got, p.offset + static_cast<off_t>(got));
      if (n <= 0) throw std::runtime_error("registry export: the temporary file could not be read");
      got += static_cast<std::size_t>(n);
    }
    return out;
  };
  return parts;
}

}  // namespace rp::api
