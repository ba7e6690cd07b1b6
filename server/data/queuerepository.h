#pragma once

#include "queuestatus.h"

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>
#include <vector>

class DbSession;

/** @brief One row of `queue_tokens`. */
struct QueueTokenRow
{
    qint64 id = 0;
    QString userId;
    TokenStatus status = TokenStatus::Waiting;
    QDateTime expiresAt; ///< invalid while WAITING
};

/**
 * @brief SQL of the waiting queue (`queue_tokens`). The only place that touches that table.
 * Every method throws DbFailure on a database error (caught by Database).
 */
class QueueRepository
{
public:
    explicit QueueRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Inserts a WAITING token; std::nullopt if the user already has a live one (1062). */
    std::optional<QueueTokenRow> insertWaiting(const QString &userId, const QDateTime &now);
    /** @brief Marks the user's ACTIVE token EXPIRED if its expiresAt has passed. */
    void expireOverdueOf(const QString &userId, const QDateTime &now);
    /** @brief The user's WAITING or ACTIVE token, if any. */
    std::optional<QueueTokenRow> findLive(const QString &userId);
    std::optional<QueueTokenRow> find(qint64 tokenId);
    /** @brief The token row, locked (FOR UPDATE) until the transaction ends. */
    std::optional<QueueTokenRow> lock(qint64 tokenId);
    /**
     * @brief Keeps an ACTIVE, unexpired token alive at least until @p until.
     * @return false if the token is not ACTIVE or already expired at @p now.
     */
    bool extendActive(qint64 tokenId, const QDateTime &until, const QDateTime &now);
    /** @brief Marks the token EXPIRED (after its payment). */
    void expire(qint64 tokenId);

    // --- the admitting instance ---------------------------------------------------------
    /**
     * @brief Takes or keeps the admitter role: MariaDB advisory lock `concert.queue.admitter`,
     * held by this connection until it closes (an instance that dies loses it at once).
     */
    bool holdAdmitterLock();
    /** @brief ACTIVE tokens past expiresAt become EXPIRED; returns how many. */
    int expireOverdue(const QDateTime &now);
    int countActive();
    /** @brief Admits the @p count oldest WAITING tokens, in issue order; returns how many. */
    int admit(int count, const QDateTime &now, const QDateTime &expiresAt);

    // --- every instance, each tick ------------------------------------------------------
    /** @brief The largest id ever admitted: every token up to it has left the queue. */
    qint64 lastAdmittedId();

    /** @brief What every instance reads each tick to refresh its QueueView. */
    struct Snapshot
    {
        qint64 head = 0; ///< smallest WAITING id, 0 when nobody waits
        qint64 maxId = 0; ///< largest id issued, 0 when none
        qint64 lastAdmittedId = 0; ///< largest id ever admitted (admission is in id order)
        std::vector<qint64> waiting; ///< WAITING ids above the asked id, ascending
        QHash<qint64, QDateTime> active; ///< every ACTIVE token and its expiresAt
    };
    /**
     * @brief Reads the queue in one consistent, read-only snapshot (its own transaction):
     * the extent, the WAITING ids greater than @p waitingAfterId and every ACTIVE token.
     */
    Snapshot readSnapshot(qint64 waitingAfterId);

private:
    std::vector<qint64> waitingIdsAfter(qint64 afterId);
    QHash<qint64, QDateTime> activeTokens();

    DbSession &m_session;
};
