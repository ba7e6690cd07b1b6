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

#include <QDateTime>
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
    auto before = [&](const QUrl &server, qint64, QJsonObject &scenario, QStringList &) -> QString {
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

void BenchRun::prequeueOpeningPhase()
{
    const int pre = m_config.prequeueUsers;
    const int post = m_config.postOpeningUsers;
    note(QStringLiteral("scenario 11: pre-queue: %1 users in the %2 s before saleOpensAt, %3 in "
                        "the %4 s after it")
             .arg(pre)
             .arg(m_config.prequeueWindowMs / 1000.0)
             .arg(post)
             .arg(m_config.postOpeningWindowMs / 1000.0));
    qint64 opensAtMs = 0;
    qint64 concert = 0;
    auto before = [&](const QUrl &server, qint64 concertId, QJsonObject &scenario,
                      QStringList &driverArgs) -> QString {
        concert = concertId;
        // Whole seconds, far enough ahead for the whole pre-queue window.
        opensAtMs = (QDateTime::currentMSecsSinceEpoch() + 2'000 + m_config.prequeueWindowMs + 999)
            / 1000 * 1000;
        const QString opensAt = QDateTime::fromMSecsSinceEpoch(opensAtMs, Qt::UTC)
                                    .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
        HttpClient client(server);
        const HttpReply reply = client.send(
            "PATCH", QStringLiteral("/api/v1/admin/concerts/%1").arg(concertId),
            QJsonDocument(QJsonObject{{QStringLiteral("saleOpensAt"), opensAt}})
                .toJson(QJsonDocument::Compact),
            {{QByteArrayLiteral("X-Admin-Key"), kAdminKey.toUtf8()},
             {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
        if (reply.status != 200)
            return QStringLiteral("PATCH saleOpensAt answered %1: %2")
                .arg(reply.status)
                .arg(QString::fromUtf8(reply.body.left(200)));
        scenario.insert(QStringLiteral("sale_opens_at"), opensAt);
        driverArgs << QStringLiteral("--users") << QString::number(pre + post)
                   << QStringLiteral("--window-ms") << QString::number(m_config.postOpeningWindowMs)
                   << QStringLiteral("--opens-at-ms") << QString::number(opensAtMs)
                   << QStringLiteral("--pre-users") << QString::number(pre)
                   << QStringLiteral("--pre-window-ms")
                   << QString::number(m_config.prequeueWindowMs) << QStringLiteral("--deadline-ms")
                   << QString::number(m_config.prequeueWindowMs + 2'000
                                      + m_config.openingDeadlineMs);
        return {};
    };
    auto after = [&](QJsonObject &scenario, BenchDb &sql, const QJsonObject &driver) {
        const QString room = QString::number(concert);
        const QString opens = QDateTime::fromMSecsSinceEpoch(opensAtMs, Qt::UTC)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        auto number = [&](const QString &query) {
            QString text = query;
            text.replace(QLatin1String("{room}"), room);
            // Pre-queue tokens are those issued before the opening (the draw resets the
            // prequeue flag and gives them draw_place), later ones those issued after it.
            text.replace(QLatin1String("{pre}"),
                         QStringLiteral("room_id = %1 AND issued_at < '%2'").arg(room, opens));
            text.replace(QLatin1String("{post}"),
                         QStringLiteral("room_id = %1 AND issued_at >= '%2'").arg(room, opens));
            return double(sql.scalar(text).value_or(-1));
        };
        const double preTokens =
            number(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE {pre}"));
        const double postTokens =
            number(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE {post}"));
        const double preWithoutDraw =
            number(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE {pre} AND "
                                  " draw_place IS NULL"));
        const double admittedEarly =
            number(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE room_id = {room} "
                                  "AND admitted_at < '")
                   + opens + QStringLiteral("'"));
        // Among post-opening arrivals: admitted_at never goes back in id order, and nobody is
        // admitted past an earlier arrival that never was.
        const double postInversions = number(QStringLiteral(
            "SELECT (SELECT COUNT(*) FROM (SELECT admitted_at, MAX(admitted_at) OVER (ORDER BY id "
            "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_max FROM queue_tokens "
            "WHERE {post} AND admitted_at IS NOT NULL) t "
            "WHERE before_max > admitted_at) + (SELECT COUNT(*) FROM queue_tokens WHERE "
            "{post} AND admitted_at IS NOT NULL AND id > (SELECT "
            "COALESCE(MIN(id), 9223372036854775807) FROM queue_tokens WHERE {post} AND "
            "admitted_at IS NULL))"));
        // The pre-queue is ahead of every later arrival: no post-opening token admitted before
        // the last admitted pre-queue token.
        const double postBeforePre = number(QStringLiteral(
            "SELECT COUNT(*) FROM queue_tokens WHERE {post} AND "
            "admitted_at < (SELECT MAX(admitted_at) FROM queue_tokens WHERE {pre})"));
        const double preAdmitted =
            number(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE {pre} AND "
                                  " admitted_at IS NOT NULL"));
        const double postAdmitted =
            number(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE {post} AND "
                                  " admitted_at IS NOT NULL"));
        const QJsonObject inv = scenario.value(QLatin1String("invariants")).toObject();
        const double sold = inv.value(QLatin1String("seats_sold")).toDouble();
        const double seats = scenario.value(QLatin1String("seats_on_sale")).toDouble();
        const double fiveXx = driver.value(QLatin1String("server_errors_5xx")).toDouble();
        const double opensAfter =
            driver.value(QLatin1String("sale_opens_after_seconds")).toDouble();
        const double doubled = inv.value(QLatin1String("seats_sold_twice")).toDouble()
            + inv.value(QLatin1String("seats_double_held")).toDouble();
        const double money = inv.value(QLatin1String("money_mismatch")).toDouble();
        scenario.insert(
            QStringLiteral("prequeue"),
            QJsonObject{{QStringLiteral("pre_tokens"), preTokens},
                        {QStringLiteral("post_tokens"), postTokens},
                        {QStringLiteral("pre_without_draw_place"), preWithoutDraw},
                        {QStringLiteral("admitted_before_opening"), admittedEarly},
                        {QStringLiteral("post_order_inversions"), postInversions},
                        {QStringLiteral("post_admitted_before_last_pre"), postBeforePre},
                        {QStringLiteral("pre_admitted"), preAdmitted},
                        {QStringLiteral("post_admitted"), postAdmitted}});
        check(QStringLiteral("scenario 11: %1 pre-queue and %2 later tokens in the room (SQL)")
                  .arg(preTokens)
                  .arg(postTokens),
              preTokens == pre && postTokens == post);
        check(QStringLiteral("scenario 11: nobody admitted before saleOpensAt"),
              admittedEarly == 0);
        check(QStringLiteral("scenario 11: zero admissions out of issue order among post-opening "
                             "arrivals"),
              postInversions == 0);
        check(QStringLiteral("scenario 11: no post-opening arrival admitted before a pre-queue "
                             "token"),
              postBeforePre == 0);
        addTarget(
            QStringLiteral("ticket opening with a pre-queue: all seats sold, 0 double sales, 0 "
                           "lost money, 0 order inversions among post-opening arrivals, 0 "
                           "5xx"),
            QStringLiteral("%1/%2 sold in %3 s after the opening; double %4; money "
                           "mismatch %5; inversions %6; 5xx %7")
                .arg(sold)
                .arg(seats)
                .arg(driver.value(QLatin1String("seconds_until_sold_out")).toDouble() - opensAfter,
                     0, 'f', 2)
                .arg(doubled)
                .arg(money)
                .arg(postInversions)
                .arg(fiveXx),
            sold == seats && doubled == 0 && money == 0 && postInversions == 0 && fiveXx == 0
                && admittedEarly == 0 && postBeforePre == 0);
        const QJsonObject outcomes = driver.value(QLatin1String("outcomes")).toObject();
        scenario.insert(QStringLiteral("title"),
                        QStringLiteral("11. Ticket opening with a pre-queue (saleOpensAt)"));
        scenario.insert(
            QStringLiteral("description"),
            QStringLiteral("A concert with `saleOpensAt` (admin PATCH) %1; %2 users join its room "
                           "evenly in the %3 s before the opening (WAITING, position null, polled "
                           "again only after it), %4 more in the %5 s after it; then each buys "
                           "as in scenario 4. Driver times count from its start, %6 s before the "
                           "opening.")
                .arg(scenario.value(QLatin1String("sale_opens_at")).toString())
                .arg(pre)
                .arg(m_config.prequeueWindowMs / 1000.0)
                .arg(post)
                .arg(m_config.postOpeningWindowMs / 1000.0)
                .arg(opensAfter, 0, 'f', 1));
        scenario.insert(
            QStringLiteral("summary"),
            QJsonArray{
                QJsonArray{QStringLiteral("sold out after the opening"),
                           driver.value(QLatin1String("sold_out")).toBool()
                               ? QStringLiteral("%1 s").arg(
                                   driver.value(QLatin1String("seconds_until_sold_out")).toDouble()
                                       - opensAfter,
                                   0, 'f', 2)
                               : QStringLiteral("**not sold out**")},
                QJsonArray{QStringLiteral("seats sold (SQL)"),
                           QStringLiteral("%1 of %2").arg(sold).arg(seats)},
                QJsonArray{QStringLiteral("seats sold twice or double held; money mismatch; 5xx"),
                           QStringLiteral("%1; %2; %3").arg(doubled).arg(money).arg(fiveXx)},
                QJsonArray{QStringLiteral("tokens: pre-queue / after the opening (without a "
                                          "draw place)"),
                           QStringLiteral("%1 / %2 (%3)")
                               .arg(preTokens)
                               .arg(postTokens)
                               .arg(preWithoutDraw)},
                QJsonArray{QStringLiteral("admitted: pre-queue / after the opening; before "
                                          "saleOpensAt"),
                           QStringLiteral("%1 / %2; %3")
                               .arg(preAdmitted)
                               .arg(postAdmitted)
                               .arg(admittedEarly)},
                QJsonArray{QStringLiteral("order inversions among post-opening arrivals; later "
                                          "arrivals admitted before a pre-queue token"),
                           QStringLiteral("%1; %2").arg(postInversions).arg(postBeforePre)},
                QJsonArray{QStringLiteral("users: bought / saw sold out / gave up / failed / "
                                          "still waiting"),
                           QStringLiteral("%1 / %2 / %3 / %4 / %5")
                               .arg(outcomes.value(QLatin1String("bought")).toInt())
                               .arg(outcomes.value(QLatin1String("sold_out")).toInt())
                               .arg(outcomes.value(QLatin1String("gave_up_after_409s")).toInt())
                               .arg(outcomes.value(QLatin1String("failed")).toInt())
                               .arg(outcomes.value(QLatin1String("still_waiting_at_end")).toInt())},
            });
        scenario.insert(QStringLiteral("usage"), scenario.value(QLatin1String("process_usage")));
    };
    runOpening(11, before, after);
}
