// The ctest fixture around the PostgreSQL tests: `rp_test_pg_cluster start DIR` starts the
// cluster every test process of the run then shares (RP_TEST_PG_DIR), `stop DIR` ends it
// (tests/support/pg_test_cluster.hpp, tests/CMakeLists.txt).
#include <exception>
#include <iostream>
#include <string>

#include "tests/support/pg_test_cluster.hpp"

int main(int argc, char** argv) {
  const std::string step = argc == 3 ? argv[1] : "";
  if (step != "start" && step != "stop") {
    std::cerr << "usage: rp_test_pg_cluster start|stop DIR\n";
    return 2;
  }
  try {
    if (step == "start") {
      rp::test::PgTestCluster::start_shared(argv[2]);
    } else {
      rp::test::PgTestCluster::stop_shared(argv[2]);
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
