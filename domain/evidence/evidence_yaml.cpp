// The starting evidence a clinic imports (claims/seed-evidence.yaml) to entries. Every
// error names the file, the line and the key path, as a protocol's do.
#include <yaml-cpp/yaml.h>

#include <cmath>

#include "domain/evidence/evidence.hpp"
#include "domain/protocol_yaml.hpp"

namespace rp::evidence {

std::vector<Entry> parse_entries(std::string_view yaml_text, std::string_view source) {
  using namespace protocol_yaml;
  const Ctx ctx{source};
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw InputError("evidence", "protocol_yaml_malformed"_err,
                     {{"source", source}, {"line", e.mark.line + 1}, {"detail", e.msg}});
  }
  allow_keys(ctx, root, "", {"version", "evidence"});
  const YAML::Node list = need(ctx, root, "evidence", "");
  if (!list.IsSequence()) ctx.fail(list, "evidence", rules::list());
  std::vector<Entry> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "evidence[" + std::to_string(i) + "]";
    const YAML::Node n = list[i];
    allow_keys(ctx, n, path,
               {"id", "protocol", "claims", "citation", "year", "design", "n", "stance", "finding", "link"});
    Entry e;
    e.id = req_string(ctx, n, "id", path);
    e.protocol = req_string(ctx, n, "protocol", path);
    e.claims = string_list(ctx, need(ctx, n, "claims", path), child_path(path, "claims"));
    e.citation = req_string(ctx, n, "citation", path);
    // In range before it is cast: a double far outside int's range has no int value.
    const double year = number(ctx, need(ctx, n, "year", path), child_path(path, "year"));
    if (!(year >= kFirstYear && year <= kLastYear) || year != std::floor(year))
      ctx.fail(n["year"], child_path(path, "year"),
               rules::whole_number_from(std::to_string(kFirstYear), std::to_string(kLastYear)));
    e.year = static_cast<int>(year);
    e.design = parse_study_design(req_string(ctx, n, "design", path), child_path(path, "design"));
    if (n["n"].IsDefined() && !n["n"].IsNull()) {
      const double patients = number(ctx, n["n"], child_path(path, "n"));
      if (!(patients >= 1 && patients <= kMaxPatients) || patients != std::floor(patients))
        ctx.fail(n["n"], child_path(path, "n"), rules::whole_number_from("1", std::to_string(kMaxPatients)));
      e.n = static_cast<int>(patients);
    }
    e.stance = parse_stance(req_string(ctx, n, "stance", path), child_path(path, "stance"));
    e.finding = local_text(ctx, need(ctx, n, "finding", path), child_path(path, "finding"));
    e.link = req_string(ctx, n, "link", path);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace rp::evidence
