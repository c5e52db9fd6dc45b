"""Index experiments on a city loaded by gen_city into SQLite (docs/benchmarks.md,
"What to fix"): the page part of a community-wide residents search (the
`page` CTE of src/registry/resident_search.c) as the server runs it and as it
could run with another drive or index, timed on the same targets.

usage: python3 bench/index_experiments.py CITY.db

Creates one index on resident_tags for the last experiment and drops it again."""
import random
import sqlite3
import sys
import time

db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA cache_size=-2000")  # hongwu's connections keep SQLite's default
rnd = random.Random(7)

# Two communities at each position 0..7 within their sub-district: the cost
# of a walk over the sub-district depends on where the community lies in it.
by_district = {}
for cid, did in db.execute(
        "SELECT id, district_id FROM places WHERE kind = 'community' ORDER BY id"):
    by_district.setdefault(did, []).append(cid)
picked = []
for k in range(8):
    at_k = [(cs[k], d) for d, cs in by_district.items() if len(cs) > k]
    picked += rnd.sample(at_k, min(2, len(at_k)))
tag = db.execute(
    "SELECT id FROM tags WHERE code = 'aged_80_plus' AND district_id IS NULL").fetchone()[0]
prefixes = {}
for c, _ in picked:
    names = db.execute(
        "SELECT r.name FROM places p JOIN occupancies o ON o.dwelling_id = p.id"
        " JOIN residents r ON r.id = o.resident_id WHERE p.community_id = ? AND p.kind = 'dwelling'"
        " LIMIT 2000", (c,)).fetchall()
    prefixes[c] = [n[0][:2] for n in rnd.sample(names, 20)]

IN_SCOPE = ("EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id"
            " WHERE o.resident_id = {r} AND o.moved_out IS NULL AND p.community_id = :c)")
BY_PLACES = ("SELECT DISTINCT r.id FROM places p JOIN occupancies o ON o.dwelling_id = p.id"
             " JOIN residents r ON r.id = o.resident_id WHERE p.community_id = :c"
             " AND p.kind = 'dwelling' AND o.moved_out IS NULL AND {cond} ORDER BY r.id LIMIT 50")
HAS_TAG = "EXISTS (SELECT 1 FROM resident_tags rt WHERE rt.resident_id = r.id AND rt.tag_id = :t)"
NAME_LIKE = "lower(r.name) LIKE lower(:pat) ESCAPE '\\'"
QUERIES = {
    "q_walk_district": "SELECT r.id FROM residents r WHERE r.district_id = :d AND r.id > 0"
    " AND " + NAME_LIKE + " AND " + IN_SCOPE.format(r="r.id") + " ORDER BY r.id LIMIT 50",
    "q_by_community_places": BY_PLACES.format(cond=NAME_LIKE),
    "q_prefix_by_name_index": "SELECT r.id FROM residents r WHERE r.district_id = :d"
    " AND r.name >= :lo AND r.name < :hi AND " + IN_SCOPE.format(r="r.id")
    + " ORDER BY r.id LIMIT 50",
    "tag_walk_district": "SELECT r.id FROM residents r WHERE r.district_id = :d AND r.id > 0"
    " AND " + HAS_TAG + " AND " + IN_SCOPE.format(r="r.id") + " ORDER BY r.id LIMIT 50",
    "tag_by_community_places": BY_PLACES.format(cond=HAS_TAG),
    "tag_by_district_tag_index": "SELECT rt.resident_id FROM resident_tags rt"
    " WHERE rt.district_id = :d AND rt.tag_id = :t AND rt.resident_id > 0"
    " AND " + IN_SCOPE.format(r="rt.resident_id") + " ORDER BY rt.resident_id LIMIT 50",
}


def run(name, n=400):
    sql = QUERIES[name]
    times, rows = [], 0
    for i in range(n):
        c, d = picked[i % len(picked)]
        p = rnd.choice(prefixes[c])
        args = {"c": c, "d": d, "t": tag, "pat": "%" + p + "%", "lo": p,
                "hi": p[:-1] + chr(ord(p[-1]) + 1)}
        t0 = time.perf_counter()
        rows += len(db.execute(sql, args).fetchall())
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"{name}: n={n} median_ms={times[(n - 1) // 2]:.2f} p99_ms={times[-(-n * 99 // 100) - 1]:.2f}"
          f" rows={rows / n:.1f}", flush=True)
    plan = db.execute("EXPLAIN QUERY PLAN " + sql,
                      {"c": 1, "d": 1, "t": 1, "pat": "", "lo": "", "hi": ""}).fetchall()
    for row in plan:
        print(f"    {row[3]}")


for q in ("q_walk_district", "q_by_community_places", "q_prefix_by_name_index",
          "tag_walk_district", "tag_by_community_places"):
    run(q)
t0 = time.perf_counter()
db.execute("CREATE INDEX bench_resident_tags_district ON resident_tags (district_id, tag_id, resident_id)")
print(f"CREATE INDEX ON resident_tags (district_id, tag_id, resident_id): {time.perf_counter() - t0:.1f} s")
run("tag_by_district_tag_index")
db.execute("DROP INDEX bench_resident_tags_district")
