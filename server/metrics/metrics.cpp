#include "metrics/metrics.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <array>
#include <map>
#include <unistd.h>

namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

// Methods outside the contract's list share one label value, so that a client sending made-up
// method tokens cannot create series without end.
constexpr std::array<const char *, 10> kMethods = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "OTHER"};

int methodIndex(QByteArrayView method)
{
    for (int i = 0; i < int(kMethods.size()) - 1; ++i) {
        if (method == QByteArrayView(kMethods[i]))
            return i;
    }
    return int(kMethods.size()) - 1;
}

struct ProcessSample
{
    double cpuSeconds = 0;
    double residentBytes = 0;
    double startTimeSeconds = 0;
    double openFds = 0;
};

ProcessSample readProcess()
{
    ProcessSample sample;
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray line = stat.readAll();
        // Fields after the command name, which is in parentheses and may hold spaces:
        // [0] is field 3 (state), [11] utime, [12] stime, [19] starttime (clock ticks).
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 19) {
            sample.cpuSeconds = (fields[11].toDouble() + fields[12].toDouble()) / ticks;
            QFile procStat(QStringLiteral("/proc/stat"));
            double bootTime = 0;
            if (procStat.open(QIODevice::ReadOnly)) {
                for (const QByteArray &l : procStat.readAll().split('\n')) {
                    if (l.startsWith("btime "))
                        bootTime = l.mid(6).trimmed().toDouble();
                }
            }
            sample.startTimeSeconds = bootTime + fields[19].toDouble() / ticks;
        }
    }
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (statm.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> pages = statm.readAll().split(' ');
        sample.residentBytes = pages.value(1).toDouble() * double(::sysconf(_SC_PAGESIZE));
    }
    sample.openFds = double(QDir(QStringLiteral("/proc/self/fd"))
                                .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                                .size());
    return sample;
}

// The series of @p family with @p label = @p value. Per thread: the family's mutex is taken
// only the first time a thread counts a value, never per event.
Counter &cachedCounter(Family<Counter> &family, const char *label, const std::string &value)
{
    thread_local std::map<std::pair<const void *, std::string>, Counter *> cache;
    const auto key = std::make_pair(static_cast<const void *>(&family), value);
    const auto found = cache.find(key);
    if (found != cache.end())
        return *found->second;
    Counter &counter = family.Add({{label, value}});
    cache.emplace(key, &counter);
    return counter;
}

prometheus::MetricFamily single(const char *name, const char *help, prometheus::MetricType type,
                                double value)
{
    prometheus::MetricFamily family;
    family.name = name;
    family.help = help;
    family.type = type;
    prometheus::ClientMetric metric;
    if (type == prometheus::MetricType::Counter)
        metric.counter.value = value;
    else
        metric.gauge.value = value;
    family.metric.push_back(metric);
    return family;
}

} // namespace

struct Metrics::Private
{
    std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
    Family<Counter> &requests =
        prometheus::BuildCounter()
            .Name("concert_http_requests_total")
            .Help("Answered HTTP requests by route template, method and status.")
            .Register(*registry);
    Family<Histogram> &duration =
        prometheus::BuildHistogram()
            .Name("concert_http_request_duration_seconds")
            .Help("Time from routing a request to writing its answer, by route template.")
            .Register(*registry);
    Family<Gauge> &waiting = prometheus::BuildGauge()
                                 .Name("concert_queue_waiting")
                                 .Help("WAITING queue tokens, by waiting room.")
                                 .Register(*registry);
    Family<Gauge> &active = prometheus::BuildGauge()
                                .Name("concert_queue_active")
                                .Help("ACTIVE queue tokens, by waiting room.")
                                .Register(*registry);
    Family<Counter> &admitted = prometheus::BuildCounter()
                                    .Name("concert_queue_admitted_total")
                                    .Help("Tokens this instance admitted, by waiting room.")
                                    .Register(*registry);
    Family<Counter> &abandoned =
        prometheus::BuildCounter()
            .Name("concert_queue_abandoned_total")
            .Help("WAITING tokens expired as ABANDONED by this instance, by waiting room.")
            .Register(*registry);
    Family<Counter> &holds = prometheus::BuildCounter()
                                 .Name("concert_holds_total")
                                 .Help("Seat hold attempts by result.")
                                 .Register(*registry);
    Family<Counter> &payments = prometheus::BuildCounter()
                                    .Name("concert_payments_total")
                                    .Help("Payment attempts by result.")
                                    .Register(*registry);
    Family<Counter> &dbErrors = prometheus::BuildCounter()
                                    .Name("concert_db_errors_total")
                                    .Help("Database errors by kind (retried ones included).")
                                    .Register(*registry);
    Family<Counter> &webhooks = prometheus::BuildCounter()
                                    .Name("concert_webhook_deliveries_total")
                                    .Help("Webhook delivery attempts by result.")
                                    .Register(*registry);

    const std::vector<double> buckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                         0.1,    0.25,  0.5,    1,     2.5,  5,     10};

    QMutex roomsMutex;
    std::map<QString, QueueGauges> rooms;
};

Metrics &Metrics::instance()
{
    static Metrics metrics;
    return metrics;
}

Metrics::Metrics()
    : d(std::make_unique<Private>())
{
    // Known label values start at 0, so that every family shows from the first scrape and
    // rate() sees the first event (Prometheus naming and instrumentation practice).
    queueGauges(QStringLiteral("house"));
    for (const char *result : {"held", "seat_unavailable"})
        d->holds.Add({{"result", result}});
    for (const char *result : {"completed", "insufficient_balance"})
        d->payments.Add({{"result", result}});
    for (const char *kind : {"unreachable", "connection_lost", "deadlock", "lock_wait_timeout"})
        d->dbErrors.Add({{"kind", kind}});
    for (const char *result : {"delivered", "retry", "failed"})
        d->webhooks.Add({{"result", result}});
}

Metrics::~Metrics() = default;

void Metrics::countRequest(QByteArrayView method, const QString &route, int status,
                           qint64 durationNs)
{
    struct RouteSeries
    {
        Histogram *duration = nullptr;
        QHash<int, Counter *> counters; ///< key: method index * 1000 + status
    };
    // Per thread: after the first request of a series no lock and no family lookup.
    thread_local QHash<QString, RouteSeries> cache;
    RouteSeries &series = cache[route];
    if (!series.duration)
        series.duration = &d->duration.Add({{"route", route.toStdString()}}, d->buckets);
    const int index = methodIndex(method);
    const int key = index * 1000 + status;
    Counter *&counter = series.counters[key];
    if (!counter)
        counter = &d->requests.Add({{"route", route.toStdString()},
                                    {"method", kMethods[size_t(index)]},
                                    {"status", std::to_string(status)}});
    counter->Increment();
    series.duration->Observe(double(durationNs) / 1e9);
}

Metrics::QueueGauges &Metrics::queueGauges(const QString &room)
{
    QMutexLocker lock(&d->roomsMutex);
    auto it = d->rooms.find(room);
    if (it != d->rooms.end())
        return it->second;
    const prometheus::Labels labels{{"room", room.toStdString()}};
    QueueGauges &gauges = d->rooms[room];
    gauges.m_waiting = &d->waiting.Add(labels);
    gauges.m_active = &d->active.Add(labels);
    gauges.m_admitted = &d->admitted.Add(labels);
    gauges.m_abandoned = &d->abandoned.Add(labels);
    return gauges;
}

void Metrics::QueueGauges::setWaiting(qint64 count)
{
    m_waiting->Set(double(count));
}

void Metrics::QueueGauges::setActive(qint64 count)
{
    m_active->Set(double(count));
}

void Metrics::QueueGauges::addAdmitted(qint64 count)
{
    if (count > 0)
        m_admitted->Increment(double(count));
}

void Metrics::QueueGauges::addAbandoned(qint64 count)
{
    if (count > 0)
        m_abandoned->Increment(double(count));
}

void Metrics::countHold(const QString &result)
{
    cachedCounter(d->holds, "result", result.toStdString()).Increment();
}

void Metrics::countPayment(const QString &result)
{
    cachedCounter(d->payments, "result", result.toStdString()).Increment();
}

void Metrics::countDbError(const char *kind)
{
    cachedCounter(d->dbErrors, "kind", kind).Increment();
}

void Metrics::countWebhookDelivery(const char *result)
{
    cachedCounter(d->webhooks, "result", result).Increment();
}

QByteArray Metrics::render() const
{
    std::vector<prometheus::MetricFamily> families = d->registry->Collect();
    const ProcessSample process = readProcess();
    using prometheus::MetricType;
    families.push_back(single("process_cpu_seconds_total",
                              "Total user and system CPU time spent in seconds.",
                              MetricType::Counter, process.cpuSeconds));
    families.push_back(single("process_resident_memory_bytes", "Resident memory size in bytes.",
                              MetricType::Gauge, process.residentBytes));
    families.push_back(single("process_start_time_seconds",
                              "Start time of the process since unix epoch in seconds.",
                              MetricType::Gauge, process.startTimeSeconds));
    families.push_back(single("process_open_fds", "Number of open file descriptors.",
                              MetricType::Gauge, process.openFds));
    const std::string text = prometheus::TextSerializer().Serialize(families);
    return QByteArray(text.data(), qsizetype(text.size()));
}
