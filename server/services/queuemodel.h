#pragma once

#include "data/queuerepository.h"

#include <QHash>

#include <memory>
#include <unordered_map>
#include <vector>

/**
 * @brief The queue ticker's picture of every live token (WAITING or ACTIVE), kept current from
 * the rows that changed since the last tick (QueueRepository::readChanges()), so that a tick's
 * work follows what changed, not the size of the line (issue 13). It feeds the QueueView and
 * RoomsView and gives the admitter its counts (ACTIVE per room, rooms with waiters) without a
 * database scan.
 *
 * Memory: a house WAITING token is one 8-byte id in a sorted vector (QueueView shares the same
 * vector); an ACTIVE token 24 bytes in a sorted vector; a token of a concert's room also an
 * entry of a hash map (~64 bytes). Vectors are immutable once published: a change builds a new
 * one (a merge, O(n) copying), no change shares the old one.
 *
 * Not thread safe: only the queue thread uses it.
 */
class QueueModel
{
public:
    /** @brief House WAITING ids, ascending. */
    using WaitingIds = std::vector<qint64>;
    struct ActiveToken
    {
        qint64 id = 0;
        qint64 expiresAtMs = 0; ///< UTC ms since the epoch
        qint64 roomId = 0; ///< 0: the house room
    };
    /** @brief ACTIVE tokens of every room, ascending by id. */
    using ActiveTokens = std::vector<ActiveToken>;

    QueueModel();

    /**
     * @brief Applies one read: @p changes.rows (the changed rows, or every live token when
     * complete) and @p changes.verified, the rows of the id range (@p verifyAfterId,
     * @p verifyUpToId], which replace whatever the model held in that range.
     * @return true when anything in the model changed.
     */
    bool apply(const QueueRepository::Changes &changes, qint64 verifyAfterId, qint64 verifyUpToId);

    [[nodiscard]] std::shared_ptr<const WaitingIds> houseWaiting() const { return m_house; }
    [[nodiscard]] std::shared_ptr<const ActiveTokens> active() const { return m_active; }
    /** @brief ACTIVE tokens of the room (0: house). */
    [[nodiscard]] int activeIn(qint64 roomId) const { return m_activePerRoom.value(roomId); }
    /** @brief WAITING tokens of a concert's room (pre-queue included); 0 for the house. */
    [[nodiscard]] int waitingIn(qint64 roomId) const { return m_waitingPerRoom.value(roomId); }
    /** @brief Concert rooms (ids > 0) with at least one WAITING token, ascending. */
    [[nodiscard]] std::vector<qint64> roomsWithWaiters() const;
    /** @brief Live tokens of concert rooms, per room in admission order (RoomsView's input). */
    [[nodiscard]] std::vector<RoomTokenRow> roomTokens() const;
    /** @brief Whether the concert rooms' tokens changed since the last call (and resets it). */
    bool takeRoomsChanged();

private:
    struct RoomToken
    {
        qint64 roomId = 0;
        TokenStatus status = TokenStatus::Waiting;
        bool prequeue = false;
        bool drawn = false;
        qint64 drawPlace = 0;
        qint64 expiresAtMs = 0;
        qint64 issuedAtMs = 0;
        friend bool operator==(const RoomToken &, const RoomToken &) = default;
    };
    void rebuildCounts();

    std::shared_ptr<const WaitingIds> m_house;
    std::shared_ptr<const ActiveTokens> m_active;
    std::unordered_map<qint64, RoomToken> m_roomTokens;
    QHash<qint64, int> m_activePerRoom;
    QHash<qint64, int> m_waitingPerRoom; ///< concert rooms only
    bool m_roomsChanged = true;
};
