#pragma once
// The generator's bulk load on SQLite: the indexes whose keys arrive in no order (dates,
// national ids, mobiles, centre and state) are dropped before the patients are written
// and created again after, from the schema's own text, so the database ends with the
// schema it began with. Each of those indexes is larger than any page cache at a million
// patients, and an insert in the middle of it dirtied a page of its own: most of a
// commit's writes. CREATE INDEX sorts once instead. Unique indexes stay (they enforce
// rules), and so do those led by a record's id: they grow at their end, and the triggers
// and the store's own writes look rows up through them.
#include <string>
#include <vector>

namespace rp::bench::scale {

struct SetAsideIndex {
  std::string name, sql;
};

// Drops the indexes the comment above describes, on the tables a generated history
// writes, and returns them; no connection may be open on `path` in a transaction.
std::vector<SetAsideIndex> drop_unordered_indexes(const std::string& path);

// Creates them again, in one transaction.
void restore_indexes(const std::string& path, const std::vector<SetAsideIndex>& indexes);

}  // namespace rp::bench::scale
