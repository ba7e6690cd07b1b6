#pragma once

#include "queuestatus.h"
#include "services/queueview.h"
#include "services/result.h"
#include "services/tokensigner.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

Q_DECLARE_LOGGING_CATEGORY(lcQueue)

class Database;
class DbSession;
class QueueTicker;

/**
 * @brief The fair waiting queue (api-contract.md, "Queue"; mission.md "Fair queue").
 *
 * Tokens are rows of `queue_tokens` in issue order. Every tick (`--queue-tick-ms`) one
 * instance, the holder of the MariaDB advisory lock `concert.queue.admitter`, expires overdue
 * ACTIVE tokens, runs the admitter tasks (hold sweep) and admits the oldest WAITING tokens up
 * to `--queue-capacity` ACTIVE; if it dies its connection closes, the lock frees, and another
 * instance takes over on its next tick. Every instance then refreshes its QueueView, which
 * answers status polls and token checks without a database round trip.
 */
class QueueService : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int capacity = 100; ///< most ACTIVE tokens at once
        int tickMs = 1000; ///< admission period
        int activeTtlSeconds = 600; ///< life of an ACTIVE token
    };

    /** @brief The token of `POST /queue/tokens`; created is false for the user's existing one. */
    struct Issued
    {
        QueueToken token;
        bool created = false;
    };

    QueueService(Database &database, const TokenSigner &signer, const Settings &settings,
                 QObject *parent = nullptr);
    ~QueueService() override;

    /** @brief Work the admitting instance does each tick after expiring tokens (hold sweep). */
    void setAdmitterTask(std::function<void(DbSession &, const QDateTime &now)> task);
    /** @brief Starts the tick thread (first tick at once). */
    void start();
    /** @brief Stops ticking and joins the thread; the advisory lock is released. */
    void stop();

    /**
     * @brief Issues a WAITING token for @p userId (canonical UUID), or returns the user's live
     * one (created = false): one live place per user, also under concurrent requests.
     * Errors: Unavailable, Internal. Runs SQL: call from a worker thread.
     */
    Result<Issued> issueToken(const QString &userId);

    /** @brief The claims of a bearer header whose token is well formed and signed by us. */
    [[nodiscard]] std::optional<TokenClaims> verify(const QByteArray &authorizationHeader) const;

    /** @brief The token's status from memory; Unknown means ask statusFromDatabase(). */
    [[nodiscard]] QueueView::Lookup lookup(const TokenClaims &claims) const;
    /**
     * @brief The token's status from the database (for tokens this instance has not seen yet).
     * Errors: TokenInvalid (no such token for that user), Unavailable, Internal.
     */
    Result<QueueStatus> statusFromDatabase(const TokenClaims &claims);
    /**
     * @brief Admits the request only with an ACTIVE, unexpired token: from memory when it is
     * ACTIVE or EXPIRED there, else from the database (a WAITING picture may be a tick old).
     * Errors: TokenExpired, NotAdmitted, TokenInvalid, Unavailable.
     */
    Result<Done> requireActive(const TokenClaims &claims);

    /** @brief This instance's picture of the queue (at most a tick old). */
    [[nodiscard]] const QueueView &view() const { return m_view; }
    [[nodiscard]] const Settings &settings() const { return m_settings; }

    /** @brief The token expired here (its payment completed). */
    void noteExpired(qint64 tokenId) { m_view.noteExpired(tokenId); }
    /** @brief The token lives at least until @p expiresAt (a hold was placed). */
    void noteExtended(qint64 tokenId, const QDateTime &expiresAt)
    {
        m_view.noteExtended(tokenId, expiresAt);
    }

Q_SIGNALS:
    /** @brief Emitted (from the tick thread) after every tick; @p admitter: this instance admits.
     */
    void tickFinished(bool admitter);

private:
    friend class QueueTicker;
    Database &m_database;
    const TokenSigner &m_signer;
    const Settings m_settings;
    QueueView m_view;
    QThread m_thread;
    QueueTicker *m_ticker = nullptr;
    std::function<void(DbSession &, const QDateTime &)> m_admitterTask;
};

/** @brief Runs the ticks in the queue thread, on a connection of its own. Internal. */
class QueueTicker : public QObject
{
    Q_OBJECT
public:
    explicit QueueTicker(QueueService &service);
    ~QueueTicker() override;

public Q_SLOTS:
    void begin();
    void tick();
    void end();

private:
    qint64 lookBackId(qint64 nowMs) const;

    QueueService &m_service;
    std::unique_ptr<DbSession> m_session;
    class QTimer *m_timer = nullptr;
    bool m_admitter = false;
    quint64 m_ticks = 0;
    qint64 m_lastTickMs = 0;
    std::deque<std::pair<qint64, qint64>> m_maxIdHistory; ///< (when, largest id then)
};
