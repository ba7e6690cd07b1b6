#pragma once

#include "kioskerror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

/**
 * @brief The kiosk's HTTP client for concert-server (api-contract.md).
 *
 * Holds the server's base URL and the queue token (sent as `Authorization: Bearer` on protected
 * calls). Every request is asynchronous: the caller passes a context object, a success handler
 * that receives the parsed value type from common/, and optionally a failure handler. When the
 * context object is destroyed before the answer arrives, no handler runs.
 *
 * Every failure is also announced through errorOccurred(), so one place (KioskController) can
 * decide what the customer sees. Error bodies are read with ApiError::fromJson(); an answer with
 * no HTTP status is ErrorCode::Unavailable (Failure::Kind::NoAnswer), a body that breaks the
 * contract is ErrorCode::Internal (Failure::Kind::BadAnswer).
 *
 * After an Unreachable or Unavailable failure the client turns reachable() false and probes
 * `GET /api/v1/health` every retryIntervalMs() until the server answers, then emits reconnected().
 */
class ApiClient : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /** @brief Base URL of concert-server, e.g. http://127.0.0.1:8080 (no /api/v1). */
    Q_PROPERTY(QUrl baseUrl READ baseUrl WRITE setBaseUrl NOTIFY baseUrlChanged)
    /** @brief The queue token sent on protected calls; empty when the customer has none. */
    Q_PROPERTY(QString token READ token WRITE setToken NOTIFY tokenChanged)
    /** @brief False from a transport failure or a 503 until the server answers again. */
    Q_PROPERTY(bool reachable READ reachable NOTIFY reachableChanged)
    /** @brief Number of requests waiting for an answer (health probes excluded). */
    Q_PROPERTY(int pendingRequests READ pendingRequests NOTIFY pendingRequestsChanged)
    /** @brief Pause between health probes while unreachable, in ms (>= 100, default 2000). */
    Q_PROPERTY(int retryIntervalMs READ retryIntervalMs WRITE setRetryIntervalMs NOTIFY
                   retryIntervalMsChanged)
    /** @brief A request without an answer after this many ms is Unreachable (default 10000). */
    Q_PROPERTY(int timeoutMs READ timeoutMs WRITE setTimeoutMs NOTIFY timeoutMsChanged)
    /**
     * @brief The kiosk's TERMINAL key (`--api-key`), sent as `X-Api-Key` on top-ups so that a
     * server started with `--charges key` accepts them (api-contract.md, "Balance: safe
     * retries, who may charge"); empty = none.
     */
    Q_PROPERTY(QString apiKey READ apiKey WRITE setApiKey NOTIFY apiKeyChanged)
    /** @brief Background requests (sendInBackground()) not yet answered for good. */
    Q_PROPERTY(int backgroundRequests READ backgroundRequests NOTIFY backgroundRequestsChanged)

public:
    /** @brief Why a request failed: the contract's code, the server's message, the status. */
    struct Failure
    {
        /** @brief Where the failure came from; the code says what it means. */
        enum class Kind {
            Answered, ///< an error body of the contract
            NoAnswer, ///< no HTTP answer (refused, DNS, time-out): code Unavailable
            BadAnswer, ///< an answer the contract does not allow: code Internal
            Cancelled, ///< abortAll() cancelled it: nobody is told, no notice is shown
        };
        ErrorCode code = ErrorCode::Internal;
        QString message;
        int httpStatus = 0; ///< 0 when no HTTP answer arrived
        Kind kind = Kind::Answered;
        int retryAfterSeconds = 0; ///< Retry-After of a 429/503 answer, 0 when absent
        /** @brief For logs: the wire name, or "UNREACHABLE", "BAD_RESPONSE", "CANCELLED". */
        [[nodiscard]] QString name() const;
    };
    using JsonHandler = std::function<void(const QJsonObject &)>;
    using FailureHandler = std::function<void(const Failure &)>;

    /**
     * @brief What a call carries: nothing, the queue token (`Authorization: Bearer`), or the
     * kiosk's API key (`X-Api-Key`, when one is set; see apiKey).
     */
    enum class Auth { None, Bearer, ApiKey };

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &baseUrl);
    [[nodiscard]] QString token() const { return m_token; }
    void setToken(const QString &token);
    [[nodiscard]] bool reachable() const { return m_reachable; }
    [[nodiscard]] int pendingRequests() const { return int(m_pending.size()); }
    [[nodiscard]] int retryIntervalMs() const { return m_retryIntervalMs; }
    void setRetryIntervalMs(int intervalMs);
    [[nodiscard]] int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int timeoutMs);
    [[nodiscard]] QString apiKey() const { return m_apiKey; }
    void setApiKey(const QString &apiKey);
    [[nodiscard]] int backgroundRequests() const { return m_background; }
    /**
     * @brief The server's clock minus the kiosk's, in ms, from the `Date` header of the latest
     * answer that had one (1 s resolution); 0 while no answer carried one.
     */
    [[nodiscard]] qint64 serverClockOffsetMs() const { return m_clockOffsetMs; }
    /** @brief Now on the server's clock as far as known (UTC). */
    [[nodiscard]] QDateTime serverNow() const;

    /**
     * @brief Sends @p method (GET or POST) to @p path (starting with /api/v1/).
     *
     * @p body is sent as JSON for POST. @p idempotencyKey, when not empty, becomes the
     * Idempotency-Key header. @p onSuccess runs for a 2xx answer whose body is a JSON object;
     * otherwise @p onFailure runs and errorOccurred() is emitted. Neither runs once @p context
     * is gone; see abortAll() for cancelled requests.
     */
    void send(const QByteArray &method, const QString &path, const QJsonObject &body,
              QObject *context, JsonHandler onSuccess, FailureHandler onFailure = {},
              Auth auth = Auth::Bearer, const QByteArray &idempotencyKey = {});

    /** @brief GET @p path and parse the answer as @p T (T::fromJson); BadResponse if it fails. */
    template<typename T>
    void getAs(const QString &path, QObject *context, std::function<void(const T &)> onSuccess,
               FailureHandler onFailure = {}, Auth auth = Auth::Bearer)
    {
        send("GET", path, {}, context, parsing<T>(std::move(onSuccess), onFailure), onFailure,
             auth);
    }

    /** @brief POST @p body to @p path and parse the answer as @p T. */
    template<typename T>
    void postAs(const QString &path, const QJsonObject &body, QObject *context,
                std::function<void(const T &)> onSuccess, FailureHandler onFailure = {},
                Auth auth = Auth::Bearer, const QByteArray &idempotencyKey = {})
    {
        send("POST", path, body, context, parsing<T>(std::move(onSuccess), onFailure), onFailure,
             auth, idempotencyKey);
    }

    /**
     * @brief Fire and forget: sends @p method @p path with @p token as `Authorization: Bearer`
     * (given explicitly: the customer's token may already be forgotten locally) and @p body as
     * JSON for POST. Used to give back what a customer leaves behind (a queue place, a hold) so
     * that it blocks nobody.
     *
     * Nothing on screen waits for it: abortAll() does not cancel it, errorOccurred() is never
     * emitted and reachable() is not changed. When no answer arrives, or the server answers
     * 503, it is sent again after 1, 2, 4, 8 and 16 s (6 tries in all, about 31 s), then given
     * up (the server's abandonment and hold expiry reclaim the rest). @p onSuccess, if given,
     * runs with a 2xx answer's JSON object (an empty object for 204).
     */
    void sendInBackground(const QByteArray &method, const QString &path, const QString &token,
                          const QJsonObject &body = {}, JsonHandler onSuccess = {});

    /**
     * @brief Cancels every request in flight, e.g. when the customer walks away and the kiosk
     * starts over. Each failure handler runs once with kind Failure::Kind::Cancelled (so
     * callers can clear their busy state); no success handler runs and errorOccurred() is not
     * emitted.
     */
    Q_INVOKABLE void abortAll();

Q_SIGNALS:
    void baseUrlChanged();
    void tokenChanged();
    void reachableChanged();
    void pendingRequestsChanged();
    void retryIntervalMsChanged();
    void timeoutMsChanged();
    void apiKeyChanged();
    void backgroundRequestsChanged();
    /** @brief A request failed; @p message is the server's text or a transport description. */
    void errorOccurred(ErrorCode code, const QString &message);
    /** @brief The server answers again after reachable() was false. */
    void reconnected();

private:
    template<typename T>
    JsonHandler parsing(std::function<void(const T &)> onSuccess, FailureHandler onFailure)
    {
        return [this, onSuccess = std::move(onSuccess), onFailure](const QJsonObject &json) {
            const std::optional<T> value = T::fromJson(json);
            if (value)
                onSuccess(*value);
            else
                fail({ErrorCode::Internal, QStringLiteral("unexpected answer"), 200,
                      Failure::Kind::BadAnswer},
                     onFailure);
        };
    }

    void finished(QNetworkReply *reply, const QPointer<QObject> &context,
                  const JsonHandler &onSuccess, const FailureHandler &onFailure, bool hasContext);
    void fail(const Failure &failure, const FailureHandler &onFailure);
    void setReachable(bool reachable);
    void noteServerDate(const QNetworkReply *reply);
    void probeHealth();
    QNetworkRequest newRequest(const QString &path, int timeoutMs) const;
    void sendBackgroundTry(const QByteArray &method, const QString &path, const QString &token,
                           const QJsonObject &body, const JsonHandler &onSuccess, int attempt);

    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl;
    QString m_token;
    QString m_apiKey;
    int m_background = 0;
    qint64 m_clockOffsetMs = 0;
    bool m_reachable = true;
    bool m_destroying = false;
    int m_retryIntervalMs = 2000;
    int m_timeoutMs = 10000;
    QSet<QNetworkReply *> m_pending;
    QPointer<QNetworkReply> m_probe;
    QTimer m_retryTimer;
};
