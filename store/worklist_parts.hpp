#pragma once
// The day's worklist items read part by part (today, overdue, upcoming), the same for every
// engine. Each part is one index range read in the index's own order (migration 0020), so
// a page reads about as many rows as it shows: the order across parts is the order of the
// parts, and within a part the index's. `offset` skips whole parts by their counts (taken
// only when an offset is asked for) and enters the first part it lands in at that offset;
// a cursor enters its own part after its row and skips the parts before it.
#include <cstdint>
#include <functional>
#include <vector>

#include "store/worklist_records.hpp"

namespace rp::store {

inline constexpr int kWorklistParts = 3;  // 0 today, 1 overdue, 2 upcoming

// One part's rows: at most `limit`, skipping `offset`, after `q.after` when `from_cursor`.
using WorklistPartRead =
    std::function<std::vector<WorklistOpenItemRow>(int part, int limit, int offset, bool from_cursor)>;
// How many rows a part holds (after `q.after` when `from_cursor`).
using WorklistPartCount = std::function<std::int64_t(int part, bool from_cursor)>;

std::vector<WorklistOpenItemRow> read_worklist_parts(const WorklistItemsQuery& q, const WorklistPartRead& read,
                                                     const WorklistPartCount& count);

}  // namespace rp::store
