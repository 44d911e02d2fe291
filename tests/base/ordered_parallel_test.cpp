// Work on several threads, results taken in the order given (base/ordered_parallel.hpp):
// the order holds however long each piece takes, no more pieces are begun than the
// bound lets wait, a piece's failure reaches the taker after the pieces before it, and
// work left when the object goes is dropped without hanging.
#include "base/ordered_parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <vector>

namespace rp {
namespace {

TEST(OrderedParallel, ResultsComeInTheOrderGivenWhateverEachTakes) {
  std::vector<int> taken;
  std::mt19937 random(7);
  std::uniform_int_distribution<int> micros(0, 400);
  {
    OrderedParallel<int> workers(4, 6, [&](int&& n) { taken.push_back(n); });
    for (int i = 0; i < 300; ++i) {
      const int pause = micros(random);
      workers.submit([i, pause] {
        std::this_thread::sleep_for(std::chrono::microseconds(pause));
        return i;
      });
    }
    workers.finish();
  }
  ASSERT_EQ(taken.size(), 300U);
  for (int i = 0; i < 300; ++i) EXPECT_EQ(taken[static_cast<std::size_t>(i)], i);
}

TEST(OrderedParallel, NoMorePiecesAreBegunThanTheBoundLetsWait) {
  std::atomic<int> begun{0}, taken{0}, most{0};
  constexpr std::size_t kInFlight = 3;
  OrderedParallel<int> workers(4, kInFlight, [&](int&&) { ++taken; });
  for (int i = 0; i < 200; ++i)
    workers.submit([&, i] {
      const int waiting = ++begun - taken.load();
      int seen = most.load();
      while (waiting > seen && !most.compare_exchange_weak(seen, waiting)) {
      }
      std::this_thread::sleep_for(std::chrono::microseconds(50));
      return i;
    });
  workers.finish();
  EXPECT_EQ(taken.load(), 200);
  EXPECT_LE(most.load(), static_cast<int>(kInFlight) + 1);
  EXPECT_GE(most.load(), 2) << "the pieces never ran side by side";
}

TEST(OrderedParallel, AFailureReachesTheTakerAfterThePiecesBeforeIt) {
  std::vector<int> taken;
  OrderedParallel<int> workers(3, 4, [&](int&& n) { taken.push_back(n); });
  const auto give_all = [&] {
    for (int i = 0; i < 50; ++i)
      workers.submit([i]() -> int {
        if (i == 5) throw std::runtime_error("piece 5 failed");
        return i;
      });
    workers.finish();
  };
  EXPECT_THROW(give_all(), std::runtime_error);
  EXPECT_EQ(taken, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(OrderedParallel, WorkLeftWhenItGoesIsDroppedWithoutHanging) {
  std::atomic<int> ran{0};
  int taken = 0;
  {
    OrderedParallel<int> workers(2, 1000, [&](int&&) { ++taken; });
    for (int i = 0; i < 500; ++i)
      workers.submit([&, i] {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        ++ran;
        return i;
      });
  }  // gone with most of the work not begun
  EXPECT_EQ(taken, 0);
  EXPECT_LT(ran.load(), 500);
}

}  // namespace
}  // namespace rp
