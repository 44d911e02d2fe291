#include "service/store_health.hpp"

namespace rp::service {

void check_store_answers(store::Store& store) {
  store.read([](store::Transaction& tx) { tx.find_centre(""); });
}

}  // namespace rp::service
