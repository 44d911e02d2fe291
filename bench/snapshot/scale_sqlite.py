#!/usr/bin/python3
"""Grows a demo SQLite database COPIES times by copying its patients with everything they
have (episodes, transitions, schedules, eligibility, answers and their scores, adverse
events) under new ids, record numbers and national ids: a large clinic in seconds, whose
histories are the demo's own. For benches only: the copies have no audit rows.

  bench/snapshot/scale_sqlite.py DB COPIES
"""
import sqlite3
import sys

# Each table copied, in an order that keeps foreign keys whole; the columns holding an id
# of a copied row move by the copy's offset, the unique texts get the copy's suffix.
TABLES = ["patients", "episodes", "episode_transitions", "schedule_items", "eligibility_assessments",
          "questionnaire_responses", "response_scores", "adverse_events"]
IDS = {"id", "patient_id", "episode_id", "response_id", "bilateral_with", "repeat_of", "red_flag_id"}
SUFFIXED = {"mrn", "idempotency_key"}


def column_expression(name, copy, offset):
    if name in IDS:
        return f"{name} + {offset}"
    if name in SUFFIXED:
        return f"{name} || '~{copy}'"
    if name == "national_id":  # ten digits still: the copy number in front, mod the range
        return f"printf('%010d', (CAST({name} AS INTEGER) + {copy} * 7919) % 10000000000)"
    return name


def main():
    db, copies = sys.argv[1], int(sys.argv[2])
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("PRAGMA synchronous = OFF")
    top = max(con.execute(f"SELECT COALESCE(MAX(id), 0) FROM {t}").fetchone()[0]
              for t in ("patients", "episodes", "questionnaire_responses", "adverse_events",
                        "episode_transitions", "eligibility_assessments"))
    step = 10 ** len(str(top))
    for copy in range(1, copies):
        for table in TABLES:
            columns = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            select = ", ".join(column_expression(c, copy, copy * step) for c in columns)
            con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM {table} "
                        f"WHERE {'id' if 'id' in columns else columns[0]} < {step}")
        con.commit()
    con.execute("ANALYZE")
    con.commit()
    print(con.execute("SELECT COUNT(*) FROM patients").fetchone()[0])


if __name__ == "__main__":
    main()
