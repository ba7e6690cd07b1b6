#pragma once

#include "services/jsonbody.h"
#include "services/result.h"

#include <QString>

class Database;
class TicketSigner;

/**
 * @brief A customer's reservations (api-contract.md, "Reservations: release, history"):
 * `GET /api/v1/users/{userId}/reservations`. Public, like the balance. Runs SQL: call it from a
 * worker thread.
 */
class HistoryService
{
public:
    /** @p tickets signs the `ticketCode` of CONFIRMED items; it must outlive the service. */
    HistoryService(Database &database, const TicketSigner &tickets);

    /**
     * @brief `{"items": [<reservation>...], "page", "size", "total"}` newest first by creation;
     * each item is the reservation body, status as of now (a HELD one past heldUntil is
     * EXPIRED), with `"paymentId"` once paid and
     * `"ticketCode"` while CONFIRMED ("Reservations": a CONFIRMED reservation carries it). @p
     * userId is a canonical UUID, @p page >= 1,
     * @p size 1..100; a page past the end or an unknown user gives empty items.
     * Errors: Unavailable, Internal.
     */
    Result<JsonBody> reservationsOf(const QString &userId, int page, int size);

private:
    Database &m_database;
    const TicketSigner &m_tickets;
};
