/* hongwu: one binary, one subcommand per task. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"serve", cmd_serve, "serve the API and the web UI"},
    {"migrate", cmd_migrate, "create or upgrade the database schema"},
    {"backup", cmd_backup, "write a consistent copy of the database to FILE"},
    {"demo", cmd_demo, "load the demo sub-district and print its users' passwords"},
    {"user", cmd_user, "add, disable, list accounts, or set a password"},
    {"routes", cmd_routes, "print the API route table"},
    {"import", cmd_import, "import buildings, dwellings or residents from a CSV file"},
    {"export", cmd_export, "export residents or dwellings to CSV or Excel"},
    {"apikey", cmd_apikey, "issue, list or revoke the keys of Open311 client applications"},
    {"verify", cmd_verify, "check the hash chains of ballots and ledgers for edited rows"},
    {"logs", cmd_logs, "archive logs older than the retention period, or read an archive"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: hongwu COMMAND [OPTIONS]   (hongwu COMMAND --help for details)\n\n"
                 "hongwu runs party-led property management and grid governance for a\n"
                 "sub-district: work orders, care visits, wishes, votes and more.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n  --version  print the version\n\n"
                 "Every option can also come from the environment: --db is HONGWU_DB,\n"
                 "--port is HONGWU_PORT, and so on (see docs/operations.md).\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("hongwu %s\n", HONGWU_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "hongwu: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
