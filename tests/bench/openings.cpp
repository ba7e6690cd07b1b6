// Scenarios 9 and 11 of concert-bench (README.md section Benchmark): ticket opening with one
// webhook subscribed (issue 11), and ticket opening with a pre-queue before saleOpensAt
// (issue 8).
#include "benchrun.h"
#include "benchshared.h"
#include "benchutil.h"
#include "httpclient.h"
#include "mariadbinstance.h"
#include "serverprocess.h"
#include "sqlbench.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <cmath>
#include <memory>
#include <mutex>

namespace {

/**
 * A webhook receiver on 127.0.0.1 (a free port) in its own thread: answers every request
 * 200 with an empty body (keep-alive), checks each delivery's Standard Webhooks signature and
 * counts events by webhook-id.
 */
class WebhookReceiver
{
public:
    WebhookReceiver()
    {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &m_context,
            [this]() {
                m_server = new QTcpServer(&m_context);
                if (m_server->listen(QHostAddress::LocalHost, 0))
                    m_port = m_server->serverPort();
                QObject::connect(m_server, &QTcpServer::newConnection, &m_context,
                                 [this]() { accept(); });
            },
            Qt::BlockingQueuedConnection);
    }

    ~WebhookReceiver()
    {
        QMetaObject::invokeMethod(
            &m_context, [this]() { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait(10'000);
    }

    [[nodiscard]] quint16 port() const { return m_port; }

    /** @brief The webhook's secret "whsec_<base64>". */
    void setSecret(const QString &secret)
    {
        std::lock_guard guard(m_lock);
        m_key = QByteArray::fromBase64(secret.mid(6).toLatin1());
    }

    [[nodiscard]] QJsonObject stats()
    {
        std::lock_guard guard(m_lock);
        QJsonObject types;
        for (auto it = m_types.cbegin(); it != m_types.cend(); ++it)
            types.insert(it.key(), double(it.value()));
        return {{QStringLiteral("requests"), double(m_requests)},
                {QStringLiteral("distinct_events"), double(m_ids.size())},
                {QStringLiteral("repeats"), double(m_requests - m_ids.size())},
                {QStringLiteral("bad_signatures"), double(m_badSignatures)},
                {QStringLiteral("types"), types}};
    }

    [[nodiscard]] qint64 distinctEvents()
    {
        std::lock_guard guard(m_lock);
        return m_ids.size();
    }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer]() {
                buffer->append(socket->readAll());
                for (int guard = 0; guard < 1000; ++guard) { // bounded: requests per read
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    QHash<QByteArray, QByteArray> headers;
                    const QList<QByteArray> lines = buffer->left(end).split('\n');
                    for (qsizetype i = 1; i < lines.size(); ++i) {
                        const QByteArray line = lines[i].trimmed();
                        const qsizetype colon = line.indexOf(':');
                        if (colon > 0)
                            headers.insert(line.left(colon).trimmed().toLower(),
                                           line.mid(colon + 1).trimmed());
                    }
                    const qsizetype length = headers.value("content-length").toLongLong();
                    if (buffer->size() < end + 4 + length)
                        return;
                    const QByteArray body = buffer->mid(end + 4, length);
                    buffer->remove(0, end + 4 + length);
                    record(headers, body);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                }
            });
        }
    }

    void record(const QHash<QByteArray, QByteArray> &headers, const QByteArray &body)
    {
        const QByteArray id = headers.value("webhook-id");
        const QByteArray timestamp = headers.value("webhook-timestamp");
        std::lock_guard guard(m_lock);
        ++m_requests;
        const QByteArray expected =
            QMessageAuthenticationCode::hash(id + '.' + timestamp + '.' + body, m_key,
                                             QCryptographicHash::Sha256)
                .toBase64();
        bool signed_ = false;
        for (const QByteArray &part : headers.value("webhook-signature").split(' '))
            signed_ = signed_ || part == "v1," + expected;
        if (!signed_)
            ++m_badSignatures;
        if (!m_ids.contains(id)) {
            m_ids.insert(id);
            m_types
                [QJsonDocument::fromJson(body).object().value(QLatin1String("type")).toString()] +=
                1;
        }
    }

    QThread m_thread;
    QObject m_context;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    std::mutex m_lock;
    QByteArray m_key;
    qint64 m_requests = 0;
    qint64 m_badSignatures = 0;
    QSet<QByteArray> m_ids;
    QHash<QString, qint64> m_types;
};

} // namespace

void BenchRun::webhookOpeningPhase()
{
    WebhookReceiver receiver;
    if (receiver.port() == 0) {
        check(QStringLiteral("scenario 9 ran: the webhook receiver could not listen"), false);
        return;
    }
    QElapsedTimer clock;
    auto before = [&](const QUrl &server, QJsonObject &scenario) -> QString {
        HttpClient client(server);
        const QString url = QStringLiteral("http://127.0.0.1:%1/hook").arg(receiver.port());
        const HttpReply reply = client.post(
            QStringLiteral("/api/v1/admin/webhooks"),
            {{QStringLiteral("url"), url},
             {QStringLiteral("events"),
              QJsonArray{QStringLiteral("reservation.held"), QStringLiteral("reservation.released"),
                         QStringLiteral("reservation.expired"), QStringLiteral("payment.completed"),
                         QStringLiteral("reservation.cancelled")}}},
            {{QByteArrayLiteral("X-Admin-Key"), kAdminKey.toUtf8()}});
        if (reply.status != 201)
            return QStringLiteral("POST /api/v1/admin/webhooks answered %1: %2")
                .arg(reply.status)
                .arg(QString::fromUtf8(reply.body.left(200)));
        receiver.setSecret(reply.json.value(QLatin1String("secret")).toString());
        scenario.insert(QStringLiteral("webhook_url"), url);
        clock.start();
        return {};
    };
    auto after = [&](QJsonObject &scenario, BenchDb &sql, const QJsonObject &driver) {
        // Every event the sale wrote must arrive (at least once, signed); bounded wait.
        const QDeadlineTimer deadline(60'000);
        qint64 events = 0;
        qint64 undelivered = 0;
        do {
            events = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox_events")).value_or(-1);
            undelivered = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries "
                                                    "WHERE state <> 'DELIVERED'"))
                              .value_or(-1);
            const qint64 fannedOut =
                sql.scalar(
                       QStringLiteral("SELECT COUNT(*) FROM outbox_events WHERE fanned_out = 0"))
                    .value_or(-1);
            if (events >= 0 && receiver.distinctEvents() >= events && undelivered == 0
                && fannedOut == 0)
                break;
            QThread::msleep(200); // polling the relay's progress, bounded by the deadline
        } while (!deadline.hasExpired());
        const double deliveredSeconds = double(clock.elapsed()) / 1000.0;
        const QJsonObject stats = receiver.stats();
        const double received = stats.value(QLatin1String("distinct_events")).toDouble();
        scenario.insert(QStringLiteral("webhook"), stats);
        scenario.insert(QStringLiteral("events_written"), double(events));
        scenario.insert(QStringLiteral("deliveries_not_delivered"), double(undelivered));
        scenario.insert(QStringLiteral("seconds_until_all_delivered"), deliveredSeconds);
        check(QStringLiteral("scenario 9: every event written was delivered to the webhook (%1 of "
                             "%2), none left undelivered")
                  .arg(received)
                  .arg(events),
              events > 0 && received == double(events) && undelivered == 0);
        check(QStringLiteral("scenario 9: every delivery carried a valid webhook-signature"),
              stats.value(QLatin1String("bad_signatures")).toDouble() == 0);
        addTarget(QStringLiteral("ticket opening with a webhook: every event delivered"),
                  QStringLiteral("%1 of %2 events, %3 s after the first arrival")
                      .arg(received)
                      .arg(events)
                      .arg(deliveredSeconds, 0, 'f', 1),
                  events > 0 && received == double(events) && undelivered == 0);

        const QJsonObject four = m_scenarios.value(QLatin1String("4_opening"))
                                     .toObject()
                                     .value(QLatin1String("driver"))
                                     .toObject();
        const QJsonObject inv = scenario.value(QLatin1String("invariants")).toObject();
        auto soldOut = [](const QJsonObject &d) {
            return d.value(QLatin1String("sold_out")).toBool() ? QStringLiteral("%1 s").arg(
                       d.value(QLatin1String("seconds_until_sold_out")).toDouble(), 0, 'f', 2)
                                                               : QStringLiteral("not sold out");
        };
        QStringList types;
        const QJsonObject typeCounts = stats.value(QLatin1String("types")).toObject();
        for (auto it = typeCounts.begin(); it != typeCounts.end(); ++it)
            types << QStringLiteral("%1 %2").arg(it.key()).arg(it.value().toDouble());
        scenario.insert(QStringLiteral("title"),
                        QStringLiteral("9. Ticket opening with one webhook subscribed"));
        scenario.insert(
            QStringLiteral("description"),
            QStringLiteral("Scenario 4 as it is, with a webhook for every event type pointing at "
                           "a receiver inside concert-bench (%1, answers 200 at once, checks "
                           "each signature).")
                .arg(scenario.value(QLatin1String("webhook_url")).toString()));
        scenario.insert(
            QStringLiteral("summary"),
            QJsonArray{
                QJsonArray{QStringLiteral("time to sell out: with the webhook / scenario 4 in "
                                          "this run"),
                           QStringLiteral("%1 / %2").arg(soldOut(driver),
                                                         four.isEmpty() ? QStringLiteral("not run")
                                                                        : soldOut(four))},
                QJsonArray{QStringLiteral("seats sold (SQL)"),
                           QStringLiteral("%1 of %2")
                               .arg(inv.value(QLatin1String("seats_sold")).toDouble())
                               .arg(scenario.value(QLatin1String("seats_on_sale")).toDouble())},
                QJsonArray{
                    QStringLiteral("seats sold twice / double held; money mismatch; "
                                   "order inversions; 5xx"),
                    QStringLiteral("%1 / %2; %3; %4; %5")
                        .arg(inv.value(QLatin1String("seats_sold_twice")).toDouble())
                        .arg(inv.value(QLatin1String("seats_double_held")).toDouble())
                        .arg(inv.value(QLatin1String("money_mismatch")).toDouble())
                        .arg(inv.value(QLatin1String("admission_order_inversions")).toDouble())
                        .arg(driver.value(QLatin1String("server_errors_5xx")).toDouble())},
                QJsonArray{QStringLiteral("events written / delivered (distinct) / requests "
                                          "received / bad signatures"),
                           QStringLiteral("%1 / %2 / %3 / %4")
                               .arg(events)
                               .arg(received)
                               .arg(stats.value(QLatin1String("requests")).toDouble())
                               .arg(stats.value(QLatin1String("bad_signatures")).toDouble())},
                QJsonArray{QStringLiteral("events by type"), types.join(QStringLiteral(", "))},
                QJsonArray{QStringLiteral("all delivered after (from the first arrival)"),
                           QStringLiteral("%1 s").arg(deliveredSeconds, 0, 'f', 1)},
            });
        scenario.insert(QStringLiteral("usage"), scenario.value(QLatin1String("process_usage")));
    };
    runOpening(9, before, after);
}

void BenchRun::prequeueOpeningPhase() { }
