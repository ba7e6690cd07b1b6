#include "sqlbench.h"

#include "services/tokensigner.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace {

std::atomic<int> g_connections{0};

} // namespace

BenchDb::BenchDb(const QString &socket, const QString &name)
    : m_name(QStringLiteral("bench-%1").arg(++g_connections))
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), m_name);
    m_db.setDatabaseName(name);
    m_db.setUserName(QStringLiteral("concert"));
    m_db.setConnectOptions(QStringLiteral("CLIENT_FOUND_ROWS=1;UNIX_SOCKET=") + socket);
    if (!m_db.open()) {
        m_error = m_db.lastError().text();
        return;
    }
    for (const char *statement : {"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
                                  "SET SESSION time_zone = '+00:00'",
                                  "SET SESSION innodb_lock_wait_timeout = 10", "SET NAMES utf8mb4"})
        exec(QString::fromLatin1(statement));
}

BenchDb::~BenchDb()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool BenchDb::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

std::optional<qint64> BenchDb::scalar(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        m_error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

std::optional<QList<QStringList>> BenchDb::rows(const QString &sql)
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        m_error = query.lastError().text();
        return std::nullopt;
    }
    QList<QStringList> out;
    const int columns = query.record().count();
    while (query.next()) {
        QStringList row;
        for (int i = 0; i < columns; ++i)
            row << query.value(i).toString();
        out << row;
    }
    return out;
}

QString sqlNow(qint64 offsetMs)
{
    return QDateTime::currentDateTimeUtc().addMSecs(offsetMs).toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString signToken(BenchDb &db, qint64 tokenId, const QString &userId)
{
    QSqlQuery keyQuery(db.db());
    if (!keyQuery.exec(
            QStringLiteral("SELECT secret FROM server_secrets WHERE name = 'queue-token-hmac'"))
        || !keyQuery.next())
        return {};
    return TokenSigner(keyQuery.value(0).toByteArray()).sign(tokenId, userId);
}

QList<SeededToken> seedTokens(BenchDb &db, int count, QString *error, int keepEvery)
{
    keepEvery = qMax(1, keepEvery);
    QSqlQuery keyQuery(db.db());
    if (!keyQuery.exec(
            QStringLiteral("SELECT secret FROM server_secrets WHERE name = 'queue-token-hmac'"))
        || !keyQuery.next()) {
        *error = QStringLiteral("no token key in server_secrets: start concert-server once first");
        return {};
    }
    const TokenSigner signer(keyQuery.value(0).toByteArray());
    const qint64 before =
        db.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM queue_tokens")).value_or(0);
    const QString now = sqlNow();
    constexpr int kBatch = 1000;
    for (int done = 0; done < count; done += kBatch) {
        QStringList values;
        for (int i = done; i < qMin(count, done + kBatch); ++i)
            values << QStringLiteral("('%1','WAITING','%2')").arg(freshUuid(), now);
        if (!db.exec(QStringLiteral("INSERT INTO queue_tokens (user_id, status, issued_at) VALUES ")
                     + values.join(u','))) {
            *error = db.lastError();
            return {};
        }
    }
    QSqlQuery query(db.db());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, user_id FROM queue_tokens WHERE id > %1 ORDER BY id")
                        .arg(before))) {
        *error = query.lastError().text();
        return {};
    }
    QList<SeededToken> tokens;
    tokens.reserve(count / keepEvery + 1);
    int rows = 0;
    while (query.next()) {
        ++rows;
        if ((rows - 1) % keepEvery != 0 && rows != count)
            continue;
        SeededToken token{query.value(0).toLongLong(), query.value(1).toString(), {}};
        token.token = signer.sign(token.id, token.userId);
        tokens << token;
    }
    if (rows != count)
        *error = QStringLiteral("seeded %1 tokens, expected %2").arg(rows).arg(count);
    return tokens;
}

bool writeTokenFile(const QString &path, const QList<SeededToken> &tokens)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    for (const SeededToken &token : tokens)
        file.write(token.token.toLatin1() + '\n');
    return true;
}

QJsonObject runSqlWorkers(const QString &socket, const QString &dbName, int threads, int durationMs,
                          qint64 maxOps, const WorkerFactory &factory)
{
    std::atomic<qint64> nextOp{0};
    std::atomic<qint64> failures{0};
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::mutex mergeLock;
    LatencySamples latency;
    QStringList errors;
    QElapsedTimer clock;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&]() {
            BenchDb db(socket, dbName);
            LatencySamples mine;
            ++ready;
            while (!go.load())
                std::this_thread::yield();
            if (!db.isOpen()) {
                std::lock_guard lock(mergeLock);
                errors << db.lastError();
                return;
            }
            {
                const SqlOperation op = factory(db);
                QElapsedTimer timer;
                while (clock.elapsed() < durationMs) {
                    const qint64 number = nextOp++;
                    if (number >= maxOps)
                        break;
                    timer.start();
                    if (!op(number))
                        ++failures;
                    mine.add(timer.nsecsElapsed() / 1000);
                }
            }
            std::lock_guard lock(mergeLock);
            latency.merge(mine);
        });
    }
    while (ready.load() < threads)
        std::this_thread::yield();
    clock.start();
    go = true;
    for (std::thread &worker : workers)
        worker.join();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const qint64 operations = latency.count();
    QJsonObject result{{QStringLiteral("threads"), threads},
                       {QStringLiteral("operations"), double(operations)},
                       {QStringLiteral("failures"), double(failures.load())},
                       {QStringLiteral("seconds"), seconds},
                       {QStringLiteral("ops_per_second"), double(operations) / seconds},
                       {QStringLiteral("latency"), latency.toJson()},
                       {QStringLiteral("exhausted"), nextOp.load() >= maxOps}};
    if (!errors.isEmpty())
        result.insert(QStringLiteral("errors"), errors.join(QStringLiteral("; ")));
    return result;
}

namespace {

// The statement texts concert-server prepares (server/queuerepository.cpp,
// server/reservationrepository.cpp), prepared once per connection here too.
std::shared_ptr<QSqlQuery> prepare(BenchDb &db, const QString &sql)
{
    auto query = std::make_shared<QSqlQuery>(db.db());
    query->prepare(sql);
    return query;
}

} // namespace

QJsonObject tokenIssueCeiling(const QString &socket, const QString &dbName, int threads,
                              int durationMs)
{
    QJsonObject result =
        runSqlWorkers(socket, dbName, threads, durationMs, std::numeric_limits<qint64>::max(),
                      [](BenchDb &db) -> SqlOperation {
                          auto insert =
                              prepare(db,
                                      QStringLiteral("INSERT INTO queue_tokens (user_id, status, "
                                                     "issued_at) VALUES (?, 'WAITING', ?)"));
                          return [insert](qint64) {
                              insert->bindValue(0, freshUuid());
                              insert->bindValue(1, sqlNow());
                              return insert->exec() && insert->lastInsertId().toLongLong() > 0;
                          };
                      });
    result.insert(QStringLiteral("statements"),
                  QStringLiteral("INSERT INTO queue_tokens (user_id, status, issued_at) "
                                 "VALUES (?, 'WAITING', ?), autocommit"));
    return result;
}

QJsonObject holdCeiling(const QString &socket, const QString &dbName, int threads, int durationMs,
                        const QList<qint64> &dateIds, qint64 firstSeat, qint64 seats,
                        const QList<SeededToken> &tokens, int holdTtlSeconds)
{
    QJsonObject result =
        runSqlWorkers(socket, dbName, threads, durationMs, seats, [&](BenchDb &db) -> SqlOperation {
            auto extend = prepare(db,
                                  QStringLiteral("UPDATE queue_tokens SET expires_at = "
                                                 "GREATEST(expires_at, ?) WHERE id = ? AND "
                                                 "status = 'ACTIVE' AND expires_at > ?"));
            auto insert =
                prepare(db,
                        QStringLiteral("INSERT INTO reservations (user_id, queue_token_id, "
                                       "concert_date_id, seat_numbers, amount, status, "
                                       "held_until, created_at) "
                                       "VALUES (?, ?, ?, ?, ?, 'HELD', ?, ?)"));
            auto take =
                prepare(db,
                        QStringLiteral("UPDATE seats SET status = 'HELD', reservation_id = ?, "
                                       "held_until = ? WHERE concert_date_id = ? AND "
                                       "seat_number IN (?) AND (status = 'AVAILABLE' OR "
                                       "(status = 'HELD' AND held_until <= ?)) "
                                       "ORDER BY seat_number"));
            // The hold's event, written in its transaction since issue 11 (the outbox): an
            // event of the server's size (about 400 bytes of JSON).
            auto event =
                prepare(db,
                        QStringLiteral("INSERT INTO outbox_events (event_id, type, body, "
                                       "created_at) VALUES (?, 'reservation.held', ?, ?)"));
            return [&db, &dateIds, &tokens, firstSeat, holdTtlSeconds, extend, insert, take,
                    event](qint64 number) {
                const qint64 op = firstSeat + number;
                const qint64 dateId = dateIds.at(op % dateIds.size());
                const int seat = int(op / dateIds.size()) + 1;
                const SeededToken &token = tokens.at(op % tokens.size());
                const QString now = sqlNow();
                const QString until = sqlNow(qint64(holdTtlSeconds) * 1000);
                if (!db.exec(QStringLiteral("START TRANSACTION")))
                    return false;
                auto fail = [&db]() {
                    db.exec(QStringLiteral("ROLLBACK"));
                    return false;
                };
                extend->bindValue(0, until);
                extend->bindValue(1, token.id);
                extend->bindValue(2, now);
                if (!extend->exec() || extend->numRowsAffected() != 1)
                    return fail();
                insert->bindValue(0, token.userId);
                insert->bindValue(1, token.id);
                insert->bindValue(2, dateId);
                insert->bindValue(3, QString::number(seat));
                insert->bindValue(4, 50000);
                insert->bindValue(5, until);
                insert->bindValue(6, now);
                if (!insert->exec())
                    return fail();
                take->bindValue(0, insert->lastInsertId().toLongLong());
                take->bindValue(1, until);
                take->bindValue(2, dateId);
                take->bindValue(3, seat);
                take->bindValue(4, now);
                if (!take->exec() || take->numRowsAffected() != 1)
                    return fail();
                const QString eventId = freshUuid();
                event->bindValue(0, eventId);
                event->bindValue(
                    1,
                    QStringLiteral("{\"createdAt\":\"%1\",\"data\":{\"amount\":50000,"
                                   "\"concertId\":%2,\"date\":\"2027-03-01\",\"heldUntil\":"
                                   "\"%3\",\"id\":%4,\"seatNumbers\":[%5],\"status\":"
                                   "\"HELD\",\"userId\":\"%6\"},\"id\":\"%7\",\"type\":"
                                   "\"reservation.held\"}")
                        .arg(now)
                        .arg(dateId)
                        .arg(until)
                        .arg(insert->lastInsertId().toLongLong())
                        .arg(seat)
                        .arg(token.userId, eventId));
                event->bindValue(2, now);
                if (!event->exec())
                    return fail();
                return db.exec(QStringLiteral("COMMIT"));
            };
        });
    result.insert(QStringLiteral("statements"),
                  QStringLiteral("START TRANSACTION; UPDATE queue_tokens (extend); INSERT INTO "
                                 "reservations; UPDATE seats (take 1 seat); INSERT INTO "
                                 "outbox_events (the reservation.held event); COMMIT"));
    return result;
}

QJsonObject invariantChecks(BenchDb &db)
{
    QJsonObject checks;
    auto number = [&](const QString &name, const QString &sql) {
        const std::optional<qint64> value = db.scalar(sql);
        checks.insert(name, value ? double(*value) : -1.0);
        if (!value)
            checks.insert(name + QStringLiteral("_error"), db.lastError());
    };
    // Every reservations row is a hold that succeeded (a refused hold rolls its row back).
    // Explode "7,8" into one row per seat.
    db.exec(QStringLiteral("DROP TEMPORARY TABLE IF EXISTS bench_claims"));
    db.exec(QStringLiteral(
        "CREATE TEMPORARY TABLE bench_claims (date_id BIGINT, seat INT, reservation_id BIGINT, "
        "status VARCHAR(16), created_at DATETIME(3), held_until DATETIME(3), "
        "KEY (date_id, seat)) "
        "SELECT r.concert_date_id AS date_id, j.seat, r.id AS reservation_id, r.status, "
        "r.created_at, r.held_until FROM reservations r, "
        "JSON_TABLE(CONCAT('[', r.seat_numbers, ']'), '$[*]' COLUMNS (seat INT PATH '$')) j"));
    db.exec(QStringLiteral("DROP TEMPORARY TABLE IF EXISTS bench_claims2"));
    db.exec(QStringLiteral("CREATE TEMPORARY TABLE bench_claims2 LIKE bench_claims"));
    db.exec(QStringLiteral("INSERT INTO bench_claims2 SELECT * FROM bench_claims"));
    // Two claims of one seat conflict when their holds overlap in time, or when one was paid
    // (SOLD is for good) and the other came later.
    number(
        QStringLiteral("seats_double_held"),
        QStringLiteral(
            "SELECT COUNT(DISTINCT a.date_id, a.seat) FROM bench_claims a JOIN bench_claims2 b "
            "ON b.date_id = a.date_id AND b.seat = a.seat AND b.reservation_id > a.reservation_id "
            "WHERE (a.created_at < b.held_until AND b.created_at < a.held_until) "
            "OR (a.status = 'CONFIRMED' AND b.created_at >= a.created_at) "
            "OR (b.status = 'CONFIRMED' AND a.created_at >= b.created_at)"));
    // A release (DELETE /reservations/{id}, leaving) keeps no end time in SQL, so its hold
    // looks as long as held_until: the same check without RELEASED rows, for scenarios that
    // release on purpose (6). The seats row itself admits one holder at a time.
    number(
        QStringLiteral("seats_double_held_unreleased"),
        QStringLiteral(
            "SELECT COUNT(DISTINCT a.date_id, a.seat) FROM bench_claims a JOIN bench_claims2 b "
            "ON b.date_id = a.date_id AND b.seat = a.seat AND b.reservation_id > a.reservation_id "
            "WHERE a.status <> 'RELEASED' AND b.status <> 'RELEASED' AND ("
            "(a.created_at < b.held_until AND b.created_at < a.held_until) "
            "OR (a.status = 'CONFIRMED' AND b.created_at >= a.created_at) "
            "OR (b.status = 'CONFIRMED' AND a.created_at >= b.created_at))"));
    number(
        QStringLiteral("seats_sold_twice"),
        QStringLiteral("SELECT COUNT(*) FROM (SELECT date_id, seat FROM bench_claims "
                       "WHERE status = 'CONFIRMED' GROUP BY date_id, seat HAVING COUNT(*) > 1) x"));
    number(QStringLiteral("sold_seats_without_confirmed_reservation"),
           QStringLiteral("SELECT COUNT(*) FROM seats s LEFT JOIN bench_claims c "
                          "ON c.date_id = s.concert_date_id AND c.seat = s.seat_number "
                          "AND c.reservation_id = s.reservation_id AND c.status = 'CONFIRMED' "
                          "WHERE s.status = 'SOLD' AND c.reservation_id IS NULL"));
    number(QStringLiteral("seats_sold"),
           QStringLiteral("SELECT COUNT(*) FROM seats WHERE status = 'SOLD'"));
    number(QStringLiteral("reservations"), QStringLiteral("SELECT COUNT(*) FROM reservations"));
    number(QStringLiteral("payments"), QStringLiteral("SELECT COUNT(*) FROM payments"));
    // Money: SUM(charges) = SUM(balances) + SUM(payments), and per user ledger = balance.
    number(QStringLiteral("money_in"),
           QStringLiteral(
               "SELECT COALESCE(SUM(amount), 0) FROM balance_ledger WHERE kind = 'CHARGE'"));
    number(QStringLiteral("money_held"),
           QStringLiteral("SELECT COALESCE(SUM(balance), 0) FROM users"));
    number(QStringLiteral("money_paid"),
           QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM payments"));
    number(QStringLiteral("money_mismatch"),
           QStringLiteral(
               "SELECT (SELECT COALESCE(SUM(amount), 0) FROM balance_ledger WHERE kind = 'CHARGE') "
               "- (SELECT COALESCE(SUM(balance), 0) FROM users) "
               "- (SELECT COALESCE(SUM(amount), 0) FROM payments)"));
    number(
        QStringLiteral("ledger_mismatch_users"),
        QStringLiteral("SELECT COUNT(*) FROM users u LEFT JOIN (SELECT user_id, SUM(amount) total "
                       "FROM balance_ledger GROUP BY user_id) l ON l.user_id = u.id "
                       "WHERE COALESCE(l.total, 0) <> u.balance"));
    number(
        QStringLiteral("payments_not_matching_reservation"),
        QStringLiteral("SELECT COUNT(*) FROM payments p LEFT JOIN reservations r "
                       "ON r.id = p.reservation_id WHERE r.id IS NULL OR r.status <> 'CONFIRMED' "
                       "OR r.amount <> p.amount OR r.user_id <> p.user_id"));
    number(
        QStringLiteral("confirmed_reservations_without_payment"),
        QStringLiteral("SELECT COUNT(*) FROM reservations r LEFT JOIN payments p "
                       "ON p.reservation_id = r.id WHERE r.status = 'CONFIRMED' AND p.id IS NULL"));
    // Admission order: walking tokens in id (issue) order, admitted_at never goes back in
    // time, and nobody was admitted while an earlier token was never admitted.
    number(QStringLiteral("admission_order_inversions"),
           QStringLiteral(
               "SELECT (SELECT COUNT(*) FROM (SELECT admitted_at, MAX(admitted_at) OVER "
               "(ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_max "
               "FROM queue_tokens WHERE admitted_at IS NOT NULL) t WHERE before_max > admitted_at) "
               "+ (SELECT COUNT(*) FROM queue_tokens WHERE admitted_at IS NOT NULL AND id > "
               "(SELECT COALESCE(MIN(id), 9223372036854775807) FROM queue_tokens "
               "WHERE admitted_at IS NULL))"));
    number(QStringLiteral("tokens_admitted"),
           QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE admitted_at IS NOT NULL"));
    return checks;
}
