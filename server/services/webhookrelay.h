#pragma once

#include "data/outboxrepository.h"

#include <QByteArray>
#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QThread>

#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcWebhooks)

class Database;
class QNetworkAccessManager;
class QNetworkReply;
class QTimer;
class RelayWorker;

/**
 * @brief Sends outbox events to the webhooks that asked for them (api-contract.md, "Events for
 * third parties (webhooks)"): Standard Webhooks headers and signature, a 15 s limit per attempt,
 * retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (× `--webhook-retry-scale`), then
 * FAILED; every attempt is written to `webhook_attempts`.
 *
 * **How instances share the work.** Every instance runs a relay; they coordinate only through
 * the database, with row claims rather than the queue's single admitter:
 * - fan-out takes unprocessed `outbox_events` rows with `SELECT ... FOR UPDATE SKIP LOCKED`;
 * - sending claims due `webhook_deliveries` rows the same way and stamps them with a lease
 *   (`claimed_until` = now + 20 s, longer than the 15 s limit of an attempt, and `claimed_by`)
 *   in a short transaction, then sends **outside** any transaction and settles the row after.
 * SKIP LOCKED means two instances polling at once take different rows instead of waiting for
 * each other; the lease means a row being sent is not claimed again while its attempt can still
 * be running, so one attempt is never sent twice at once. If an instance dies mid-attempt its
 * lease lapses and another instance retries the row: delivery is at least once, and receivers
 * dedupe by `webhook-id`. A single admitter would also work, but one instance would then carry
 * every slow receiver and a failover would wait for the advisory lock to free; claims spread
 * the sending over every instance and need no leader.
 *
 * **Never on the request path.** Requests only INSERT into `outbox_events` in their own
 * transaction. The relay runs on its own thread with its own database connection and its own
 * QNetworkAccessManager per webhook; at most 128 attempts are in flight per instance and at
 * most 6 per webhook (QNetworkAccessManager's connections per host), so a slow or dead receiver
 * fills only its own slots and delays only its own attempts (until more than 21 receivers are
 * dead at once and fill every slot of an instance).
 */
class WebhookRelay
{
public:
    struct Settings
    {
        double retryScale = 1.0; ///< `--webhook-retry-scale`, 0.0001..100
        int pollMs = 200; ///< how often an idle relay looks for new events and due retries
        int maxInFlight = 128; ///< attempts in flight on this instance
        int maxInFlightPerWebhook = 6; ///< attempts in flight to one webhook on this instance
        int timeoutMs = 15'000; ///< an attempt without a 2xx by then counts as failed
        int leaseMs = 20'000; ///< how long a claim keeps other instances off a delivery
    };

    WebhookRelay(Database &database, const Settings &settings);
    ~WebhookRelay();
    Q_DISABLE_COPY_MOVE(WebhookRelay)

    /** @brief Starts the relay thread (first poll at once). */
    void start();
    /**
     * @brief Stops the thread; attempts still in flight are aborted and recorded as not
     * answered (retried later by any instance, per the schedule).
     */
    void stop();

    /**
     * @brief The Standard Webhooks signature, without the "v1," prefix:
     * base64(HMAC-SHA256(key, @p eventId + "." + @p timestamp + "." + @p body)) where key is the
     * base64-decoded part of @p secret after "whsec_". @p timestamp is in Unix seconds.
     */
    [[nodiscard]] static QByteArray signature(const QString &secret, const QString &eventId,
                                              qint64 timestamp, const QByteArray &body);
    /**
     * @brief The wait before the next attempt after @p attemptsMade failed attempts (1..8), in
     * ms, scaled by @p scale (at least 1 ms); std::nullopt after the 8th: the delivery FAILED.
     */
    [[nodiscard]] static std::optional<qint64> retryDelayMs(int attemptsMade, double scale);

private:
    Database &m_database;
    const Settings m_settings;
    QThread m_thread;
    RelayWorker *m_worker = nullptr;
};

/** @brief The relay's work, on its thread. Internal to WebhookRelay. */
class RelayWorker : public QObject
{
    Q_OBJECT
public:
    RelayWorker(Database &database, const WebhookRelay::Settings &settings);
    ~RelayWorker() override;

public Q_SLOTS:
    void begin();
    void poll();
    void end();

private:
    struct InFlight
    {
        DueDelivery delivery;
        QNetworkReply *reply = nullptr;
    };
    void send(const DueDelivery &delivery);
    void settle(QNetworkReply *reply);
    void record(const DueDelivery &delivery, std::optional<int> status);
    void pollSoon();
    void pollAt(qint64 ms);
    QNetworkAccessManager *managerFor(qint64 webhookId);

    Database &m_database;
    const WebhookRelay::Settings m_settings;
    const QString m_claimant; ///< this instance's name on its claims
    QTimer *m_timer = nullptr;
    QTimer *m_wake = nullptr; ///< polls soon after a slot frees
    QTimer *m_due = nullptr; ///< polls when a retry falls due before the next regular poll
    bool m_stopping = false;
    QList<qint64> m_webhooks;
    qsizetype m_nextFirst = 0; ///< round robin start, so no webhook always claims first
    QHash<qint64, QNetworkAccessManager *> m_managers;
    QHash<QNetworkReply *, InFlight> m_inFlight;
    QHash<qint64, int> m_inFlightPerWebhook;
};
