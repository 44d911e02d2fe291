#pragma once
// app/ chooses the engine and may open it: not reported.
#include "store/sqlite/sqlite_store.hpp"
