// Which transaction this thread runs, so that a nested one is refused (RunningTransaction).
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

struct Running {
  const void* store = nullptr;
  Transaction* tx = nullptr;
};
thread_local Running running_here;

}  // namespace

RunningTransaction::RunningTransaction(const void* store, Transaction& tx)
    : outer_store_(running_here.store), outer_tx_(running_here.tx) {
  running_here = {store, &tx};
}

RunningTransaction::~RunningTransaction() { running_here = {outer_store_, outer_tx_}; }

Transaction* RunningTransaction::of(const void* store) {
  return running_here.store == store ? running_here.tx : nullptr;
}

}  // namespace rp::store::sqlite
