#pragma once

#include "data/roomrepository.h"
#include "services/result.h"

#include <QJsonObject>

class CatalogService;
class Database;
class QueueService;

/**
 * @brief The box office's view of one concert (api-contract.md, "Box office"): `GET` and
 * `PATCH /api/v1/admin/concerts/{id}` — title, venue, saleOpensAt, the waiting room's settings
 * and the dates' prices. Every method runs SQL: call it from a worker thread.
 */
class ConcertAdminService
{
public:
    /** @brief The body of GET and PATCH. */
    struct ConcertAdmin
    {
        ConcertAdminRow row;
        int defaultCapacity = 100;

        [[nodiscard]] QJsonObject toJson() const;
    };

    ConcertAdminService(Database &database, QueueService &queue, CatalogService &catalog);

    /** @brief Errors: NotFound, Unavailable. */
    Result<ConcertAdmin> get(qint64 concertId);
    /**
     * @brief Applies @p patch in one transaction, all or nothing. Errors: NotFound (concert, or
     * a price for a date it does not have), Conflict (a price change of a date with a seat
     * HELD or SOLD), Unavailable.
     */
    Result<ConcertAdmin> patch(qint64 concertId, const ConcertPatch &patch);

    /**
     * @brief Reads a PATCH body: title and venue 1..200 characters, saleOpensAt a timestamp
     * or null, queue.capacity 1..1,000,000, queue.admitPerMinute 0..1,000,000, queue.paused a
     * boolean, dates [{date, price 0..10,000,000}]. std::nullopt with @p why on bad input.
     */
    static std::optional<ConcertPatch> parsePatch(const QJsonObject &body, QString *why);

private:
    Database &m_database;
    QueueService &m_queue;
    CatalogService &m_catalog;
};
