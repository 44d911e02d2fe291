// Transactions never nest: a use case owns its one transaction. A write or read opened
// from inside a running one (directly or through the group commit, on every engine) is refused
// with std::logic_error rather than joining it or waiting for itself, and the outer
// transaction then rolls back like any other failed one.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store/group_commit.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

// On every engine (store_suite.hpp).
class NestedTransaction : public test::EngineTest {};
INSTANTIATE_ENGINES(NestedTransaction);

bool has_centre(Store& s, const std::string& id) {
  bool found = false;
  s.read([&](Transaction& tx) { found = tx.find_centre(id).has_value(); });
  return found;
}

TEST_P(NestedTransaction, IsRefusedAndTheOuterWriteRollsBack) {
  auto s = open();
  EXPECT_THROW(s->write([&](Transaction& tx) {
    tx.upsert_centre(test::test_centre("outer"));
    s->write([](Transaction& inner) { inner.upsert_centre(test::test_centre("inner")); });
  }),
               std::logic_error);
  EXPECT_THROW(s->write([&](Transaction&) { s->read([](Transaction&) {}); }), std::logic_error);
  EXPECT_FALSE(has_centre(*s, "outer"));
  EXPECT_FALSE(has_centre(*s, "inner"));
  // The store is usable afterwards.
  s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("after")); });
  EXPECT_TRUE(has_centre(*s, "after"));
}

TEST_P(NestedTransaction, IsRefusedThroughTheGroupCommitWithoutWaitingForItself) {
  auto inner = open();
  GroupCommitStore s(*inner);
  EXPECT_THROW(s.write([&](Transaction& tx) {
    tx.upsert_centre(test::test_centre("outer"));
    s.write([](Transaction& nested) { nested.upsert_centre(test::test_centre("nested")); });
  }),
               std::logic_error);
  EXPECT_FALSE(has_centre(*inner, "outer"));
  EXPECT_FALSE(has_centre(*inner, "nested"));
  s.write([](Transaction& tx) { tx.upsert_centre(test::test_centre("after")); });
  EXPECT_TRUE(has_centre(*inner, "after"));
}

}  // namespace
}  // namespace rp::store
