#pragma once

#include "services/result.h"

class Database;

/**
 * @brief Whether this instance can serve (api-contract.md, "Health"): the database answers.
 * Runs SQL: call it from a worker thread.
 */
class HealthService
{
public:
    explicit HealthService(Database &database);

    /** @brief One trivial statement on this thread's connection. Errors: Unavailable, Internal. */
    Result<Done> check();

private:
    Database &m_database;
};
