#pragma once

#include "data/queuerepository.h"
#include "data/roomrepository.h"
#include "queuestatus.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

/**
 * @brief One waiting room's figures, as `GET /admin/queue` lists them (api-contract.md, "Box
 * office"): exactly the contract's fields.
 */
struct RoomFigures
{
    std::optional<qint64> concertId; ///< std::nullopt: the house room
    qint64 waiting = 0; ///< WAITING tokens (a concert room's pre-queue included)
    qint64 active = 0; ///< ACTIVE tokens
    qint64 capacity = 0; ///< most ACTIVE at once
    qint64 admitPerMinute = 0; ///< 0: no rate limit
    bool paused = false;
    bool soldOut = false;
    qint64 admittedLastMinute = 0; ///< admitted in the 60 s before the last tick
    qint64 abandonedLastMinute = 0; ///< EXPIRED as ABANDONED in the 60 s before the last tick
    qint64 oldestWaitSeconds = 0; ///< s since the longest-waiting token's wait began; 0: none
    qint64 estimatedWaitSecondsAtBack = 0; ///< s until a token joining now would be admitted

    [[nodiscard]] QJsonObject toJson() const;
};

/**
 * @brief This instance's picture of the concerts' waiting rooms (api-contract.md, "Waiting
 * rooms"): every concert's room settings and the live tokens of each room in admission order,
 * refreshed every tick from the same snapshot as the house QueueView, so that status polls
 * and room checks (403 WRONG_CONCERT) need no database round trip.
 *
 * Thread safe: readers take a shared pointer to the current immutable snapshot under a short
 * lock.
 */
class RoomsView
{
public:
    /** @brief What one tick read. */
    struct Refresh
    {
        QHash<qint64, RoomRow> rooms; ///< every concert's room settings
        std::vector<RoomTokenRow> tokens; ///< live tokens, per room in admission order
        /** @brief false: the tokens did not change since the last refresh (tokens is empty) */
        bool tokensChanged = true;
        QDateTime takenAt;
        qint64 tickMs = 1000; ///< time since the previous refresh
        /** @brief per room id (0 = house): admitted and abandoned in the last minute */
        QHash<qint64, RoomActivity> activity;
        QDateTime houseOldestIssuedAt; ///< the oldest house WAITING token; invalid: none
    };

    /**
     * @param defaultCapacity: `--queue-capacity`, for rooms without their own.
     * @param activeTtlSeconds, tickMs: as QueueView (prior admission rate, next tick).
     */
    RoomsView(int defaultCapacity, int activeTtlSeconds, int tickMs);

    void apply(Refresh refresh);

    /**
     * @brief Status of a WAITING token of a concert's room at the last refresh (or issued here
     * since), with concertId, soldOut and, in the pre-queue, saleOpensAt; std::nullopt when
     * this picture has no such WAITING token.
     */
    [[nodiscard]] std::optional<QueueStatus> lookupWaiting(qint64 tokenId) const;
    /**
     * @brief The concert whose room the token is in, if this picture knows: std::nullopt =
     * unknown; a value of std::nullopt inside = the house room.
     */
    [[nodiscard]] std::optional<std::optional<qint64>> roomOf(qint64 tokenId) const;
    /** @brief The concert's room settings; std::nullopt when not in the picture (yet). */
    [[nodiscard]] std::optional<RoomRow> room(qint64 concertId) const;
    /** @brief Effective capacity of a concert's room. */
    [[nodiscard]] int capacityOf(const RoomRow &room) const;
    /** @brief Position a token just issued in the room would have (provisional). */
    [[nodiscard]] qint64 provisionalPosition(qint64 concertId, qint64 tokenId) const;
    /** @brief Seconds until @p position (1-based) of the room is admitted; never decreasing. */
    [[nodiscard]] qint64 estimatedWaitSeconds(qint64 concertId, qint64 position) const;
    /** @brief Fills concertId and soldOut of @p status for a token of the room. */
    void decorate(QueueStatus &status, std::optional<qint64> concertId) const;

    /**
     * @brief The figures of every concert's room at the last refresh (at most a tick old), by
     * concert id ascending: counts, settings, the last minute's admissions and abandonments,
     * the oldest wait and the estimated wait at the back, as of @p now. A pre-queue token's
     * wait begins at saleOpensAt: before the opening it is counted in `waiting` but has no wait
     * yet, and the estimate at the back adds the time until the opening. No database access.
     */
    [[nodiscard]] QList<RoomFigures> concertRoomFigures(const QDateTime &now) const;
    /**
     * @brief The house room's part that only the tick reads (admissions and abandonments of
     * the last minute, the oldest wait at @p now); the caller adds the QueueView's counts.
     */
    [[nodiscard]] RoomFigures houseActivity(const QDateTime &now) const;

    /** @brief A token issued here, visible until a snapshot has it (10 s at most). */
    void noteIssued(qint64 tokenId, std::optional<qint64> concertId, const QDateTime &at);
    /** @brief The token's room, learnt from the database (kept for up to 100,000 tokens). */
    void noteRoom(qint64 tokenId, std::optional<qint64> concertId);
    /** @brief Room settings changed here (PATCH): used until the next refresh replaces them. */
    void noteSettings(const RoomRow &room);

private:
    struct Entry
    {
        qint64 concertId = 0;
        TokenStatus status = TokenStatus::Waiting;
        qint64 position = 0; ///< 1-based among the room's WAITING; 0 ACTIVE or pre-queue
        bool prequeue = false;
    };
    struct RoomState
    {
        qint64 waiting = 0; ///< WAITING with a place
        qint64 prequeued = 0; ///< WAITING in the pre-queue (no place yet)
        qint64 active = 0;
        double rate = 0; ///< measured admissions per second, 0 = not enough seen
        QDateTime oldestWaitFrom; ///< earliest start of a wait among WAITING; invalid: none
    };
    struct Snapshot
    {
        QHash<qint64, RoomRow> rooms;
        QHash<qint64, RoomState> states;
        QHash<qint64, Entry> tokens;
        QHash<qint64, RoomActivity> activity; ///< 0 = house
        QDateTime houseOldestIssuedAt;
    };
    struct RateSample
    {
        qint64 atMs;
        qint64 admitted;
        qint64 busyMs;
    };
    std::shared_ptr<const Snapshot> snapshot() const;
    qint64 estimatedWaitSeconds(const Snapshot &snapshot, qint64 concertId, qint64 position) const;

    const int m_defaultCapacity;
    const int m_activeTtlSeconds;
    const int m_tickMs;
    mutable QMutex m_mutex;
    std::shared_ptr<const Snapshot> m_snapshot;
    QHash<qint64, std::pair<std::optional<qint64>, QDateTime>> m_issued;
    QHash<qint64, std::optional<qint64>> m_knownRooms;
    QHash<qint64, std::deque<RateSample>> m_samples;
};
