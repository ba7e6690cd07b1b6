#pragma once

#include "data/queuerepository.h"
#include "data/roomrepository.h"
#include "queuestatus.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

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
        qint64 active = 0;
        double rate = 0; ///< measured admissions per second, 0 = not enough seen
    };
    struct Snapshot
    {
        QHash<qint64, RoomRow> rooms;
        QHash<qint64, RoomState> states;
        QHash<qint64, Entry> tokens;
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
