#include "store/worklist_parts.hpp"

namespace rp::store {

std::vector<WorklistOpenItemRow> read_worklist_parts(const WorklistItemsQuery& q, const WorklistPartRead& read,
                                                     const WorklistPartCount& count) {
  std::vector<WorklistOpenItemRow> out;
  const int first = q.after ? q.after->group : 0;
  std::int64_t skip = q.offset;
  for (int part = first; part < kWorklistParts && static_cast<int>(out.size()) < q.limit; ++part) {
    const bool from_cursor = q.after && part == first;
    if (skip > 0) {
      const std::int64_t n = count(part, from_cursor);
      if (skip >= n) {
        skip -= n;
        continue;
      }
    }
    auto rows = read(part, q.limit - static_cast<int>(out.size()), static_cast<int>(skip), from_cursor);
    skip = 0;
    for (auto& r : rows) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace rp::store
