#include "api/contract/education.hpp"

namespace rp::api::contract {
namespace {

std::vector<PageBlockOut> blocks_out(const std::string& body, const char* field) {
  std::vector<PageBlockOut> out;
  for (auto& b : education::blocks_of(body, field)) {
    PageBlockOut o;
    if (b.claim_id.empty())
      o.text = std::move(b.text);
    else
      o.claim = std::move(b.claim_id);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

PageOut page_out(const education::Page& p, std::optional<int> published_version) {
  PageOut out;
  out.slug = p.slug;
  out.version = p.version;
  out.kind = std::string(education::to_string(p.kind));
  out.position = p.position;
  out.protocol = p.protocol;
  out.title = texts(p.title);
  out.body = texts(p.body);
  out.blocks = {blocks_out(p.body.en, "body_en"), blocks_out(p.body.fa, "body_fa")};
  out.written_by = p.written_by;
  out.written_at = p.written_at;
  out.published_by = p.published_by;
  out.published_at = p.published_at;
  if (published_version) out.published_version = *published_version;
  if (p.withdrawn()) {
    out.withdrawn_at = p.withdrawn_at;
    out.withdrawn_reason = p.withdrawn_reason;
  }
  return out;
}

PageFigureOut page_figure_out(const service::PageFigure& f) {
  PageFigureOut out;
  out.claim = claim_definition(f.claim);
  out.as_of = f.computed_at;
  if (f.result) {
    out.result = claim_result(*f.result, f.hidden);
    const auto v = f.result->judgement.verdict;
    out.known = v == Verdict::consistent || v == Verdict::contradicted;
  }
  return out;
}

PagesOut published_pages_out(const service::PublishedPages& p) {
  PagesOut out;
  for (const auto& page : p.pages) {
    PageOut o = page_out(page, page.version);
    o.written_by.clear();
    o.published_by.clear();
    out.pages.push_back(std::move(o));
  }
  for (const auto& f : p.figures) out.figures.push_back(page_figure_out(f));
  return out;
}

}  // namespace rp::api::contract
