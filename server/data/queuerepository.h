#pragma once

#include "queuestatus.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>
#include <vector>

class DbSession;

/** @brief Why a token is EXPIRED (api-contract.md, "Waiting rooms": `reason`). */
namespace TokenEndReason {
inline const QString Paid = QStringLiteral("PAID");
inline const QString TimedOut = QStringLiteral("TIMED_OUT");
inline const QString Left = QStringLiteral("LEFT");
inline const QString Abandoned = QStringLiteral("ABANDONED");
} // namespace TokenEndReason

/** @brief One row of `queue_tokens`. */
struct QueueTokenRow
{
    qint64 id = 0;
    QString userId;
    TokenStatus status = TokenStatus::Waiting;
    QDateTime expiresAt; ///< invalid while WAITING
    std::optional<qint64> concertId; ///< the room; null: the house room
    QString reason; ///< why it expired; empty while live
    bool prequeue = false; ///< taken before its room's sale opened, not drawn yet
};

/** @brief A live token of a concert's room, as every instance reads it each tick. */
struct RoomTokenRow
{
    qint64 id = 0;
    qint64 concertId = 0;
    TokenStatus status = TokenStatus::Waiting;
    bool prequeue = false;
    QDateTime expiresAt; ///< ACTIVE only
};

/**
 * @brief SQL of the waiting rooms (`queue_tokens`). The only place that touches that table.
 * room 0 is the house room; a concert's room is its id. Every method throws DbFailure on a
 * database error (caught by Database).
 */
class QueueRepository
{
public:
    explicit QueueRepository(DbSession &session)
        : m_session(session)
    { }

    /**
     * @brief Inserts a WAITING token in the room of @p concertId (null: house); std::nullopt if
     * the user already has a live one there (1062). @p prequeue: the sale has not opened;
     * @p seenFrom: when its unseen time starts (now, or the sale's opening).
     */
    std::optional<QueueTokenRow> insertWaiting(const QString &userId,
                                               std::optional<qint64> concertId,
                                               const QDateTime &now, bool prequeue,
                                               const QDateTime &seenFrom);
    /** @brief Marks the user's ACTIVE token of the room EXPIRED if its expiresAt has passed. */
    void expireOverdueOf(const QString &userId, std::optional<qint64> concertId,
                         const QDateTime &now);
    /** @brief The user's WAITING or ACTIVE token in the room, if any. */
    std::optional<QueueTokenRow> findLive(const QString &userId, std::optional<qint64> concertId);
    std::optional<QueueTokenRow> find(qint64 tokenId);
    /** @brief The token row, locked (FOR UPDATE) until the transaction ends. */
    std::optional<QueueTokenRow> lock(qint64 tokenId);
    /**
     * @brief Keeps an ACTIVE, unexpired token alive at least until @p until.
     * @return false if the token is not ACTIVE or already expired at @p now.
     */
    bool extendActive(qint64 tokenId, const QDateTime &until, const QDateTime &now);
    /** @brief Marks a live token EXPIRED for @p reason (TokenEndReason); false if it was not. */
    bool expire(qint64 tokenId, const QString &reason, const QDateTime &now);
    /**
     * @brief Records that the tokens were seen at @p at (one statement per 500 ids): their
     * unseen time restarts, never moving back.
     */
    void noteSeen(const QList<qint64> &tokenIds, const QDateTime &at);

    // --- the admitting instance ---------------------------------------------------------
    /**
     * @brief Takes or keeps the admitter role: MariaDB advisory lock `concert.queue.admitter`,
     * held by this connection until it closes (an instance that dies loses it at once).
     */
    bool holdAdmitterLock();
    /** @brief ACTIVE tokens past expiresAt become EXPIRED (TIMED_OUT); returns how many. */
    int expireOverdue(const QDateTime &now);
    /** @brief WAITING tokens last seen before @p unseenSince become EXPIRED (ABANDONED). */
    int abandonUnseen(const QDateTime &unseenSince, const QDateTime &now);
    /**
     * @brief How many tokens abandonUnseen() ended at @p endedAt, per room: key 0 is the house
     * room, else the concert id (for concert_queue_abandoned_total{room}).
     */
    QHash<qint64, int> abandonedAt(const QDateTime &endedAt);
    /** @brief Concert rooms (ids) with at least one WAITING token. */
    std::vector<qint64> roomsWithWaiters();
    int countActive(std::optional<qint64> concertId);
    /** @brief Tokens of the room admitted after @p since (sliding admission window). */
    int admittedSince(qint64 concertId, const QDateTime &since);
    /**
     * @brief Admits up to @p count WAITING tokens of the room: drawn places first, then issue
     * order; pre-queue tokens never. Returns how many.
     */
    int admit(std::optional<qint64> concertId, int count, const QDateTime &now,
              const QDateTime &expiresAt);
    /** @brief Pre-queue tokens of the room still WAITING, by id. */
    std::vector<qint64> prequeued(qint64 concertId);
    /**
     * @brief Gives @p drawnOrder (ids, first = place 1) their drawn places, before every
     * later token, and takes them out of the pre-queue.
     */
    void setDrawnPlaces(const std::vector<qint64> &drawnOrder);
    /** @brief Pre-queue tokens that arrived after the draw queue in issue order. */
    void releasePrequeue(qint64 concertId);

    // --- every instance, each tick ------------------------------------------------------
    /** @brief The largest house id ever admitted: every house token up to it left the queue. */
    qint64 lastAdmittedId();

    /** @brief What every instance reads each tick to refresh its views. */
    struct Snapshot
    {
        qint64 head = 0; ///< smallest house WAITING id, 0 when nobody waits
        qint64 maxId = 0; ///< largest id issued, 0 when none
        qint64 lastAdmittedId = 0; ///< largest house id admitted or ended
        std::vector<qint64> waiting; ///< house WAITING ids above the asked id, ascending
        std::vector<qint64> ended; ///< ids that ended since the asked time (left the queue)
        QHash<qint64, QDateTime> active; ///< every ACTIVE token (all rooms) and its expiresAt
        /** @brief live tokens of concert rooms, per room in admission order */
        std::vector<RoomTokenRow> roomTokens;
    };
    /**
     * @brief Reads the rooms in one consistent, read-only snapshot (its own transaction): the
     * house extent, the house WAITING ids greater than @p waitingAfterId, the ids ended since
     * @p endedSince, every ACTIVE token and every live token of a concert's room.
     */
    Snapshot readSnapshot(qint64 waitingAfterId, const QDateTime &endedSince);

private:
    DbSession &m_session;
};
