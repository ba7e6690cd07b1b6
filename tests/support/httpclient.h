#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

/** @brief One HTTP answer as a test sees it. status is 0 when no answer arrived. */
struct HttpReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json; ///< body parsed as a JSON object (empty if it is not one)
    QList<QPair<QByteArray, QByteArray>> headers;

    /** @brief json["error"]["code"], e.g. "SEAT_UNAVAILABLE"; empty when absent. */
    [[nodiscard]] QString errorCode() const;
};

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/**
 * @brief A blocking HTTP/1.1 client for tests over plain TCP sockets (one connection per
 * request): each call spins a local event loop until the answer (or @p timeoutMs) arrives.
 * Not for use from several threads.
 *
 * For many requests at once use sendConcurrently(), which keeps them all in flight together.
 */
class HttpClient
{
public:
    explicit HttpClient(const QUrl &baseUrl = {});

    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }

    HttpReply get(const QString &path, const HttpHeaders &headers = {}, int timeoutMs = 30000);
    HttpReply post(const QString &path, const QJsonObject &body, const HttpHeaders &headers = {},
                   int timeoutMs = 30000);
    /** @brief Any method with a raw body, e.g. malformed JSON or an oversized payload. */
    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const HttpHeaders &headers = {}, int timeoutMs = 30000);

    /** @brief One request of a concurrent batch. base empty means baseUrl(). */
    struct Request
    {
        QByteArray method;
        QString path;
        QByteArray body;
        HttpHeaders headers;
        QUrl base;
    };
    /**
     * @brief Sends all @p requests at once (one connection each, up to @p maxParallel open)
     * and returns the replies in the order of @p requests.
     */
    QList<HttpReply> sendConcurrently(const QList<Request> &requests, int maxParallel = 256,
                                      int timeoutMs = 120000);

    /** @brief `Authorization: Bearer <token>`. */
    static HttpHeaders bearer(const QString &token);

private:
    QUrl resolve(const QUrl &base, const QString &path) const;

    QUrl m_baseUrl;
};
