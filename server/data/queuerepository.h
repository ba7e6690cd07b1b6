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
    QDateTime issuedAt; ///< when the token was taken
};

/** @brief What one room did in the last minute (`GET /admin/queue`), read once per tick. */
struct RoomActivity
{
    qint64 admittedLastMinute = 0; ///< tokens admitted (WAITING → ACTIVE) in the last 60 s
    qint64 abandonedLastMinute = 0; ///< tokens EXPIRED as ABANDONED in the last 60 s
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

    /**
     * @brief A token row as the per-tick change read sees it (any status: a row that is no
     * longer WAITING or ACTIVE tells the reader to drop the token).
     */
    struct TokenChange
    {
        qint64 id = 0;
        qint64 roomId = 0; ///< 0: the house room
        TokenStatus status = TokenStatus::Waiting;
        bool prequeue = false;
        bool drawn = false; ///< has a drawn place (drawPlace)
        qint64 drawPlace = 0; ///< negative; meaningful when drawn
        qint64 expiresAtMs = 0; ///< UTC ms since the epoch; ACTIVE only
        qint64 issuedAtMs = 0; ///< UTC ms since the epoch
    };
    /** @brief What every instance reads each tick: what changed, not the whole line. */
    struct Changes
    {
        QDateTime readAt; ///< the database's clock when the read started (UTC)
        qint64 head = 0; ///< smallest house WAITING id, 0 when nobody waits
        qint64 maxId = 0; ///< largest id issued, 0 when none
        qint64 lastAdmittedId = 0; ///< largest house id admitted or ended
        bool complete = false; ///< rows hold every live token (no @p changedSince given)
        std::vector<TokenChange> rows; ///< changed rows (every live token when complete)
        std::vector<TokenChange> verified; ///< every row of the verified id range
        /** @brief issue time of the oldest house WAITING token; invalid when nobody waits */
        QDateTime houseOldestIssuedAt;
        /** @brief per room id (0 = house) with any activity since the asked minute */
        QHash<qint64, RoomActivity> activity;
    };
    /**
     * @brief Reads, in one consistent read-only snapshot (its own transaction), the house
     * extent and the token rows changed at or after @p changedSince (index range on
     * changed_at; std::nullopt: every WAITING or ACTIVE token instead, the first read), plus
     * every row with an id in (@p verifyAfterId, @p verifyUpToId] whatever its status (the
     * spread-out safety net: a primary key range). For the box office's queue figures
     * (`GET /admin/queue`) also the oldest house WAITING token's issue time (an index dive) and
     * the tokens admitted and abandoned per room since @p activitySince (covering index
     * ranges of migration 007: the last minute's rows, not the line).
     */
    Changes readChanges(const std::optional<QDateTime> &changedSince, qint64 verifyAfterId,
                        qint64 verifyUpToId, const QDateTime &activitySince);
    /**
     * @brief Stamps the drawn tokens of the room as changed now, after the draw's transaction
     * committed, so that every instance's change read sees the drawn places however long the
     * draw took.
     */
    void touchDrawn(qint64 concertId);

    // --- token issue, many at once --------------------------------------------------------
    /** @brief One token request of a batch. */
    struct IssueRequest
    {
        QString userId;
        bool prequeue = false;
        QDateTime seenFrom;
    };
    /**
     * @brief Inserts WAITING tokens for @p requests of one room (distinct users) in one
     * multi-row INSERT, ids ascending in the order of @p requests. A user who already has a
     * live token in the room is skipped (the unique live-user key; INSERT IGNORE), so one
     * statement serves the batch whatever its duplicates. Returns user id -> new token id for
     * the rows inserted. One statement when every row went in; one more (an indexed read of the
     * statement's id range) when some were skipped.
     */
    QHash<QString, qint64> insertWaitingBatch(const std::vector<IssueRequest> &requests,
                                              std::optional<qint64> concertId,
                                              const QDateTime &now);

    /**
     * @brief Whether a multi-row INSERT gets consecutive ids (innodb_autoinc_lock_mode 0 or 1,
     * auto_increment_increment 1), which insertWaitingBatch() needs to find its rows.
     */
    bool consecutiveInsertIds();

private:
    DbSession &m_session;
};
