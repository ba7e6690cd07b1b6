#pragma once

#include "benchutil.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <functional>
#include <optional>

/**
 * @brief One MariaDB connection of the benchmark, set up like concert-server's
 * (CLIENT_FOUND_ROWS, READ COMMITTED, UTC, utf8mb4), usable only on the thread that opened it.
 * The destructor closes and removes the connection.
 */
class BenchDb
{
public:
    /** @brief Connects over the Unix socket @p socket to database @p name as user `concert`. */
    BenchDb(const QString &socket, const QString &name);
    ~BenchDb();
    Q_DISABLE_COPY_MOVE(BenchDb)

    [[nodiscard]] bool isOpen() const { return m_db.isOpen(); }
    [[nodiscard]] QString lastError() const { return m_error; }
    [[nodiscard]] QSqlDatabase &db() { return m_db; }

    /** @brief Runs @p sql (not prepared); false with lastError() on failure. */
    bool exec(const QString &sql);
    /** @brief The first column of the first row of @p sql; std::nullopt on failure or no row. */
    std::optional<qint64> scalar(const QString &sql);
    /** @brief Every row of @p sql as text columns; std::nullopt on failure. */
    std::optional<QList<QStringList>> rows(const QString &sql);

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
};

/** @brief A queue token made by seedTokens(): its row id, user and signed token text. */
struct SeededToken
{
    qint64 id = 0;
    QString userId;
    QString token;
};

/**
 * @brief Inserts @p count WAITING queue_tokens rows for fresh users straight into the database
 * (1,000 per statement) and signs their tokens with the server's key (server_secrets
 * 'queue-token-hmac', so a concert-server must have started once against the database).
 * Returns them in id order, every @p keepEvery-th of them and always the last one (a sample
 * of a long line); empty with @p error set on failure.
 */
QList<SeededToken> seedTokens(BenchDb &db, int count, QString *error, int keepEvery = 1);

/**
 * @brief Signs queue token @p tokenId of @p userId with the server's key (server_secrets), as
 * concert-server would; empty when the key cannot be read.
 */
QString signToken(BenchDb &db, qint64 tokenId, const QString &userId);

/** @brief Writes one token per line to @p path. */
bool writeTokenFile(const QString &path, const QList<SeededToken> &tokens);

/**
 * @brief One worker's operation: gets a global operation number, returns false on failure.
 * Made per thread by a WorkerFactory from that thread's connection, and destroyed before it.
 */
using SqlOperation = std::function<bool(qint64 op)>;
using WorkerFactory = std::function<SqlOperation(BenchDb &)>;

/**
 * @brief Runs operations on @p threads threads, each with its own BenchDb and the operation
 * @p factory makes for it, until @p durationMs has passed or @p maxOps operations were started
 * in total. Returns `{"threads", "operations", "failures", "seconds", "ops_per_second",
 * "latency", "exhausted"}`.
 */
QJsonObject runSqlWorkers(const QString &socket, const QString &dbName, int threads, int durationMs,
                          qint64 maxOps, const WorkerFactory &factory);

/**
 * @brief The raw-SQL ceiling of scenario 2: the INSERT of a WAITING token for a new user
 * (QueueRepository::insertWaiting), autocommit, no HTTP. concert-server's other statements per
 * token (the admission frontier read) count as its own cost.
 */
QJsonObject tokenIssueCeiling(const QString &socket, const QString &dbName, int threads,
                              int durationMs);

/**
 * @brief The raw-SQL ceiling of scenario 3(a): per hold the transaction concert-server runs
 * (ReservationService::hold: extend the token, insert the reservation, take the seat), one
 * new seat each time, over @p dateIds (concert_dates ids) and ACTIVE @p tokens. Seat number k
 * (from @p firstSeat, at most @p seats of them) is seat k / dates + 1 of date k % dates.
 */
QJsonObject holdCeiling(const QString &socket, const QString &dbName, int threads, int durationMs,
                        const QList<qint64> &dateIds, qint64 firstSeat, qint64 seats,
                        const QList<SeededToken> &tokens, int holdTtlSeconds);

/**
 * @brief The invariant checks, in SQL, that every scenario ends with:
 * `seats_double_held` (a seat in two reservations whose holds overlap, or taken again after it
 * was sold), `seats_sold_twice`, `sold_seats_without_confirmed_reservation`,
 * `money_in`, `money_held`, `money_paid`, `money_mismatch` (charges minus balances minus
 * payments), `ledger_mismatch_users`, `payments_not_matching_reservation`,
 * `admission_order_inversions`.
 */
QJsonObject invariantChecks(BenchDb &db);

/** @brief UTC now as MariaDB DATETIME(3) text, as concert-server binds it. */
QString sqlNow(qint64 offsetMs = 0);
