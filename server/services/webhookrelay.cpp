#include "services/webhookrelay.h"

#include "data/database.h"
#include "metrics/metrics.h"
#include "services/clock.h"

#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

#include <cmath>

Q_LOGGING_CATEGORY(lcWebhooks, "concert.server.webhooks", QtInfoMsg)

namespace {

// api-contract.md: retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then failed.
constexpr qint64 kRetrySeconds[] = {5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600};
constexpr int kFanOutBatch = 500;

} // namespace

WebhookRelay::WebhookRelay(Database &database, const Settings &settings)
    : m_database(database)
    , m_settings(settings)
{
    m_thread.setObjectName(QStringLiteral("webhooks"));
}

WebhookRelay::~WebhookRelay()
{
    stop();
}

void WebhookRelay::start()
{
    if (m_worker)
        return;
    m_worker = new RelayWorker(m_database, m_settings);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &RelayWorker::begin, Qt::QueuedConnection);
}

void WebhookRelay::stop()
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, &RelayWorker::end, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

QByteArray WebhookRelay::signature(const QString &secret, const QString &eventId, qint64 timestamp,
                                   const QByteArray &body)
{
    const QByteArray key = QByteArray::fromBase64(secret.mid(6).toLatin1()); // after "whsec_"
    const QByteArray signedContent =
        eventId.toUtf8() + '.' + QByteArray::number(timestamp) + '.' + body;
    return QMessageAuthenticationCode::hash(signedContent, key, QCryptographicHash::Sha256)
        .toBase64();
}

std::optional<qint64> WebhookRelay::retryDelayMs(int attemptsMade, double scale)
{
    if (attemptsMade < 1 || attemptsMade > int(std::size(kRetrySeconds)))
        return std::nullopt;
    const double ms = double(kRetrySeconds[attemptsMade - 1]) * 1000.0 * scale;
    return qMax<qint64>(1, qint64(std::llround(ms)));
}

RelayWorker::RelayWorker(Database &database, const WebhookRelay::Settings &settings)
    : m_database(database)
    , m_settings(settings)
    , m_claimant(QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

RelayWorker::~RelayWorker() = default;

void RelayWorker::begin()
{
    m_timer = new QTimer(this);
    m_timer->setInterval(m_settings.pollMs);
    connect(m_timer, &QTimer::timeout, this, &RelayWorker::poll);
    m_timer->start();
    m_wake = new QTimer(this);
    m_wake->setSingleShot(true);
    connect(m_wake, &QTimer::timeout, this, &RelayWorker::poll);
    m_due = new QTimer(this);
    m_due->setSingleShot(true);
    m_due->setTimerType(Qt::PreciseTimer);
    connect(m_due, &QTimer::timeout, this, &RelayWorker::poll);
    poll();
}

void RelayWorker::pollSoon()
{
    if (!m_stopping && !m_wake->isActive())
        m_wake->start(0);
}

void RelayWorker::pollAt(qint64 ms)
{
    // The earliest retry this instance knows of gets a timer; later ones are at most one
    // regular poll late.
    if (m_stopping)
        return;
    if (!m_due->isActive() || m_due->remainingTime() > ms)
        m_due->start(int(qMax(qint64(0), ms)));
}

QNetworkAccessManager *RelayWorker::managerFor(qint64 webhookId)
{
    // One manager per webhook: its connection pool and queue are that receiver's alone.
    QNetworkAccessManager *&manager = m_managers[webhookId];
    if (!manager) {
        manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    return manager;
}

void RelayWorker::poll()
{
    if (m_stopping)
        return;
    const QDateTime now = Clock::now();
    // 1. Fan new events out into deliveries.
    for (int round = 0; round < 4; ++round) {
        const Result<int> fanned = m_database.transaction<int>([&](DbSession &session) {
            return Result<int>(OutboxRepository(session).fanOut(kFanOutBatch, now));
        });
        if (!fanned || fanned.value() < kFanOutBatch)
            break;
    }
    // 2. Which webhooks live; stop talking to deleted ones at once.
    const Result<QList<qint64>> live = m_database.run<QList<qint64>>([](DbSession &session) {
        return Result<QList<qint64>>(OutboxRepository(session).liveWebhookIds());
    });
    if (!live)
        return;
    m_webhooks = live.value();
    QList<QNetworkReply *> orphaned;
    for (const InFlight &entry : std::as_const(m_inFlight)) {
        if (!m_webhooks.contains(entry.delivery.webhookId))
            orphaned << entry.reply;
    }
    for (QNetworkReply *reply : orphaned)
        reply->abort(); // finished() follows; the attempt is recorded as not answered
    for (auto it = m_managers.begin(); it != m_managers.end();) {
        if (!m_webhooks.contains(it.key()) && m_inFlightPerWebhook.value(it.key()) == 0) {
            it.value()->deleteLater();
            it = m_managers.erase(it);
        } else {
            ++it;
        }
    }
    // 3. Claim due deliveries per webhook, within this instance's slots, and send them.
    const qsizetype count = m_webhooks.size();
    for (qsizetype i = 0; i < count; ++i) {
        const qint64 webhookId = m_webhooks.at((m_nextFirst + i) % count);
        const int free =
            qMin(m_settings.maxInFlightPerWebhook - m_inFlightPerWebhook.value(webhookId),
                 m_settings.maxInFlight - int(m_inFlight.size()));
        if (free <= 0)
            continue;
        const QDateTime leaseUntil = now.addMSecs(m_settings.leaseMs);
        const Result<QList<DueDelivery>> claimed =
            m_database.transaction<QList<DueDelivery>>([&](DbSession &session) {
                return Result<QList<DueDelivery>>(OutboxRepository(session).claimDue(
                    webhookId, free, now, leaseUntil, m_claimant));
            });
        if (!claimed)
            break;
        for (const DueDelivery &delivery : claimed.value())
            send(delivery);
    }
    if (count > 0)
        m_nextFirst = (m_nextFirst + 1) % count;
}

void RelayWorker::send(const DueDelivery &delivery)
{
    QNetworkRequest request{QUrl(delivery.url)};
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("concert-server"));
    request.setRawHeader(QByteArrayLiteral("webhook-id"), delivery.eventId.toLatin1());
    request.setRawHeader(QByteArrayLiteral("webhook-timestamp"), QByteArray::number(timestamp));
    request.setRawHeader(
        QByteArrayLiteral("webhook-signature"),
        "v1,"
            + WebhookRelay::signature(delivery.secret, delivery.eventId, timestamp, delivery.body));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply *reply = managerFor(delivery.webhookId)->post(request, delivery.body);
    m_inFlight.insert(reply, InFlight{delivery, reply});
    ++m_inFlightPerWebhook[delivery.webhookId];
    // A hard limit (QNetworkRequest's transfer timeout restarts whenever a byte arrives).
    QTimer::singleShot(m_settings.timeoutMs, reply, [reply]() { reply->abort(); });
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { settle(reply); });
}

void RelayWorker::settle(QNetworkReply *reply)
{
    const auto it = m_inFlight.find(reply);
    if (it == m_inFlight.end())
        return;
    const DueDelivery delivery = it->delivery;
    m_inFlight.erase(it);
    if (--m_inFlightPerWebhook[delivery.webhookId] <= 0)
        m_inFlightPerWebhook.remove(delivery.webhookId);
    const QVariant code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    reply->deleteLater();
    record(delivery, code.isValid() ? std::optional<int>(code.toInt()) : std::nullopt);
    pollSoon(); // a slot is free
}

void RelayWorker::record(const DueDelivery &delivery, std::optional<int> status)
{
    const QDateTime at = Clock::now();
    const bool delivered = status && *status >= 200 && *status <= 299;
    const int attemptsMade = delivery.attemptsBefore + 1;
    QDateTime next;
    std::optional<qint64> delayMs;
    if (!delivered) {
        delayMs = WebhookRelay::retryDelayMs(attemptsMade, m_settings.retryScale);
        if (delayMs)
            next = at.addMSecs(*delayMs);
    }
    const Result<bool> recorded = m_database.transaction<bool>([&](DbSession &session) {
        return Result<bool>(OutboxRepository(session).recordAttempt(delivery, m_claimant, at,
                                                                    status, delivered, next));
    });
    if (!recorded)
        qCWarning(lcWebhooks).noquote()
            << "could not record an attempt of event" << delivery.eventId
            << "(its lease lapses and it is sent again):" << recorded.error().message;
    // concert_webhook_deliveries_total{result}: delivered; retry (another attempt is due);
    // failed (the schedule is spent).
    Metrics::instance().countWebhookDelivery(delivered     ? "delivered"
                                                 : delayMs ? "retry"
                                                           : "failed");
    if (!delivered)
        qCDebug(lcWebhooks).noquote()
            << "attempt" << attemptsMade << "of" << delivery.eventId << "to webhook"
            << delivery.webhookId << "failed, status"
            << (status ? QString::number(*status) : QStringLiteral("none"));
    if (delayMs)
        pollAt(*delayMs);
}

void RelayWorker::end()
{
    m_stopping = true;
    if (m_timer)
        m_timer->stop();
    if (m_wake)
        m_wake->stop();
    if (m_due)
        m_due->stop();
    const QList<InFlight> pending = m_inFlight.values();
    m_inFlight.clear();
    m_inFlightPerWebhook.clear();
    for (const InFlight &entry : pending) {
        entry.reply->disconnect(this);
        entry.reply->abort();
        entry.reply->deleteLater();
        record(entry.delivery, std::nullopt);
    }
    qDeleteAll(m_managers);
    m_managers.clear();
}
