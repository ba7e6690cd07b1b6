#pragma once

#include <QDateTime>
#include <QObject>

#include <deque>
#include <functional>
#include <memory>

class Database;
class DbSession;
class QueueRepository;
class QueueView;
class QTimer;

/**
 * @brief The queue's clockwork: every `--queue-tick-ms` it takes (or keeps) the admitter role,
 * and as admitter expires overdue ACTIVE tokens, runs the admitter task (the hold sweep) and
 * admits the oldest WAITING tokens up to the capacity; then, on every instance, refreshes the
 * QueueView from one consistent snapshot (api-contract.md "Queue": strict issue order across
 * all instances).
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
    };
    /** @brief Work the admitter does each tick after expiring tokens (e.g. the hold sweep). */
    using AdmitterTask = std::function<void(DbSession &, const QDateTime &now)>;

    /** @param view: refreshed every tick; must outlive the ticker. */
    QueueTicker(Database &database, QueueView &view, const Settings &settings,
                AdmitterTask admitterTask, QObject *parent = nullptr);
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
    /** @brief Overdue ACTIVE tokens become EXPIRED; then the admitter task. */
    void expire(DbSession &session, QueueRepository &repository, const QDateTime &now);
    /** @brief Admits the oldest WAITING tokens into the free ACTIVE places. */
    void admit(QueueRepository &repository, const QDateTime &now);
    /** @brief Reads one snapshot and installs it in the view. */
    void refresh(QueueRepository &repository, const QDateTime &now);
    qint64 lookBackId(qint64 nowMs) const;

    Database &m_database;
    QueueView &m_view;
    const Settings m_settings;
    const AdmitterTask m_admitterTask;
    std::unique_ptr<DbSession> m_session;
    QTimer *m_timer = nullptr;
    bool m_admitter = false;
    quint64 m_ticks = 0;
    qint64 m_lastTickMs = 0;
    std::deque<std::pair<qint64, qint64>> m_maxIdHistory; ///< (when, largest id then)
};
