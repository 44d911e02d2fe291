#include "api/deidentified_ndjson_body.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/deidentified_files.hpp"
#include "base/gzip_pieces.hpp"

namespace rp::api {
namespace {

// A table's rows so far: an unnamed temporary file and how many bytes it holds; when
// the answer goes gzip, the rows' compressed piece (base/gzip_pieces.hpp).
struct TableFile {
  std::shared_ptr<std::FILE> file;
  std::int64_t bytes = 0;
  std::unique_ptr<DeflatePiece> piece;
};

void write_to(TableFile& f, std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), f.file.get()) != bytes.size())
    throw std::runtime_error("registry export: the temporary file could not be written");
  f.bytes += static_cast<std::int64_t>(bytes.size());
}

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

// Where part i of the body is: a table's file, the offset and the bytes; or, for the
// gzip header and trailer, the bytes themselves.
struct PartPlace {
  std::size_t table = 0;
  std::int64_t offset = 0, bytes = 0;
  std::string inline_bytes;
};

}  // namespace

std::shared_ptr<http::BodyParts> deidentified_ndjson_body(store::Store& store, const Clock& clock,
                                                          const service::Actor& actor,
                                                          const service::ExportRequest& request,
                                                          service::HeavyReads* heavy, bool gzip) {
  const auto& dictionary = service::export_dictionary();
  auto files = std::make_shared<std::vector<TableFile>>();
  service::DeidentifiedRowSink sink;
  // Begun once the export is under way (the reader, the centre and the protocol checked),
  // and begun again should the store read it again.
  sink.begin = [&] {
    files->clear();
    // Reserved whole: each piece writes through a pointer to its table's place.
    files->reserve(dictionary.size());
    for (std::size_t t = 0; t < dictionary.size(); ++t) {
      files->push_back({unnamed_file(), 0, nullptr});
      if (gzip) {
        TableFile* f = &files->back();
        // Level 1: fast, and NDJSON of repeated keys shrinks to a tenth or so even so.
        f->piece = std::make_unique<DeflatePiece>(1, [f](std::string_view bytes) { write_to(*f, bytes); });
      }
    }
  };
  sink.row = [&](std::size_t table, std::vector<service::ExportCell>&& cells) {
    const std::string line = ndjson_row_line(dictionary[table], cells, true);
    TableFile& f = (*files)[table];
    if (f.piece)
      f.piece->add(line);
    else
      write_to(f, line);
  };
  service::export_deidentified_rows(store, clock, actor, request, sink, heavy);

  auto places = std::make_shared<std::vector<PartPlace>>();
  auto parts = std::make_shared<http::BodyParts>();
  const auto add_inline = [&](std::string bytes) {
    parts->size += static_cast<std::int64_t>(bytes.size());
    places->push_back({0, 0, 0, std::move(bytes)});
  };
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
  if (gzip) add_inline(gzip_header());
  for (std::size_t t = 0; t < files->size(); ++t) {
    TableFile& f = (*files)[t];
    if (f.piece) {
      f.piece->end(t + 1 == files->size());
      crc = t == 0 ? f.piece->crc() : crc32_joined(crc, f.piece->crc(), f.piece->size());
      size += f.piece->size();
      f.piece.reset();
    }
    if (std::fflush(f.file.get()) != 0)
      throw std::runtime_error("registry export: the temporary file could not be written");
    for (std::int64_t at = 0; at < f.bytes; at += kNdjsonPartBytes)
      places->push_back({t, at, std::min(kNdjsonPartBytes, f.bytes - at), {}});
    parts->size += f.bytes;
  }
  if (gzip) add_inline(gzip_trailer(crc, size));
  parts->count = static_cast<int>(places->size());
  // Each part read where it is (pread: the parts may be read on any worker thread).
  parts->read = [files, places](int i) {
    const PartPlace& p = places->at(static_cast<std::size_t>(i));
    if (!p.inline_bytes.empty()) return p.inline_bytes;
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
