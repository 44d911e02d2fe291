#pragma once
// The engine-free part of store/ including SQLite: refused, since rp_store links no engine.
#include <sqlite3.h>
