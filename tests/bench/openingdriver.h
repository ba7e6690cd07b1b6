#pragma once

#include "asynchttp.h"
#include "benchutil.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QRandomGenerator>
#include <QUrl>

#include <vector>

/** @brief What scenario 4 ("ticket opening") drives, and its bounds. */
struct OpeningSettings
{
    QUrl baseUrl; ///< a concert-server on 127.0.0.1
    qint64 concertId = 0; ///< the concert whose dates are on sale
    int users = 10'000; ///< users arriving
    int arrivalWindowMs = 10'000; ///< they arrive evenly spread over this time
    int seatsOnSale = 1'000; ///< the run is over when this many seats are paid
    int connections = 128; ///< keep-alive connections of the driver
    int deadlineMs = 240'000; ///< hard stop, whatever happened
    int requestTimeoutMs = 30'000;
    int pollMinMs = 500; ///< status poll interval bounds (half the estimated wait, jittered)
    int pollMaxMs = 3'000;
    int maxHoldAttempts = 3; ///< holds tried per user before giving up
    quint32 seed = 1;
    // Scenario 11 (pre-queue): tokens join concertId's room; the first preUsers users arrive
    // evenly in the preWindowMs before the sale opens (opensInMs after the driver starts), the
    // others in arrivalWindowMs after it. A pre-queue user (position null) polls again only
    // after the opening. opensInMs < 0: scenario 4 (house room, one arrival window).
    qint64 opensInMs = -1;
    int preUsers = 0;
    int preWindowMs = 0;
};

/**
 * @brief Scenario 4 as a load driver: every user is a small state machine over the public
 * API (token → poll status until ACTIVE → read dates → read a seat map → hold 1–2 free seats,
 * re-reading the map on 409 up to maxHoldAttempts times → charge → pay with an
 * Idempotency-Key). All users share one HttpConnectionPool and one event loop.
 *
 * run() returns when every seat on sale is paid and no admitted user is still buying, when
 * every user is done, or at the deadline, with per-endpoint latency percentiles, status counts,
 * outcomes and timings as JSON.
 */
class OpeningDriver : public QObject
{
    Q_OBJECT
public:
    explicit OpeningDriver(const OpeningSettings &settings, QObject *parent = nullptr);
    ~OpeningDriver() override;

    QJsonObject run();

private:
    enum class Outcome { Pending, Bought, SoldOut, GaveUp, Failed };
    enum class Phase { NotArrived, Queued, Waiting, Buying, Done };
    struct User
    {
        int index = 0;
        QString userId;
        QByteArray bearer;
        Phase phase = Phase::NotArrived;
        Outcome outcome = Outcome::Pending;
        int holdAttempts = 0;
        QString date; ///< the date being tried
        qint64 reservationId = 0;
        qint64 amount = 0;
        int seats = 0;
        QString failure;
    };

    void arriveDue();
    void issueToken(User &user);
    void pollStatus(User &user);
    void schedulePoll(User &user, qint64 estimatedWaitSeconds);
    /** @brief Polls a pre-queue user again after the sale opens (at a random moment). */
    void pollAfterOpening(User &user);
    /** @brief When user @p index arrives, in ms on the driver's clock. */
    [[nodiscard]] qint64 arrivalMs(int index) const;
    void admitted(User &user);
    void readDates(User &user);
    void readSeats(User &user);
    void hold(User &user, const QList<int> &seats);
    void charge(User &user);
    void pay(User &user);
    void finishUser(User &user, Outcome outcome, const QString &failure = {});
    void request(User &user, const QString &endpoint, const QByteArray &method,
                 const QByteArray &path, const QByteArray &body,
                 std::function<void(User &, const HttpResult &)> then);
    void checkOver();
    [[nodiscard]] QJsonObject result() const;

    OpeningSettings m_settings;
    HttpConnectionPool *m_pool = nullptr;
    QRandomGenerator m_random;
    std::vector<User> m_users;
    int m_arrived = 0;
    int m_buying = 0;
    int m_issuing = 0; ///< token requests sent and not yet answered
    int m_done = 0;
    int m_seatsPaid = 0;
    qint64 m_soldOutAtMs = -1;
    qint64 m_firstAdmissionMs = -1;
    bool m_over = false;
    QString m_endReason;
    QElapsedTimer m_clock;
    QEventLoop m_loop;
    QMap<QString, LatencySamples> m_latency;
    QMap<QString, QMap<int, qint64>> m_statuses;
    LatencySamples m_queueWait;
    qint64 m_serverErrors = 0; ///< 5xx answers
    qint64 m_transportErrors = 0; ///< no answer at all
    QStringList m_errorSamples;
};
