#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUrl>

#include <functional>

/** @brief A request as the stub received it. */
struct StubRequest
{
    QByteArray method;
    QString path; ///< without the query
    QString query;
    QHash<QByteArray, QByteArray> headers; ///< names lower-case
    QByteArray body;
    QJsonObject json; ///< body parsed, empty if not a JSON object
    QRegularExpressionMatch match; ///< of the route's pattern

    [[nodiscard]] QByteArray header(const QByteArray &name) const
    {
        return headers.value(name.toLower());
    }
    /** @brief The bearer token, or empty. */
    [[nodiscard]] QString bearer() const;
};

/** @brief What the stub answers. silent: no answer at all (the client's time-out decides). */
struct StubResponse
{
    int status = 200;
    QJsonObject json;
    bool silent = false;
    int delayMs = 0;

    /** @brief The contract's error body with @p status. */
    static StubResponse error(int status, const QString &code, const QString &message = {});
};

/**
 * @brief A scripted HTTP/1.1 server on 127.0.0.1 and a free port for unit tests of the kiosk's
 * client side: routes are regular expressions over "METHOD /path" with a handler each; anything
 * else is 404 NOT_FOUND. Every request is recorded. One request per connection.
 */
class StubServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<StubResponse(const StubRequest &)>;

    explicit StubServer(QObject *parent = nullptr);

    /** @brief Listens on a free port; false if that fails. */
    bool start();
    /** @brief Stops listening (new connections are refused: the server is "down"). */
    void stop();
    [[nodiscard]] QUrl baseUrl() const;

    /** @brief Handles @p method requests whose path matches @p pathPattern (anchored). */
    void on(const QByteArray &method, const QString &pathPattern, Handler handler);
    /** @brief Always the same answer. */
    void on(const QByteArray &method, const QString &pathPattern, const StubResponse &response);

    /**
     * @brief The next request matching @p method and @p pathPattern is handled as usual, but
     * its answer is lost: the stub never sends it (the client's time-out decides).
     */
    void dropNextAnswer(const QByteArray &method, const QString &pathPattern);

    [[nodiscard]] const QList<StubRequest> &requests() const { return m_requests; }
    /** @brief Requests whose "METHOD path" matches @p pattern. */
    [[nodiscard]] QList<StubRequest> requests(const QByteArray &method,
                                              const QString &pathPattern) const;
    void clearRequests() { m_requests.clear(); }

Q_SIGNALS:
    void requestReceived(const StubRequest &request);

private:
    struct Route
    {
        QByteArray method;
        QRegularExpression pattern;
        Handler handler;
    };

    void read(QTcpSocket *socket);
    void answer(QTcpSocket *socket, StubRequest request);

    QTcpServer m_server;
    quint16 m_port = 0;
    QList<Route> m_routes;
    QList<QPair<QByteArray, QRegularExpression>> m_drops;
    QList<StubRequest> m_requests;
};
