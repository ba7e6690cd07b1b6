#pragma once

#include "httpclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QUuid>

/**
 * @brief Customer steps over the real HTTP API, for tests that need a user in a given state
 * (with a token, admitted, with a balance). Every step returns what the server answered.
 */
class ApiDriver
{
public:
    explicit ApiDriver(HttpClient &client)
        : m_client(client)
    { }

    static QString newUserId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

    HttpReply issueToken(const QString &userId, const QUrl &base = {})
    {
        return send("POST", QStringLiteral("/api/v1/queue/tokens"),
                    QJsonObject{{QStringLiteral("userId"), userId}}, {}, base);
    }

    HttpReply status(const QString &token, const QUrl &base = {})
    {
        return send("GET", QStringLiteral("/api/v1/queue/status"), {}, HttpClient::bearer(token),
                    base);
    }

    /** @brief Polls the status until it is @p wanted (e.g. "ACTIVE"); false on time-out. */
    bool waitForStatus(const QString &token, const QString &wanted, int timeoutMs = 20000,
                       const QUrl &base = {})
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            if (status(token, base).json.value(QLatin1String("status")).toString() == wanted)
                return true;
            QThread::msleep(20); // poll interval while waiting for the next queue tick
        }
        return false;
    }

    /** @brief A new user's token once it is ACTIVE; empty on failure. */
    QString admittedToken(const QString &userId, int timeoutMs = 20000)
    {
        const QString token = issueToken(userId).json.value(QLatin1String("token")).toString();
        if (token.isEmpty() || !waitForStatus(token, QStringLiteral("ACTIVE"), timeoutMs))
            return {};
        return token;
    }

    HttpReply charge(const QString &userId, qint64 amount, const QUrl &base = {})
    {
        return send("POST", QStringLiteral("/api/v1/users/%1/balance/charge").arg(userId),
                    QJsonObject{{QStringLiteral("amount"), amount}}, {}, base);
    }

    qint64 balance(const QString &userId)
    {
        return m_client.get(QStringLiteral("/api/v1/users/%1/balance").arg(userId))
            .json.value(QLatin1String("balance"))
            .toInteger(-1);
    }

    HttpReply hold(const QString &token, qint64 concertId, const QString &date,
                   const QList<int> &seats, const QUrl &base = {})
    {
        QJsonArray numbers;
        for (int n : seats)
            numbers.append(n);
        return send("POST", QStringLiteral("/api/v1/reservations"),
                    QJsonObject{{QStringLiteral("concertId"), concertId},
                                {QStringLiteral("date"), date},
                                {QStringLiteral("seatNumbers"), numbers}},
                    HttpClient::bearer(token), base);
    }

    HttpReply pay(const QString &token, qint64 reservationId, const QByteArray &idempotencyKey = {},
                  const QUrl &base = {})
    {
        HttpHeaders headers = HttpClient::bearer(token);
        if (!idempotencyKey.isEmpty())
            headers.append({QByteArrayLiteral("Idempotency-Key"), idempotencyKey});
        return send("POST", QStringLiteral("/api/v1/payments"),
                    QJsonObject{{QStringLiteral("reservationId"), reservationId}}, headers, base);
    }

    /** @brief Creates a concert with the given dates (price each) via the admin API. */
    HttpReply createConcert(const QByteArray &adminKey, const QStringList &dates, qint64 price,
                            const QString &title = QStringLiteral("Test concert"))
    {
        QJsonArray list;
        for (const QString &date : dates)
            list.append(
                QJsonObject{{QStringLiteral("date"), date}, {QStringLiteral("price"), price}});
        return m_client.post(QStringLiteral("/api/v1/admin/concerts"),
                             QJsonObject{{QStringLiteral("title"), title},
                                         {QStringLiteral("venue"), QStringLiteral("Test hall")},
                                         {QStringLiteral("dates"), list}},
                             {{QByteArrayLiteral("X-Admin-Key"), adminKey}});
    }

    /** @brief A request for HttpClient::sendConcurrently(). */
    static HttpClient::Request request(const QByteArray &method, const QString &path,
                                       const QJsonObject &body = {},
                                       const HttpHeaders &headers = {}, const QUrl &base = {})
    {
        return HttpClient::Request{
            method, path,
            body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact),
            headers, base};
    }

private:
    HttpReply send(const QByteArray &method, const QString &path, const QJsonObject &body,
                   const HttpHeaders &headers, const QUrl &base)
    {
        const QList<HttpReply> replies =
            m_client.sendConcurrently({request(method, path, body, headers, base)}, 1);
        return replies.value(0);
    }

    HttpClient &m_client;
};
