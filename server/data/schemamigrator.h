#pragma once

#include "services/result.h"

#include <QStringList>

class DbSession;

/**
 * @brief Applies the numbered migration files `resources/migrations/NNN_name.sql` (compiled in
 * as `:/migrations/`) that the database has not seen yet, in order, recording each in
 * `schema_migrations`.
 *
 * Safe when several instances start at once against an empty database: the work runs under
 * the advisory lock `concert.schema` (MariaDB GET_LOCK, waits up to 60 s), so one instance
 * migrates and the others find the work done.
 */
class SchemaMigrator
{
public:
    /** @brief Migration resource names in order, e.g. ":/migrations/001_init.sql". */
    static QStringList migrationFiles();
    /** @brief Brings the schema up to date; an error leaves the lock released. */
    static Result<Done> migrate(DbSession &session);
};
