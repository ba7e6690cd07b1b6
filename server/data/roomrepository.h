#pragma once

#include "concert.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

class DbSession;

/** @brief A concert's waiting room as stored on `concerts` (api-contract.md, "Box office"). */
struct RoomRow
{
    qint64 concertId = 0;
    std::optional<QDateTime> saleOpensAt;
    std::optional<int> capacity; ///< null: the server's --queue-capacity
    int admitPerMinute = 0; ///< 0: no rate limit
    bool paused = false;
    bool soldOut = false; ///< as the admitter last found it
    bool drawn = false; ///< the pre-queue draw of the current saleOpensAt is done
};

/** @brief `GET /api/v1/admin/concerts/{id}` as stored. */
struct ConcertAdminRow
{
    qint64 id = 0;
    QString title;
    QString venue;
    RoomRow room;
    QList<DatePrice> dates; ///< ascending
};

/** @brief What a PATCH changes; unset fields keep their values. */
struct ConcertPatch
{
    std::optional<QString> title;
    std::optional<QString> venue;
    bool setSaleOpensAt = false;
    std::optional<QDateTime> saleOpensAt; ///< with setSaleOpensAt: null clears it
    std::optional<int> capacity; ///< 1..1,000,000
    std::optional<int> admitPerMinute; ///< 0..1,000,000
    std::optional<bool> paused;
    QList<DatePrice> prices;
};

/**
 * @brief SQL of waiting-room settings and the admin view of a concert (`concerts`,
 * `concert_dates`, `seats`). Every method throws DbFailure on a database error.
 */
class RoomRepository
{
public:
    explicit RoomRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Every concert's room settings (read each tick by every instance). */
    QHash<qint64, RoomRow> rooms();
    /** @brief The rooms of concerts whose row changed at or after @p since (index range). */
    QHash<qint64, RoomRow> roomsChangedSince(const QDateTime &since);
    std::optional<RoomRow> room(qint64 concertId);
    /** @brief The concert with its room and date prices; std::nullopt if unknown. */
    std::optional<ConcertAdminRow> concert(qint64 concertId, bool forUpdate);
    /** @brief Applies title, venue, saleOpensAt and queue settings (not prices). */
    void update(qint64 concertId, const ConcertPatch &patch);
    /** @brief How many seats of the date are HELD (live at @p now) or SOLD; -1: no such date. */
    int takenSeats(qint64 concertId, QDate date, const QDateTime &now);
    void setPrice(qint64 concertId, QDate date, qint64 price);
    /** @brief The price of a date row (read inside a hold, so a new price counts at once). */
    std::optional<qint64> price(qint64 concertDateId);

    // --- the admitter ---------------------------------------------------------------------
    /** @brief true when the concert has seats and every one is SOLD. */
    bool computeSoldOut(qint64 concertId);
    void setSoldOut(qint64 concertId, bool soldOut);
    void markDrawn(qint64 concertId, const QDateTime &at);

private:
    DbSession &m_session;
};
