#pragma once

#include "queuestatus.h"
#include "services/queuemodel.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QMutex>
#include <QSet>

#include <deque>
#include <memory>
#include <vector>

/**
 * @brief This instance's picture of the house room's queue (ACTIVE tokens of every room),
 * refreshed from the database every tick, so that
 * queue status polls and token checks need no database round trip (the database stays the
 * source of truth).
 *
 * Position lookup is a binary search over the sorted WAITING ids: O(log n), no scan. Thread
 * safe: readers copy a shared pointer to the current immutable snapshot under a short lock.
 *
 * Memory (issue 13, "A million in line"): a WAITING token of the house room costs 8 bytes: its
 * id in one sorted vector shared with the queue ticker's QueueModel (no QString, no hash node
 * per token), twice that for a moment while a tick that changed the line builds the next
 * vector. An ACTIVE token costs 24 bytes. Measured (RelWithDebInfo, 100,000 ACTIVE): resident
 * memory 32.1 MB with no one waiting, 50.7 MB with 1,000,000 WAITING, i.e. about 18.5 bytes per
 * waiting token once the start-up read is done (the rest is the allocator keeping pages of
 * that one read). A tick that changed nothing builds nothing.
 */
class QueueView
{
public:
    /** @brief What one tick read from the database, in one consistent snapshot. */
    struct Refresh
    {
        qint64 head = 0; ///< smallest WAITING id; 0 when nobody waits
        /** @brief every house WAITING id, ascending (shared, never changed once given) */
        std::shared_ptr<const QueueModel::WaitingIds> waiting;
        /** @brief every ACTIVE token of every room, ascending by id (shared, immutable) */
        std::shared_ptr<const QueueModel::ActiveTokens> active;
        qint64 maxId = 0; ///< the largest token id issued so far
        qint64 lastAdmittedId = 0; ///< the admission frontier: every id up to it left the queue
        QDateTime takenAt;
        qint64 tickMs = 1000; ///< time since the previous refresh, for the admission rate
    };

    /** @brief The outcome of a lookup that needs no database. */
    enum class Answer {
        Waiting,
        Active,
        Expired,
        Unknown, ///< not in the picture yet (or an expiry to re-check): ask the database
    };
    struct Lookup
    {
        Answer answer = Answer::Unknown;
        QueueStatus status;
    };

    /**
     * @param capacity: most ACTIVE tokens; @p activeTtlSeconds: their life. capacity / TTL is
     * the prior admission rate (per second) used until enough admissions have been measured.
     * @param tickMs: admission period; nobody is admitted sooner than the next tick.
     */
    QueueView(int capacity, int activeTtlSeconds, int tickMs = 1000);

    /** @brief Installs what a tick read. */
    void apply(Refresh refresh);

    /** @brief Status of token @p tokenId at @p now, from memory only. */
    [[nodiscard]] Lookup lookup(qint64 tokenId, const QDateTime &now) const;

    /**
     * @brief A token this instance just issued (WAITING) at @p issuedAt (Clock time), visible
     * before the next refresh; forgotten once a snapshot has it or 10 s after @p issuedAt.
     */
    void noteIssued(qint64 tokenId, const QDateTime &issuedAt);
    /**
     * @brief A token that expired here (payment, leaving): answered EXPIRED from memory from now
     * on. Up to a million such ids are kept; past that the set is cleared and a forgotten token
     * (no longer in any snapshot) is looked up in the database again, which still says EXPIRED.
     */
    void noteExpired(qint64 tokenId, const QString &reason = {});
    /** @brief A token whose expiresAt this instance moved later (a hold). */
    void noteExtended(qint64 tokenId, const QDateTime &expiresAt);

    /**
     * @brief Seconds until the token at @p position (1-based) is admitted: the next tick, plus,
     * for those beyond the free ACTIVE places, the people ahead of them divided by the measured
     * admission rate; rounded up. Never decreases as position grows.
     */
    [[nodiscard]] qint64 estimatedWaitSeconds(qint64 position) const;
    /**
     * @brief Position of a new WAITING token: its distance from the admission frontier
     * (tokenId - last admitted id, at least 1). Strictly increasing in @p tokenId and the same
     * on every instance between admissions, so tokens issued at once get distinct positions;
     * it counts ids burnt by failed inserts too, so it can exceed the exact rank among
     * WAITING tokens that the next refresh gives.
     */
    [[nodiscard]] qint64 provisionalPosition(qint64 tokenId) const;
    /** @brief Admissions per second measured over the last minute (or the prior). */
    [[nodiscard]] double admissionRate() const;
    [[nodiscard]] qint64 waitingCount() const;
    [[nodiscard]] int activeCount() const;
    /** @brief How many refreshes have been applied (tests wait on it). */
    [[nodiscard]] quint64 generation() const;

private:
    struct Snapshot
    {
        std::shared_ptr<const QueueModel::WaitingIds> waiting;
        std::shared_ptr<const QueueModel::ActiveTokens> active;
        qint64 maxId = 0;
        qint64 lastAdmittedId = 0;
        double rate = 0;
        quint64 generation = 0;
    };

    std::shared_ptr<const Snapshot> snapshot() const;
    /** @brief The ACTIVE token @p tokenId of @p snapshot, or nullptr. */
    static const QueueModel::ActiveToken *activeToken(const Snapshot &snapshot, qint64 tokenId);
    qint64 estimatedWaitSeconds(const Snapshot &snapshot, qint64 position) const;
    double rateLocked() const;

    const double m_priorRate;
    const int m_capacity;
    const int m_tickMs;
    mutable QMutex m_mutex;
    std::shared_ptr<const Snapshot> m_snapshot;
    QMap<qint64, QDateTime> m_issued; ///< issued here, not yet in a snapshot
    QHash<qint64, QString> m_expired; ///< id -> reason
    QHash<qint64, QDateTime> m_extended;
    struct RateSample
    {
        qint64 atMs;
        qint64 admitted;
        qint64 busyMs;
    };
    std::deque<RateSample> m_samples;
};
