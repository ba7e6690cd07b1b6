#pragma once

#include "services/jsonbody.h"
#include "services/result.h"

#include <QString>

class Database;

/**
 * @brief A customer's reservations (api-contract.md, "Reservations: release, history"):
 * `GET /api/v1/users/{userId}/reservations`. Public, like the balance. Runs SQL: call it from a
 * worker thread.
 */
class HistoryService
{
public:
    explicit HistoryService(Database &database);

    /**
     * @brief `{"items": [<reservation>...], "page", "size", "total"}` newest first by creation;
     * each item is the reservation body, status as of now (a HELD one past heldUntil is
     * EXPIRED), with `"paymentId"` once paid. @p userId is a canonical UUID, @p page >= 1,
     * @p size 1..100; a page past the end or an unknown user gives empty items.
     * Errors: Unavailable, Internal.
     */
    Result<JsonBody> reservationsOf(const QString &userId, int page, int size);

private:
    Database &m_database;
};
