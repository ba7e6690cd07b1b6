#include "services/healthservice.h"

#include "data/database.h"

HealthService::HealthService(Database &database)
    : m_database(database)
{ }

Result<Done> HealthService::check()
{
    return m_database.ping();
}
