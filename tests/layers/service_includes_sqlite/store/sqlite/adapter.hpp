#pragma once
// The adapter itself may include its engine: not reported.
#include <sqlite3.h>
