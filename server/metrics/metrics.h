#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace prometheus {
class Counter;
class Gauge;
} // namespace prometheus

/**
 * @brief The counters and gauges of `GET /metrics` (api-contract.md, "For operators and
 * integrators"), kept in a prometheus-cpp registry and rendered in the Prometheus text format.
 *
 * One instance per process (instance()); every layer may count through it, it depends on no
 * other part of the server. Counting never takes a process-wide lock: prometheus-cpp counters
 * and gauges are atomics, and the series of a request (route, method, status) is looked up in
 * a per-thread cache, so a family's mutex is taken only the first time a thread sees a series.
 *
 * Label values: `route` is a route template (`/api/v1/reservations/{id}`), never a raw path;
 * `room` is `house` or a concert id; `result` and `kind` are lower-case words listed at each
 * function.
 */
class Metrics
{
public:
    /** @brief The gauges and counters of one waiting room; references stay valid for ever. */
    class QueueGauges
    {
    public:
        /** @brief concert_queue_waiting{room}: WAITING tokens now (>= 0). */
        void setWaiting(qint64 count);
        /** @brief concert_queue_active{room}: ACTIVE tokens now (>= 0). */
        void setActive(qint64 count);
        /** @brief concert_queue_admitted_total{room} += @p count (tokens this instance admitted).
         */
        void addAdmitted(qint64 count);
        /** @brief concert_queue_abandoned_total{room} += @p count (WAITING tokens given up). */
        void addAbandoned(qint64 count);

    private:
        friend class Metrics;
        prometheus::Gauge *m_waiting = nullptr;
        prometheus::Gauge *m_active = nullptr;
        prometheus::Counter *m_admitted = nullptr;
        prometheus::Counter *m_abandoned = nullptr;
    };

    /** @brief The process's metrics. Thread-safe. */
    static Metrics &instance();
    ~Metrics();
    Q_DISABLE_COPY_MOVE(Metrics)

    /**
     * @brief Counts one answered request: concert_http_requests_total{route,method,status} and
     * concert_http_request_duration_seconds{route}.
     * @param method: `GET`, `POST`, ... @param route: the route template.
     * @param status: HTTP status 100..599. @param durationNs: from routing to the answer, ns.
     */
    void countRequest(QByteArrayView method, const QString &route, int status, qint64 durationNs);

    /**
     * @brief The series of waiting room @p room (`house` or a concert id in decimal); created on
     * first use with all values 0. Takes a lock: keep the reference rather than asking per event.
     */
    QueueGauges &queueGauges(const QString &room);

    /** @brief concert_holds_total{result}: `held`, or the error code in lower case
     * (`seat_unavailable`, `seat_limit`, `token_expired`, `unavailable`, ...). */
    void countHold(const QString &result);
    /** @brief concert_payments_total{result}: `completed`, `replayed`, or the error code in lower
     * case (`insufficient_balance`, `already_paid`, `hold_expired`, ...). */
    void countPayment(const QString &result);
    /** @brief concert_db_errors_total{kind}: `unreachable`, `connection_lost`, `deadlock`,
     * `lock_wait_timeout`, `other`. */
    void countDbError(const char *kind);
    /**
     * @brief concert_webhook_deliveries_total{result}, one per attempt: `delivered` (a 2xx),
     * `retry` (not delivered, another attempt is due), `failed` (not delivered, schedule spent).
     */
    void countWebhookDelivery(const char *result);

    /**
     * @brief Every family in the Prometheus text format 0.0.4, with the process_* metrics read
     * from /proc at this moment.
     */
    [[nodiscard]] QByteArray render() const;

private:
    Metrics();
    struct Private;
    std::unique_ptr<Private> d;
};
