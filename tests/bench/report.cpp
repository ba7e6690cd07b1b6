#include "report.h"

#include <QJsonArray>
#include <QStringList>

#include <cmath>

namespace {

QJsonObject obj(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toObject();
}

double num(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toDouble();
}

QString fmt(double value, int decimals = 0)
{
    if (std::isnan(value))
        return QStringLiteral("n/a");
    return QString::number(value, 'f', decimals);
}

QString pct(double ratio)
{
    return QStringLiteral("%1%").arg(fmt(ratio * 100, 1));
}

QString latencies(const QJsonObject &wrk)
{
    const QJsonObject l = obj(wrk, "latency_ms");
    return QStringLiteral("%1 / %2 ms").arg(fmt(num(l, "p50"), 2), fmt(num(l, "p99"), 2));
}

QString usageTable(const QJsonArray &usage)
{
    QString md = QStringLiteral(
        "| process | CPU s | % of one core | peak RSS MiB |\n|---|---:|---:|---:|\n");
    for (const QJsonValue &v : usage) {
        const QJsonObject u = v.toObject();
        md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                  .arg(u.value(QLatin1String("process")).toString(), fmt(num(u, "cpu_seconds"), 1),
                       fmt(num(u, "cpu_percent_of_one_core"), 0), fmt(num(u, "peak_rss_mib"), 1));
    }
    return md;
}

QString usageLine(const QJsonObject &wrk)
{
    QStringList parts;
    for (const QJsonValue &v : wrk.value(QLatin1String("process_usage")).toArray()) {
        const QJsonObject u = v.toObject();
        parts << QStringLiteral("%1 %2% of a core")
                     .arg(u.value(QLatin1String("process")).toString(),
                          fmt(num(u, "cpu_percent_of_one_core"), 0));
    }
    return parts.join(QStringLiteral(", "));
}

QString roundsLine(const QJsonObject &part)
{
    const QJsonArray rounds = part.value(QLatin1String("rounds")).toArray();
    if (rounds.size() < 2)
        return {};
    QStringList items;
    for (const QJsonValue &v : rounds) {
        const QJsonObject r = v.toObject();
        items << QStringLiteral("%1 / %2 = %3")
                     .arg(fmt(num(r, "server_rate")), fmt(num(r, "ceiling_rate")),
                          pct(num(r, "ratio_to_ceiling")));
    }
    return QStringLiteral("Paired rounds (server / ceiling = ratio): %1; the table shows the "
                          "median round.\n\n")
        .arg(items.join(QStringLiteral("; ")));
}

QString errorLine(const QJsonObject &scenario)
{
    if (scenario.contains(QLatin1String("error")))
        return QStringLiteral("\n**The scenario did not complete:** %1\n")
            .arg(scenario.value(QLatin1String("error")).toString());
    return {};
}

} // namespace

QString renderMarkdown(const QJsonObject &report)
{
    const QJsonObject machine = obj(report, "machine");
    const QJsonObject settings = obj(report, "settings");
    const QJsonObject scenarios = obj(report, "scenarios");
    const QJsonObject wrk = obj(settings, "wrk");
    QString md;
    md += QStringLiteral("# Benchmark report (issue 4)\n\n");
    md += QStringLiteral("Generated %1 in %2 s by `scripts/bench.sh` (`concert-bench --scale %3`). "
                         "How to read it: `README.md, section Benchmark`.\n\n")
              .arg(report.value(QLatin1String("generated_at")).toString(),
                   fmt(num(report, "run_seconds"), 0), fmt(num(settings, "scale"), 2));
    md += QStringLiteral("**Correctness: %1.**\n\n")
              .arg(report.value(QLatin1String("correct")).toBool()
                       ? QStringLiteral("every check held")
                       : QStringLiteral("SOME CHECKS FAILED (see below)"));

    md += QStringLiteral("## Machine and versions\n\n| | |\n|---|---|\n");
    for (const char *key :
         {"cores", "cpu_model", "memory_gib", "os", "kernel", "qt", "compiler", "build_type",
          "mariadb", "wrk", "concert_server", "source", "load_average_at_start"}) {
        const QJsonValue v = machine.value(QLatin1String(key));
        md += QStringLiteral("| %1 | %2 |\n")
                  .arg(QLatin1String(key),
                       v.isDouble()
                           ? fmt(v.toDouble(), v.toDouble() == std::floor(v.toDouble()) ? 0 : 1)
                           : v.toString());
    }
    md += QStringLiteral("\n## Settings\n\n");
    md += QStringLiteral(
              "- wrk: `-t%1 -c%2 -d%3s --timeout %4s`, %5 s unmeasured warm-up before each "
              "measured run; wrk, the servers and mariadbd share the same cores.\n")
              .arg(num(wrk, "threads"))
              .arg(num(wrk, "connections"))
              .arg(num(wrk, "duration_seconds"))
              .arg(num(wrk, "timeout_seconds"))
              .arg(num(wrk, "warmup_seconds"));
    md +=
        QStringLiteral("- concert-server `--db-pool-size %1`; raw-SQL ceilings use %1 connections "
                       "(one thread each) for %2 s.\n")
            .arg(num(settings, "db_pool_size"))
            .arg(num(settings, "sql_ceiling_seconds"));
    md += QStringLiteral("- A private MariaDB (tests/support MariaDbInstance: buffer pool 128M, "
                         "flush at commit 2, no binlog) on a Unix socket, %1.\n")
              .arg(settings.value(QLatin1String("fresh_database_per_phase")).toBool()
                       ? QStringLiteral("a new one for each phase")
                       : QStringLiteral("one for the run, its database dropped between phases"));
    md +=
        QStringLiteral("- Each ratio comes from %1 paired round(s): the ceiling, then the server, "
                       "back to back; the round with the median ratio is reported.\n")
            .arg(num(settings, "rounds"));
    md += QStringLiteral("- All settings as JSON: `report.json` → `settings`.\n\n");

    md += QStringLiteral("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    for (const QJsonValue &v : report.value(QLatin1String("targets")).toArray()) {
        const QJsonObject t = v.toObject();
        const QJsonValue m = t.value(QLatin1String("measured"));
        md += QStringLiteral("| %1 | %2 | %3 |\n")
                  .arg(t.value(QLatin1String("target")).toString(),
                       m.isDouble() ? fmt(m.toDouble(), 3) : m.toString(),
                       t.value(QLatin1String("met")).toBool() ? QStringLiteral("MET")
                                                              : QStringLiteral("**MISSED**"));
    }

    // 1
    const QJsonObject s1 = obj(scenarios, "1_queue_status");
    if (!s1.isEmpty()) {
        const QJsonObject one = obj(s1, "one_process");
        const QJsonObject server = obj(one, "server");
        const QJsonObject ceiling = obj(one, "ceiling");
        md += QStringLiteral("\n## 1. Queue status polling at depth\n\n");
        md += QStringLiteral(
                  "%1 WAITING tokens (seeded in %2 s); wrk picks a random token of the "
                  "whole queue per request (`status.lua`); the ceiling is "
                  "`bench-minimal-server` (fixed JSON) with the same script and settings.\n")
                  .arg(fmt(num(s1, "waiting_tokens")), fmt(num(s1, "seed_seconds"), 1));
        md += errorLine(s1);
        md += QStringLiteral("\n| | req/s | p50 / p99 | errors |\n|---|---:|---|---:|\n");
        md += QStringLiteral("| concert-server | %1 | %2 | %3 |\n")
                  .arg(fmt(num(server, "requests_per_second")), latencies(server),
                       fmt(num(obj(server, "errors"), "status_4xx_5xx")
                           + num(obj(server, "errors"), "timeout")));
        md += QStringLiteral("| ceiling (minimal server) | %1 | %2 | |\n")
                  .arg(fmt(num(ceiling, "requests_per_second")), latencies(ceiling));
        md +=
            QStringLiteral("| **ratio** | **%1** | | |\n\n").arg(pct(num(one, "ratio_to_ceiling")));
        md += QStringLiteral("CPU during the run: %1.\n").arg(usageLine(server));
    }

    // 2
    const QJsonObject s2 = obj(scenarios, "2_token_issue");
    if (!s2.isEmpty()) {
        const QJsonObject server = obj(s2, "server");
        const QJsonObject ceiling = obj(s2, "ceiling_sql");
        md += QStringLiteral("\n## 2. Token issue for new users\n\n");
        md += QStringLiteral("`POST /api/v1/queue/tokens` with a fresh random UUID per request "
                             "(`issue.lua`). Ceiling: the same INSERT (%1) straight through "
                             "QSqlDatabase on %2 connections, no HTTP.\n")
                  .arg(ceiling.value(QLatin1String("statements")).toString())
                  .arg(num(ceiling, "threads"));
        md += errorLine(s2);
        md += QStringLiteral("\n| | tokens/s | p50 / p99 |\n|---|---:|---|\n");
        md += QStringLiteral("| concert-server | %1 | %2 |\n")
                  .arg(fmt(num(server, "requests_per_second")), latencies(server));
        md += QStringLiteral("| ceiling (raw SQL) | %1 | %2 / %3 ms |\n")
                  .arg(fmt(num(ceiling, "ops_per_second")),
                       fmt(num(obj(ceiling, "latency"), "p50_ms"), 2),
                       fmt(num(obj(ceiling, "latency"), "p99_ms"), 2));
        md += QStringLiteral("| **ratio** | **%1** | |\n\n").arg(pct(num(s2, "ratio_to_ceiling")));
        md += roundsLine(s2);
        md += QStringLiteral("CPU during the run: %1.\n").arg(usageLine(server));
    }

    // 3
    const QJsonObject s3a = obj(scenarios, "3a_holds");
    if (!s3a.isEmpty()) {
        const QJsonObject server = obj(s3a, "server");
        const QJsonObject ceiling = obj(s3a, "ceiling_sql");
        md += QStringLiteral("\n## 3(a). Seat holds without contention\n\n");
        md +=
            QStringLiteral("Each request holds one seat nobody asked for before, spread over %1 "
                           "dates made through the admin API, with %2 ACTIVE tokens (`hold.lua`). "
                           "Ceiling: the same transaction (%3) on %4 connections, no HTTP.\n")
                .arg(fmt(num(settings, "hold_dates_server")))
                .arg(fmt(num(settings, "hold_tokens")))
                .arg(ceiling.value(QLatin1String("statements")).toString())
                .arg(num(ceiling, "threads"));
        md += errorLine(s3a);
        md += QStringLiteral("\n| | holds/s | p50 / p99 |\n|---|---:|---|\n");
        md += QStringLiteral("| concert-server | %1 | %2 |\n")
                  .arg(fmt(num(server, "holds_per_second")), latencies(server));
        md += QStringLiteral("| ceiling (raw SQL) | %1 | %2 / %3 ms |\n")
                  .arg(fmt(num(ceiling, "ops_per_second")),
                       fmt(num(obj(ceiling, "latency"), "p50_ms"), 2),
                       fmt(num(obj(ceiling, "latency"), "p99_ms"), 2));
        md += QStringLiteral("| **ratio** | **%1** | |\n\n").arg(pct(num(s3a, "ratio_to_ceiling")));
        md += roundsLine(s3a);
        md += QStringLiteral("CPU during the run: %1.\n").arg(usageLine(server));
    }
    const QJsonObject s3b = obj(scenarios, "3b_contention");
    if (!s3b.isEmpty()) {
        const QJsonObject server = obj(s3b, "server");
        const QJsonObject inv = obj(s3b, "invariants");
        md += QStringLiteral("\n## 3(b). Seat holds under contention\n\n");
        md += QStringLiteral("Every request wants 1 or 2 of the same 50 seats of one date "
                             "(`contention.lua`); the server runs with `%1`, so holds end and the "
                             "seats come back during the run.\n\n")
                  .arg(s3b.value(QLatin1String("server_options")).toString());
        md += QStringLiteral(
            "| req/s | 201 held | 409 refused | other | p50 / p99 |\n|---:|---:|---:|---:|---|\n");
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n\n")
                  .arg(fmt(num(server, "requests_per_second")), fmt(num(s3b, "held_201")),
                       fmt(num(s3b, "refused_409")), fmt(num(s3b, "other_statuses")),
                       latencies(server));
        md +=
            QStringLiteral("After 3(a), 5 and 3(b), checked in SQL: seats held by two overlapping "
                           "reservations or sold twice: **%1** (must be 0); seats sold twice: %2; "
                           "%3 reservations in all.\n")
                .arg(fmt(num(inv, "seats_double_held")), fmt(num(inv, "seats_sold_twice")),
                     fmt(num(inv, "reservations")));
    }

    // 4
    const QJsonObject s4 = obj(scenarios, "4_opening");
    if (!s4.isEmpty()) {
        const QJsonObject driver = obj(s4, "driver");
        const QJsonObject inv = obj(s4, "invariants");
        const QJsonObject outcomes = obj(driver, "outcomes");
        md += QStringLiteral("\n## 4. Ticket opening, end to end\n\n");
        md += QStringLiteral("%1 users arrive evenly within %2 s; %3 dates × 50 = %4 seats; "
                             "server `%5`. Each user: token → poll status → dates → seat map → "
                             "hold 1–2 free seats (re-read and retry on 409, at most 3 tries) → "
                             "charge → pay (Idempotency-Key). Driver: `concert-bench "
                             "opening-driver`, %6 keep-alive connections.\n")
                  .arg(fmt(num(settings, "opening_users")),
                       fmt(num(settings, "opening_arrival_window_seconds"), 1),
                       fmt(num(settings, "opening_dates")), fmt(num(s4, "seats_on_sale")),
                       s4.value(QLatin1String("server_options")).toString(),
                       fmt(num(settings, "opening_driver_connections")));
        md += errorLine(s4);
        md += QStringLiteral("\n| result | value |\n|---|---:|\n");
        md += QStringLiteral("| time until every seat was sold (from the first arrival) | %1 |\n")
                  .arg(driver.value(QLatin1String("sold_out")).toBool()
                           ? fmt(num(driver, "seconds_until_sold_out"), 2) + QStringLiteral(" s")
                           : QStringLiteral("**not sold out**"));
        md += QStringLiteral("| seats sold (SQL) | %1 of %2 |\n")
                  .arg(fmt(num(inv, "seats_sold")), fmt(num(s4, "seats_on_sale")));
        md += QStringLiteral("| seats sold twice / double held | %1 / %2 |\n")
                  .arg(fmt(num(inv, "seats_sold_twice")), fmt(num(inv, "seats_double_held")));
        md +=
            QStringLiteral(
                "| money in (charges) − balances − payments | %1 KRW (in %2, held %3, paid %4) |\n")
                .arg(fmt(num(inv, "money_mismatch")), fmt(num(inv, "money_in")),
                     fmt(num(inv, "money_held")), fmt(num(inv, "money_paid")));
        md += QStringLiteral("| users whose ledger ≠ balance; payments ≠ reservation | %1; %2 |\n")
                  .arg(fmt(num(inv, "ledger_mismatch_users")),
                       fmt(num(inv, "payments_not_matching_reservation")));
        md +=
            QStringLiteral("| admissions out of issue order | %1 (of %2 admitted) |\n")
                .arg(fmt(num(inv, "admission_order_inversions")), fmt(num(inv, "tokens_admitted")));
        md += QStringLiteral("| 5xx answers / requests without answer | %1 / %2 |\n")
                  .arg(fmt(num(driver, "server_errors_5xx")), fmt(num(driver, "transport_errors")));
        md += QStringLiteral("| users: bought / saw sold out / gave up after 3 tries / failed / "
                             "still waiting at the end | %1 / %2 / %3 / %4 / %5 |\n")
                  .arg(fmt(num(outcomes, "bought")), fmt(num(outcomes, "sold_out")),
                       fmt(num(outcomes, "gave_up_after_409s")), fmt(num(outcomes, "failed")),
                       fmt(num(outcomes, "still_waiting_at_end")));
        md += QStringLiteral("| run ended because | %1 after %2 s |\n")
                  .arg(driver.value(QLatin1String("end_reason")).toString(),
                       fmt(num(driver, "elapsed_seconds"), 1));
        md += QStringLiteral(
            "\nLatency per endpoint (from writing the request to the last byte of the answer):\n\n"
            "| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | statuses |\n"
            "|---|---:|---:|---:|---:|---:|---|\n");
        const QJsonObject endpoints = obj(driver, "endpoints");
        for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
            const QJsonObject e = it.value().toObject();
            QStringList statuses;
            const QJsonObject st = obj(e, "statuses");
            for (auto s = st.begin(); s != st.end(); ++s)
                statuses << QStringLiteral("%1×%2").arg(s.key(), fmt(s.value().toDouble()));
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                      .arg(it.key(), fmt(num(e, "count")), fmt(num(e, "p50_ms"), 2),
                           fmt(num(e, "p95_ms"), 2), fmt(num(e, "p99_ms"), 2),
                           fmt(num(e, "max_ms"), 1), statuses.join(QStringLiteral(", ")));
        }
        const QJsonObject wait = obj(driver, "driver_queue_wait");
        md += QStringLiteral("\nRequests waited for a free driver connection p50 %1 ms, p99 %2 ms "
                             "(not part of the latencies above).\n")
                  .arg(fmt(num(wait, "p50_ms"), 2), fmt(num(wait, "p99_ms"), 2));
        md += QStringLiteral("\nPeak RSS and CPU of each process over the scenario:\n\n");
        md += usageTable(s4.value(QLatin1String("process_usage")).toArray());
    }

    // 5
    const QJsonObject s5 = obj(scenarios, "5_scale_out");
    if (!s5.isEmpty()) {
        md += QStringLiteral("\n## 5. Scale-out: one and two concert-server processes\n\n");
        md += s5.value(QLatin1String("reuse_port")).toBool()
            ? QStringLiteral("Both processes share one port (`--reuse-port`).\n\n")
            : QStringLiteral(
                "concert-server has no `--reuse-port` yet: two ports, one wrk per port "
                "with half the connections each, results summed (p99: the worse of the two).\n\n");
        const QJsonObject q2 = obj(s5, "queue_status_two_processes");
        const QJsonObject q1 = obj(s1, "one_process");
        const QJsonObject h2 = obj(s5, "holds_two_processes");
        md += QStringLiteral(
            "| scenario | 1 process | 2 processes | 2 / 1 |\n|---|---:|---:|---:|\n");
        if (!q2.isEmpty()) {
            const double a = num(obj(q1, "server"), "requests_per_second");
            const double b = num(obj(q2, "server"), "requests_per_second");
            md += QStringLiteral("| 1. queue status req/s | %1 | %2 | %3 |\n")
                      .arg(fmt(a), fmt(b), fmt(a > 0 ? b / a : 0, 2));
            md += QStringLiteral("| 1. p50 / p99 | %1 | %2 | |\n")
                      .arg(latencies(obj(q1, "server")), latencies(obj(q2, "server")));
            const double ca = num(obj(q1, "ceiling"), "requests_per_second");
            const double cb = num(obj(q2, "ceiling"), "requests_per_second");
            md += QStringLiteral("| 1. ceiling (minimal server) req/s | %1 | %2 | %3 |\n")
                      .arg(fmt(ca), fmt(cb), fmt(ca > 0 ? cb / ca : 0, 2));
            md += QStringLiteral("| 1. ratio to ceiling | %1 | %2 | |\n")
                      .arg(pct(num(q1, "ratio_to_ceiling")), pct(num(q2, "ratio_to_ceiling")));
        }
        if (!h2.isEmpty()) {
            const QJsonObject h1 = obj(s5, "holds_one_process");
            md += QStringLiteral("| 3(a). holds/s | %1 | %2 | %3 |\n")
                      .arg(fmt(num(h1, "holds_per_second")), fmt(num(h2, "holds_per_second")),
                           fmt(num(s5, "holds_two_over_one"), 2));
            md += QStringLiteral("| 3(a). p50 / p99 | %1 | %2 | |\n")
                      .arg(latencies(h1), latencies(h2));
        }
        if (!q2.isEmpty())
            md += QStringLiteral("\nCPU, queue status x2: %1.\n").arg(usageLine(obj(q2, "server")));
        if (!h2.isEmpty()) {
            md += QStringLiteral("CPU, holds x2: %1.\n").arg(usageLine(h2));
            md += QStringLiteral("\nHolds: each round measures one process, then two, back to back "
                                 "(x2 / x1 per round: %1); the table shows the median round.\n")
                      .arg([&s5] {
                          QStringList items;
                          for (const QJsonValue &v :
                               s5.value(QLatin1String("holds_rounds")).toArray())
                              items << fmt(num(v.toObject(), "ratio_to_ceiling"), 2);
                          return items.join(QStringLiteral(", "));
                      }());
        }
    }

    // 6 and later: each carries its own title, description and summary rows.
    for (const char *key : {"6_hot_seat_map", "7_million_queue", "8_busy_token_issue",
                            "9_opening_webhook", "10_push", "11_prequeue_opening"}) {
        const QJsonObject s = obj(scenarios, key);
        if (s.isEmpty())
            continue;
        md += QStringLiteral("\n## %1\n\n")
                  .arg(s.value(QLatin1String("title")).toString(QString::fromLatin1(key)));
        const QString description = s.value(QLatin1String("description")).toString();
        if (!description.isEmpty())
            md += description + QStringLiteral("\n");
        md += errorLine(s);
        const QJsonArray rows = s.value(QLatin1String("summary")).toArray();
        if (!rows.isEmpty()) {
            md += QStringLiteral("\n| | |\n|---|---|\n");
            for (const QJsonValue &v : rows) {
                const QJsonArray row = v.toArray();
                md += QStringLiteral("| %1 | %2 |\n")
                          .arg(row.at(0).toString(), row.at(1).toVariant().toString());
            }
        }
        md += roundsLine(s);
        const QJsonArray usage = s.value(QLatin1String("usage")).toArray();
        if (!usage.isEmpty())
            md += QStringLiteral("\nCPU and peak RSS during the measured run:\n\n")
                + usageTable(usage);
    }

    md += QStringLiteral("\n## Correctness checks\n\n");
    for (const QJsonValue &v : report.value(QLatin1String("checks")).toArray()) {
        const QJsonObject c = v.toObject();
        md += QStringLiteral("- %1 %2\n")
                  .arg(c.value(QLatin1String("ok")).toBool() ? QStringLiteral("ok")
                                                             : QStringLiteral("**FAILED**"),
                       c.value(QLatin1String("check")).toString());
    }
    const QJsonArray notes = report.value(QLatin1String("notes")).toArray();
    if (!notes.isEmpty()) {
        md += QStringLiteral("\n## Notes\n\n");
        for (const QJsonValue &v : notes)
            md += QStringLiteral("- %1\n").arg(v.toString());
    }
    return md;
}
