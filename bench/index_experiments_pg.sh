#!/usr/bin/env bash
# bench/index_experiments.py on PostgreSQL: the page part of a community-wide
# residents search as the server runs it and with another drive or index,
# timed with psql's \timing over prepared statements (as src/store/pg.c
# prepares them), then one EXPLAIN ANALYZE of each.
#   usage: bench/index_experiments_pg.sh URL   (bench/run.sh: BENCH_PG_AFTER)
# Creates two indexes on the loaded city (it is thrown away afterwards).
set -uo pipefail
URL=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
q() { psql "$URL" -tAX -c "$1"; }
echo "collation=$(q 'SHOW lc_collate') server=$(q 'SHOW server_version')"
tag=$(q "SELECT id FROM tags WHERE code = 'aged_80_plus' AND district_id IS NULL")
# Two communities at each position 0..7 within their sub-district.
q "WITH c AS (SELECT id, district_id,
                     row_number() OVER (PARTITION BY district_id ORDER BY id) - 1 AS pos
              FROM places WHERE kind = 'community'),
        r AS (SELECT id, district_id, pos,
                     row_number() OVER (PARTITION BY pos ORDER BY md5(id::text)) AS k FROM c)
   SELECT id, district_id FROM r WHERE k <= 2 AND pos < 8" >"$TMP/communities"

IN_SCOPE="EXISTS (SELECT 1 FROM occupancies o JOIN places p ON p.id = o.dwelling_id
  WHERE o.resident_id = RID AND o.moved_out IS NULL AND p.community_id = \$3)"
BY_PLACES="SELECT DISTINCT r.id FROM places p JOIN occupancies o ON o.dwelling_id = p.id
  JOIN residents r ON r.id = o.resident_id WHERE p.community_id = \$3 AND p.kind = 'dwelling'
  AND o.moved_out IS NULL AND \$1 > 0 AND COND ORDER BY r.id LIMIT 50"
HAS_TAG="EXISTS (SELECT 1 FROM resident_tags rt WHERE rt.resident_id = r.id AND rt.tag_id = \$2)"
NAME_LIKE="lower(r.name) LIKE lower('%' || \$2 || '%')"
cat >"$TMP/prepare.sql" <<EOF
PREPARE q_walk_district(bigint, text, bigint) AS SELECT r.id FROM residents r
  WHERE r.district_id = \$1 AND r.id > 0 AND $NAME_LIKE AND ${IN_SCOPE//RID/r.id}
  ORDER BY r.id LIMIT 50;
PREPARE q_by_community_places(bigint, text, bigint) AS ${BY_PLACES//COND/$NAME_LIKE};
PREPARE q_prefix_by_name_index(bigint, text, bigint) AS SELECT r.id FROM residents r
  WHERE r.district_id = \$1 AND r.name COLLATE "C" >= \$2 AND r.name COLLATE "C" < \$2 || chr(1114111)
  AND ${IN_SCOPE//RID/r.id} ORDER BY r.id LIMIT 50;
PREPARE tag_walk_district(bigint, bigint, bigint) AS SELECT r.id FROM residents r
  WHERE r.district_id = \$1 AND r.id > 0 AND $HAS_TAG AND ${IN_SCOPE//RID/r.id}
  ORDER BY r.id LIMIT 50;
PREPARE tag_by_community_places(bigint, bigint, bigint) AS ${BY_PLACES//COND/$HAS_TAG};
EOF
cat >"$TMP/prepare-index.sql" <<EOF
PREPARE tag_by_district_tag_index(bigint, bigint, bigint) AS SELECT rt.resident_id
  FROM resident_tags rt WHERE rt.district_id = \$1 AND rt.tag_id = \$2 AND rt.resident_id > 0
  AND ${IN_SCOPE//RID/rt.resident_id} ORDER BY rt.resident_id LIMIT 50;
EOF

# Reads EXECUTE lines, prints the median and nearest-rank p99 of psql's \timing.
timed() {
    { cat "$TMP/prepare.sql" "$TMP/prepare-index.sql"; echo '\o /dev/null'; echo '\timing on'; cat; } |
        psql "$URL" -X -q 2>&1 | awk '/^Time:/ { print $2 }' | sort -g |
        awk -v name="$1" '{ t[++n] = $1 }
            END { k = int(n * 0.99); if (k < n * 0.99) k++
                  printf "%s: n=%d median_ms=%.2f p99_ms=%.2f\n", name, n, t[int((n + 1) / 2)], t[k] }'
}
# 20 rounds over the communities: EXECUTE name(district, tag or name prefix, community).
calls() {
    local round c d p i=0
    for round in $(seq 20); do
        while IFS='|' read -r c d; do
            if [ "$2" = tag ]; then
                echo "EXECUTE $1($d, $tag, $c);"
            else
                p=$(q "SELECT left(r.name, 2) FROM places p JOIN occupancies o ON o.dwelling_id = p.id
                       JOIN residents r ON r.id = o.resident_id
                       WHERE p.community_id = $c AND p.kind = 'dwelling'
                       OFFSET $(((round * 37 + i * 11) % 500)) LIMIT 1")
                echo "EXECUTE $1($d, '$p', $c);"
            fi
            i=$((i + 1))
        done <"$TMP/communities"
    done
}
calls q_walk_district name >"$TMP/q.sql"
for name in q_walk_district q_by_community_places q_prefix_by_name_index; do
    sed "s/q_walk_district/$name/" "$TMP/q.sql" | timed "$name"
done
calls tag_walk_district tag >"$TMP/tag.sql"
for name in tag_walk_district tag_by_community_places; do
    sed "s/tag_walk_district/$name/" "$TMP/tag.sql" | timed "$name"
done

build() {
    local t0
    t0=$(date +%s.%N)
    q "$1" >/dev/null
    echo "$1: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s"
}
build 'CREATE INDEX bench_residents_name_c ON residents (district_id, (name COLLATE "C"))'
build 'CREATE INDEX bench_resident_tags_district ON resident_tags (district_id, tag_id, resident_id)'
q 'ANALYZE residents, resident_tags' >/dev/null
sed "s/q_walk_district/q_prefix_by_name_index/" "$TMP/q.sql" | timed q_prefix_by_name_index_c
sed "s/tag_walk_district/tag_by_district_tag_index/" "$TMP/tag.sql" | timed tag_by_district_tag_index

IFS='|' read -r c d <"$TMP/communities"
p=$(sed -n "s/EXECUTE q_walk_district($d, \(.*\), $c);/\1/p" "$TMP/q.sql" | head -1)
for call in "q_walk_district($d, $p, $c)" "q_by_community_places($d, $p, $c)" \
    "q_prefix_by_name_index($d, $p, $c)" "tag_walk_district($d, $tag, $c)" \
    "tag_by_community_places($d, $tag, $c)" "tag_by_district_tag_index($d, $tag, $c)"; do
    echo "--- EXPLAIN (ANALYZE, BUFFERS) EXECUTE $call"
    { cat "$TMP/prepare.sql" "$TMP/prepare-index.sql"
      echo "EXPLAIN (ANALYZE, BUFFERS) EXECUTE $call;"; } | psql "$URL" -X -q
done
