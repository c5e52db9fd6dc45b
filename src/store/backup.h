/* Online, consistent backups: SQLite's backup API, or pg_dump for PostgreSQL. */
#ifndef HONGWU_STORE_BACKUP_H
#define HONGWU_STORE_BACKUP_H

int backup_database(const char *db_url, const char *file);

#endif
