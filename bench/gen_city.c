/* gen_city: a synthetic city of a chosen number of dwellings, loaded straight
 * into a hongwu database and/or written as a residents import file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_time.h"
#include "city.h"
#include "loader.h"

static const char usage[] =
    "usage: gen_city --dwellings N [--seed S] [--residents-per-dwelling R] [--one-community]\n"
    "                [--sqlite FILE | --pg URL] [--skeleton-only] [--csv FILE]\n\n"
    "  --dwellings N   how many dwellings (the last building may add a few more)\n"
    "  --residents-per-dwelling R\n"
    "                  mean residents per dwelling, empty dwellings included (default 1.0)\n"
    "  --one-community every dwelling in one community (for the import benchmark)\n"
    "  --sqlite FILE   bulk-load into a SQLite database made by `hongwu migrate`\n"
    "  --pg URL        bulk-load into a PostgreSQL database made by `hongwu migrate`\n"
    "                  (COPY; needs a superuser to skip per-row foreign key triggers)\n"
    "  --skeleton-only load only sub-districts, communities, grids and micro-grids\n"
    "  --csv FILE      write the residents as an import file (docs/import-format.md)\n\n"
    "Prints key=value lines: the row counts and the seconds the load took.\n";

/* Hands every row to each loader in turn; counts rows for the progress line. */
struct tee {
    struct loader *to[2];
    int n;
    int64_t places;
    double started;
};

static int tee_place(void *ctx, const struct place_row *p)
{
    struct tee *t = ctx;
    if (++t->places % 2000000 == 0)
        fprintf(stderr, "gen_city: %lld places, %.0f s\n", (long long)t->places,
                seconds_now() - t->started);
    for (int i = 0; i < t->n; i++)
        if (t->to[i]->sink.place && t->to[i]->sink.place(t->to[i]->sink.ctx, p))
            return -1;
    return 0;
}

static int tee_history(void *ctx, const struct grid_history_row *h)
{
    struct tee *t = ctx;
    for (int i = 0; i < t->n; i++)
        if (t->to[i]->sink.grid_history && t->to[i]->sink.grid_history(t->to[i]->sink.ctx, h))
            return -1;
    return 0;
}

static int tee_household(void *ctx, const struct household *h)
{
    struct tee *t = ctx;
    for (int i = 0; i < t->n; i++)
        if (t->to[i]->sink.household && t->to[i]->sink.household(t->to[i]->sink.ctx, h))
            return -1;
    return 0;
}

struct args {
    struct city_options city;
    const char *sqlite, *pg, *csv;
    struct load_options load;
};

static int parse(int argc, char **argv, struct args *a)
{
    static const struct option opts[] = {
        {"dwellings", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"residents-per-dwelling", required_argument, NULL, 'r'},
        {"one-community", no_argument, NULL, 'o'},
        {"sqlite", required_argument, NULL, 'q'},
        {"pg", required_argument, NULL, 'p'},
        {"skeleton-only", no_argument, NULL, 'k'},
        {"csv", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    *a = (struct args){.city = {.seed = 20250101, .residents_per_dwelling = 1.0}};
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n': a->city.dwellings = strtoll(optarg, &end, 10); break;
        case 's': a->city.seed = strtoull(optarg, &end, 10); break;
        case 'r': a->city.residents_per_dwelling = strtod(optarg, &end); break;
        case 'o': a->city.one_community = true; break;
        case 'q': a->sqlite = optarg; break;
        case 'p': a->pg = optarg; break;
        case 'k': a->load.skeleton_only = true; break;
        case 'c': a->csv = optarg; break;
        case 'h': fputs(usage, stdout); exit(0);
        default: return -1;
        }
    }
    if (optind != argc || a->city.dwellings < 1 || a->city.dwellings > 100000000 ||
        a->city.residents_per_dwelling < 0 || a->city.residents_per_dwelling > 6 ||
        (a->sqlite && a->pg) || (!a->sqlite && !a->pg && !a->csv) ||
        (a->load.skeleton_only && !a->sqlite && !a->pg))
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    struct args a;
    if (parse(argc, argv, &a)) {
        fputs(usage, stderr);
        return 2;
    }
    struct tee tee = {.started = seconds_now()};
    struct loader *db = NULL, *csv = NULL;
    if (a.sqlite && sqlite_loader_open(a.sqlite, &a.load, &db))
        return 1;
    if (a.pg && pg_loader_open(a.pg, &a.load, &db))
        return 1;
    if (db)
        tee.to[tee.n++] = db;
    if (a.csv && csv_loader_open(a.csv, &csv)) {
        struct load_times ignored;
        if (db)
            db->finish(db, false, &ignored);
        return 1;
    }
    if (csv)
        tee.to[tee.n++] = csv;
    if (db) {
        a.city.first_place_id = db->first_place_id;
        a.city.first_resident_id = db->first_resident_id;
        a.city.first_occupancy_id = db->first_occupancy_id;
        a.city.first_history_id = db->first_history_id;
    } else {
        a.city.first_place_id = a.city.first_resident_id = 1;
        a.city.first_occupancy_id = a.city.first_history_id = 1;
    }
    struct city_sink sink = {&tee, tee_place, tee_history, tee_household};
    struct city_totals t;
    int rc = city_generate(&a.city, &sink, &t);
    double generated = seconds_now();
    struct load_times times = {0}, ignored;
    if (rc)
        fprintf(stderr, "gen_city: generation stopped (%d)\n", rc);
    if (db && db->finish(db, rc == 0, &times))
        rc = -1;
    if (csv && csv->finish(csv, rc == 0, &ignored))
        rc = -1;
    double done = seconds_now();
    printf("subdistricts=%lld\ncommunities=%lld\ngrids=%lld\nmicro_grids=%lld\ncompounds=%lld\n"
           "buildings=%lld\nentrances=%lld\ndwellings=%lld\nplaces=%lld\nresidents=%lld\n"
           "occupancies=%lld\nresident_tags=%lld\n",
           (long long)t.subdistricts, (long long)t.communities, (long long)t.grids,
           (long long)t.micro_grids, (long long)t.compounds, (long long)t.buildings,
           (long long)t.entrances, (long long)t.dwellings, (long long)t.places,
           (long long)t.residents, (long long)t.occupancies, (long long)t.resident_tags);
    printf("first_place_id=%lld\nrows_seconds=%.1f\nindex_seconds=%.1f\nkeys_seconds=%.1f\n"
           "total_seconds=%.1f\n",
           (long long)a.city.first_place_id, generated - tee.started, times.index_seconds,
           times.keys_seconds, done - tee.started);
    return rc ? 1 : 0;
}
