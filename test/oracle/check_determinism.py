"""Corpus hygiene: is every reference query deterministic on the oracle's data?

    /usr/bin/python3 test/oracle/check_determinism.py ORACLE_DIR SQL_DIR...   (run via `npm run test:oracle -- --determinism`)

Runs each reference query (SELECT part of writes, as the runner prepares it) on the seeded tables,
then three more times inside a transaction that replaces atomic.events, derived.users and
derived.countries with physically shuffled copies and toggles hash aggregation / hash joins; the
transaction is always rolled back. Any multiset difference means a window or ORDER BY … LIMIT
ordering is not total, so the oracle's verdict could flip between runs. Exit 1 on any difference.
(While a shuffled run is in progress it holds an exclusive lock on the three tables for a moment.)
"""
import os
import sys

sys.path.insert(0, os.path.join(sys.argv[1], "oracle"))
import compare  # noqa: E402
import db  # noqa: E402

TABLES = ("atomic.events", "derived.users", "derived.countries")


def normalised(rows):
    rows = [tuple(compare.norm(v) for v in r) for r in rows]
    return sorted(rows, key=lambda r: tuple(compare._sort_key(v) for v in r))


def run(conn, sql, shuffle=None):
    cur = conn.cursor()
    try:
        cur.execute("BEGIN")
        cur.execute("SET LOCAL search_path = public")
        cur.execute("SET LOCAL statement_timeout = 120000")
        if shuffle is not None:
            for t in TABLES:
                schema, name = t.split(".")
                cur.execute(f"ALTER TABLE {t} RENAME TO {name}_orig")
                cur.execute(f"CREATE TABLE {t} AS SELECT * FROM {schema}.{name}_orig "
                            f"ORDER BY md5(({name}_orig.*)::text || '{shuffle}')")
            cur.execute(f"SET LOCAL enable_hashagg = {'off' if shuffle == 'a' else 'on'}")
            cur.execute(f"SET LOCAL enable_hashjoin = {'off' if shuffle == 'b' else 'on'}")
        cur.execute(sql)
        return cur.fetchall()
    finally:
        conn.rollback()


def main():
    conn = db.connect()
    bad = checked = 0
    for d in sys.argv[2:]:
        for f in sorted(os.listdir(d)):
            if not f.endswith(".sql"):
                continue
            sql = open(os.path.join(d, f)).read()
            if any(line.strip().lower().replace(" ", "") == "--expect:reject" for line in sql.splitlines()):
                continue
            checked += 1
            base = normalised(run(conn, sql))
            for shuffle in ("a", "b", "c"):
                if compare.multiset_diff(base, normalised(run(conn, sql, shuffle))) is not None:
                    print(f"NONDETERMINISTIC {f} (shuffle {shuffle})", flush=True)
                    bad += 1
                    break
            else:
                print(f"deterministic     {f} ({len(base)} rows)", flush=True)
    print(f"determinism: {checked - bad} deterministic, {bad} not")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
