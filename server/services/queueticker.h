#pragma once

#include "data/roomrepository.h"
#include "metrics/metrics.h"
#include "services/queuemodel.h"

#include <functional>
#include <memory>

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>

class Database;
class DbSession;
class QueueRepository;
class QueueView;
class RoomsView;
class QTimer;

/**
 * @brief Token ids this instance saw (status polls, requests) since the last tick; the ticker
 * writes them in one batch per tick (api-contract.md, "Abandoned places"). Thread safe.
 */
class SeenTokens
{
public:
    void note(qint64 tokenId)
    {
        QMutexLocker locker(&m_mutex);
        m_ids.insert(tokenId);
    }
    /** @brief The ids noted since the last call, and forgets them. */
    QList<qint64> take()
    {
        QMutexLocker locker(&m_mutex);
        QList<qint64> ids = m_ids.values();
        m_ids.clear();
        return ids;
    }

private:
    QMutex m_mutex;
    QSet<qint64> m_ids;
};

/**
 * @brief The queue's clockwork: every `--queue-tick-ms` it takes (or keeps) the admitter role,
 * and as admitter expires overdue ACTIVE tokens and unseen WAITING ones (ABANDONED), runs the
 * admitter task (the hold sweep), draws the pre-queue of every sale that opened and admits, room
 * by room, the next WAITING tokens within the room's capacity, rate, pause and sold-out state;
 * then, on every instance, writes the ids it saw in one batch and refreshes the QueueView and
 * RoomsView from one consistent snapshot (api-contract.md "Queue" and "Waiting rooms": strict
 * order per room across all instances, one admitter for all rooms).
 *
 * Lives in the queue thread (QueueService moves it there) and uses a dedicated connection of
 * its own: the MariaDB advisory lock `concert.queue.admitter` belongs to that connection, so an
 * instance that dies loses the role at once and another takes it on its next tick.
 */
class QueueTicker : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int capacity = 100; ///< most ACTIVE tokens at once, >= 1
        int tickMs = 1000; ///< tick period in ms, >= 10
        int activeTtlSeconds = 600; ///< life of an admitted token in s, >= 1
        int abandonSeconds = 120; ///< a WAITING token unseen this long is ABANDONED
    };
    /** @brief Work the admitter does each tick after expiring tokens (e.g. the hold sweep). */
    using AdmitterTask = std::function<void(DbSession &, const QDateTime &now)>;

    /** @param view, rooms: refreshed every tick; @p seen: flushed every tick; all outlive it. */
    QueueTicker(Database &database, QueueView &view, RoomsView &rooms, SeenTokens &seen,
                const Settings &settings, AdmitterTask admitterTask, QObject *parent = nullptr);
    ~QueueTicker() override;

public Q_SLOTS:
    /** @brief Starts the timer and ticks once at once. Call in the ticker's thread. */
    void begin();
    /** @brief One tick: lock, expire, admit (as admitter), refresh (always). */
    void tick();
    /** @brief Stops the timer and closes the connection, which releases the admitter lock. */
    void end();

Q_SIGNALS:
    /** @brief After every tick, in the ticker's thread; @p admitter: this instance admits. */
    void tickFinished(bool admitter);

private:
    /** @brief Takes or keeps the admitter lock; logs a change of role. */
    bool holdAdmitterRole(QueueRepository &repository);
    /** @brief Overdue ACTIVE and unseen WAITING tokens become EXPIRED; the admitter task. */
    void expire(DbSession &session, QueueRepository &repository, const QDateTime &now);
    /**
     * @brief Admits into every room: the house room, then each concert room with waiters.
     * @return true when a token was admitted or a pre-queue drawn.
     */
    bool admit(DbSession &session, QueueRepository &repository, const QDateTime &now);
    /** @brief The uniform draw of a room's pre-queue at its opening, in one transaction. */
    void draw(DbSession &session, QueueRepository &repository, qint64 concertId,
              const QDateTime &now);
    /**
     * @brief Writes the ids this instance saw since the last tick (one batch), each at most
     * once per quarter of the abandon time: a token seen all along is never older than that.
     */
    void flushSeen(QueueRepository &repository, const QDateTime &now);
    /**
     * @brief Reads what changed since the last read (minus a look-back), one id range of the
     * safety net and the changed room settings, into the model (one consistent snapshot).
     */
    void readChanges(DbSession &session, QueueRepository &repository);
    /** @brief Installs the model in the views. */
    void publish(const QDateTime &now);
    /** @brief The metrics of a room: 0 = the house room, else the concert id. */
    Metrics::QueueGauges &gauges(qint64 concertId);
    /** @brief Sets every room's waiting/active gauges from the model (O(rooms), not tokens). */
    void publishGauges();

    Database &m_database;
    QueueView &m_view;
    RoomsView &m_rooms;
    SeenTokens &m_seen;
    const Settings m_settings;
    const AdmitterTask m_admitterTask;
    std::unique_ptr<DbSession> m_session;
    QTimer *m_timer = nullptr;
    bool m_admitter = false;
    quint64 m_ticks = 0;
    qint64 m_lastTickMs = 0;
    QueueModel m_model;
    QDateTime m_changesReadAt; ///< the database's clock at the last change read
    qint64 m_verifyAfterId = 0; ///< the safety net's cursor
    qint64 m_head = 0;
    qint64 m_maxId = 0;
    qint64 m_lastAdmittedId = 0;
    QHash<qint64, RoomActivity> m_activity; ///< per room: the last minute's admissions, abandons
    QDateTime m_houseOldestIssuedAt; ///< invalid when nobody waits in the house room
    QHash<qint64, RoomRow> m_roomRows; ///< every concert's room settings
    QHash<qint64, Metrics::QueueGauges *> m_gauges; ///< room (0: house) -> its metrics
    QHash<qint64, qint64> m_seenWrittenMs; ///< token id -> when its sighting was last written
};
