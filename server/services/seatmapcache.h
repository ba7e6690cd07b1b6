#pragma once

#include "concert.h"
#include "data/catalogrepository.h"
#include "seat.h"
#include "services/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QReadWriteLock>

#include <array>
#include <optional>

class Database;
struct SeatRow;

/**
 * @brief The seat maps and date lists this instance serves, in memory (api-contract.md
 * "Catalogue"; "Additions to v1", "Seat maps and dates across instances").
 *
 * A date enters on its first read (one database read) and stays. It is kept current by
 * - this instance's own holds, sales and releases at once (noteHeld(), noteSold(),
 *   noteReleased(), called after the commit), and
 * - refresh(), run after every queue tick: it reads the seat rows whose `updated_at` is at or
 *   after the previous refresh's start minus a look-back (index range, migration 006), so that
 *   another instance's write shows within one tick; a few dates are also re-read whole each
 *   tick, in turn, as a safety net.
 * A database row read before this instance's own later write of the same seat never
 * overwrites it. A hold past `heldUntil` shows as AVAILABLE at read time. The maps only answer
 * reads: a hold is always decided in the database, so a late map can only lead to a 409.
 * Thread-safe: the memory reads run on the HTTP thread, loads on workers, refresh() on the
 * queue thread.
 */
class SeatMapCache
{
public:
    /** @brief Rows changed up to this long before the previous refresh are read again. */
    static constexpr qint64 kLookBackMs = 2000;

    explicit SeatMapCache(Database &database);

    /** @brief The seat map of a date from memory; std::nullopt if the date is not loaded. */
    [[nodiscard]] std::optional<SeatMap> seatMap(qint64 concertId, QDate date,
                                                 const QDateTime &now) const;
    /**
     * @brief The same seat map as seatMap(), already written as compact JSON (the bytes of
     * `QJsonDocument(map.toJson()).toJson(Compact)`); std::nullopt if the date is not loaded.
     *
     * The hot path of a seat map poll (issue 13): the bytes are written once and answered
     * again until the date changes (a note*(), or a refresh that read a different row) or the
     * earliest `heldUntil` after @p now passes (that seat then reads AVAILABLE), so that a
     * read between two changes builds no JSON at all.
     */
    [[nodiscard]] std::optional<QByteArray> seatMapJson(qint64 concertId, QDate date,
                                                        const QDateTime &now) const;
    /**
     * @brief The bookable dates of a concert from memory (on or after @p now's date, at least
     * one seat free at @p now, ascending); std::nullopt if the concert is not loaded.
     */
    [[nodiscard]] std::optional<ConcertDateList> dates(qint64 concertId,
                                                       const QDateTime &now) const;

    /** @brief Loads @p date's seats (if not in memory yet) and answers its map. Runs SQL. */
    Result<SeatMap> loadSeatMap(const DateRef &date, const QDateTime &now);
    /**
     * @brief Loads every date of @p concertId and their seats (those not in memory yet) and
     * answers the bookable dates; std::nullopt when the concert has no date at all (the caller
     * tells an empty concert from a missing one). Runs SQL. Errors: Unavailable, Internal.
     */
    Result<std::optional<ConcertDateList>> loadDates(qint64 concertId, const QDateTime &now);

    /** @brief This instance held @p seats of date @p concertDateId until @p heldUntil. */
    void noteHeld(qint64 concertDateId, const QList<int> &seats, const QDateTime &heldUntil);
    /** @brief This instance sold @p seats. */
    void noteSold(qint64 concertDateId, const QList<int> &seats);
    /** @brief This instance made @p seats AVAILABLE again (release, cancellation). */
    void noteReleased(qint64 concertDateId, const QList<int> &seats);

    /**
     * @brief Forgets concert @p concertId's dates and seats (dates added, prices changed): the
     * next read loads them again from the database. Other instances forget every concert's
     * date list every kVerifyEveryTicks refreshes, so their lists follow within that.
     */
    void forgetConcert(qint64 concertId);

    /**
     * @brief Reads what changed since the previous refresh (minus kLookBackMs) and re-reads a
     * few dates whole. Runs SQL on the calling thread's connection; call it from one thread
     * (the queue thread, after each tick). Does nothing while no date is in memory.
     */
    void refresh();

    /** @brief Dates in memory (for tests and logs). */
    [[nodiscard]] int dateCount() const;

private:
    struct SeatState
    {
        SeatStatus status = SeatStatus::Available;
        qint64 heldUntilMs = 0; ///< UTC ms since the epoch; meaningful when Held
        qint64 ownWriteAt = -1; ///< m_monotonic ms of this instance's last write of the seat
    };
    struct DateSeats
    {
        DateRef ref;
        std::array<SeatState, kSeatsPerDate> seats;
        qint64 verifiedAt = 0; ///< m_monotonic ms of the last whole read
        /// seatMapJson()'s bytes, empty once a change made them stale. Cleared under the write
        /// lock; written under the read lock and m_renderLock.
        mutable QByteArray rendered;
        /// UTC ms since the epoch until which `rendered` holds: the earliest heldUntil after
        /// the moment it was written (no held seat: never ends).
        mutable qint64 renderedUntilMs = 0;
    };

    /** @brief The date in memory, or nullptr; call with m_lock held. */
    const DateSeats *findLocked(qint64 concertId, QDate date) const;
    /** @brief Applies rows read by a statement that started at @p readStartedAt. */
    void applyLocked(const QList<SeatRow> &rows, qint64 readStartedAt);
    void insertLocked(const DateRef &ref, const QList<SeatRow> &rows, qint64 readStartedAt);
    void noteLocked(qint64 concertDateId, const QList<int> &seats, SeatStatus status,
                    qint64 heldUntilMs);
    SeatMap mapLocked(const DateSeats &date, qint64 nowMs) const;
    static int freeSeats(const DateSeats &date, qint64 nowMs);

    Database &m_database;
    QElapsedTimer m_monotonic;
    mutable QReadWriteLock m_lock;
    mutable QMutex m_renderLock; ///< readers writing DateSeats::rendered under a read lock
    QHash<qint64, DateSeats> m_dates; ///< by concert_dates.id
    QHash<QPair<qint64, QDate>, qint64> m_dateIds; ///< (concert, date) → concert_dates.id
    QHash<qint64, QList<qint64>> m_concertDates; ///< concerts loaded whole: date ids by date
    QDateTime m_lastRefreshStart; ///< only refresh() touches it
    int m_refreshCount = 0; ///< only refresh() touches it
};
