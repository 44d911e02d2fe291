#pragma once
// An api header that sees SQLite's own header: refused like the service one.
#include <sqlite3.h>
