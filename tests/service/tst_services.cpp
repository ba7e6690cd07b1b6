// The services and the schema against a private MariaDB, without HTTP: rules that need
// control over time and the sweeper (an expired hold is free before any sweep runs) and the
// invariants the database itself carries.
#include "data/database.h"
#include "data/schemamigrator.h"
#include "mariadbinstance.h"
#include "services/balanceservice.h"
#include "services/catalogservice.h"
#include "services/clock.h"
#include "services/paymentservice.h"
#include "services/queueservice.h"
#include "services/reservationservice.h"
#include "services/tokensigner.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

class tst_Services : public QObject
{
    Q_OBJECT

private:
    MariaDbInstance m_db;
    std::unique_ptr<Database> m_database;
    TokenSigner m_signer{TokenSigner::generateKey()};
    std::unique_ptr<QueueService> m_queue;
    std::unique_ptr<CatalogService> m_catalog;
    std::unique_ptr<ReservationService> m_reservations; // holds last 1 s
    std::unique_ptr<BalanceService> m_balances;
    std::unique_ptr<PaymentService> m_payments;
    qint64 m_concertId = 0;
    QDate m_date;

    static QString newUser() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

    /** @brief A user with an ACTIVE token (admitted by the queue's own ticker). */
    TokenClaims admitted(const QString &user)
    {
        const auto issued = m_queue->issueToken(user);
        if (!issued)
            return {};
        const auto claims = m_queue->verify("Bearer " + issued->token.token.toLatin1());
        if (!claims)
            return {};
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired()
               && m_queue->lookup(*claims).answer != QueueView::Answer::Active)
            QTest::qWait(10);
        return *claims;
    }

    /** @brief Runs @p sql; returns "ok" or the MariaDB error number. */
    QString nativeErrorOf(const QString &sql)
    {
        DbSession *session = m_database->threadSession();
        try {
            session->execDirect(sql);
            return QStringLiteral("ok");
        } catch (const DbFailure &failure) {
            return QString::number(failure.nativeCode);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_db.start(), qPrintable(m_db.errorString()));
        DatabaseSettings settings;
        settings.socket = m_db.socketPath();
        settings.name = m_db.databaseName();
        m_database = std::make_unique<Database>(settings);
        DbSession *session = m_database->threadSession();
        QVERIFY(session);
        QVERIFY(SchemaMigrator::migrate(*session).ok());
        m_queue = std::make_unique<QueueService>(*m_database, m_signer,
                                                 QueueService::Settings{1000, 20, 600});
        m_queue->setAdmitterTask(&ReservationService::releaseOverdueHolds);
        m_catalog = std::make_unique<CatalogService>(*m_database);
        m_reservations = std::make_unique<ReservationService>(*m_database, *m_catalog, *m_queue, 1);
        m_balances = std::make_unique<BalanceService>(*m_database);
        m_payments = std::make_unique<PaymentService>(*m_database, *m_queue);
        m_date = Clock::now().date().addDays(10);
        const auto created = m_catalog->createConcert(
            ConcertDefinition{0,
                              QStringLiteral("Service test"),
                              QStringLiteral("Hall"),
                              {DatePrice{m_date, 10000}, DatePrice{m_date.addDays(1), 20000}}});
        QVERIFY(created.ok());
        m_concertId = created->id;
    }

    void migrationsAreIdempotent()
    {
        DbSession *session = m_database->threadSession();
        QVERIFY(SchemaMigrator::migrate(*session).ok());
        QVERIFY(SchemaMigrator::migrate(*session).ok());
        QCOMPARE(m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 qint64(SchemaMigrator::migrationFiles().size()));
        QVERIFY(!SchemaMigrator::migrationFiles().isEmpty());
    }

    void theSchemaCarriesTheInvariants_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("error");
        QTest::addRow("a negative balance")
            << QStringLiteral("INSERT INTO users (id, balance) VALUES ('neg', -1)")
            << QStringLiteral("4025");
        QTest::addRow("a seat twice")
            << QStringLiteral("INSERT INTO seats (concert_date_id, seat_number) SELECT id, 1 FROM "
                              "concert_dates LIMIT 1")
            << QStringLiteral("1062");
        QTest::addRow("seat 51") << QStringLiteral(
            "INSERT INTO seats (concert_date_id, seat_number) SELECT id, 51 FROM concert_dates "
            "LIMIT 1") << QStringLiteral("4025");
        QTest::addRow("a held seat without a reservation")
            << QStringLiteral("UPDATE seats SET status = 'HELD' LIMIT 1") << QStringLiteral("4025");
        QTest::addRow("two live tokens for one user")
            << QStringLiteral("INSERT INTO queue_tokens (user_id, status, issued_at) VALUES "
                              "('dup', 'WAITING', NOW()), ('dup', 'ACTIVE', NOW())")
            << QStringLiteral("1062");
    }
    void theSchemaCarriesTheInvariants()
    {
        QFETCH(QString, sql);
        QFETCH(QString, error);
        QCOMPARE(nativeErrorOf(sql), error);
    }

    void issuingTwiceKeepsOnePlace()
    {
        const QString user = newUser();
        const auto first = m_queue->issueToken(user);
        const auto second = m_queue->issueToken(user);
        QVERIFY(first.ok() && second.ok());
        QVERIFY(first->created);
        QVERIFY(!second->created);
        QCOMPARE(second->token.token, first->token.token);
    }

    void waitingTokensAreNotAdmittedUntilTheTick()
    {
        const auto issued = m_queue->issueToken(newUser());
        QVERIFY(issued.ok());
        const auto claims = m_queue->verify("Bearer " + issued->token.token.toLatin1());
        QVERIFY(claims);
        QCOMPARE(m_queue->requireActive(*claims).error().code, ErrorCode::NotAdmitted);
        m_queue->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_queue->requireActive(*claims).ok(), 10000);
    }

    void aUserWhoseTokenRanOutGetsANewPlaceBeforeAnySweep()
    {
        // A queue whose tokens live one second (the only admitter), and no ticker after the
        // admission.
        m_queue->stop();
        QueueService shortLived(*m_database, m_signer, QueueService::Settings{1000, 20, 1});
        const QString user = newUser();
        const auto first = shortLived.issueToken(user);
        QVERIFY(first.ok() && first->created);
        const auto claims = shortLived.verify("Bearer " + first->token.token.toLatin1());
        shortLived.start();
        QTRY_VERIFY_WITH_TIMEOUT(shortLived.requireActive(*claims).ok(), 10000);
        shortLived.stop();
        const auto expired = [&]() {
            const Result<Done> check = shortLived.requireActive(*claims);
            return !check.ok() && check.error().code == ErrorCode::TokenExpired;
        };
        QTRY_VERIFY_WITH_TIMEOUT(expired(), 5000);
        // Its row still says ACTIVE (nobody swept), yet the user gets a new place at once.
        QCOMPARE(m_db.execute(QStringLiteral("SELECT status FROM queue_tokens WHERE id = %1")
                                  .arg(claims->tokenId))
                     .trimmed(),
                 QStringLiteral("ACTIVE"));
        const auto second = shortLived.issueToken(user);
        QVERIFY(second.ok());
        QVERIFY(second->created);
        QVERIFY(second->token.token != first->token.token);
        QCOMPARE(m_db.execute(QStringLiteral("SELECT status FROM queue_tokens WHERE id = %1")
                                  .arg(claims->tokenId))
                     .trimmed(),
                 QStringLiteral("EXPIRED"));
    }

    void anExpiredHoldIsFreeBeforeAnySweep()
    {
        m_queue->stop(); // no ticks, so no sweep from here on
        const QString first = newUser();
        m_queue->start();
        const TokenClaims a = admitted(first);
        const TokenClaims b = admitted(newUser());
        m_queue->stop();
        QVERIFY(a.tokenId > 0 && b.tokenId > 0);
        const auto held = m_reservations->hold(a, ReservationRequest{m_concertId, m_date, {5, 6}});
        QVERIFY(held.ok());
        QCOMPARE(m_reservations->hold(b, ReservationRequest{m_concertId, m_date, {6}}).error().code,
                 ErrorCode::SeatUnavailable);
        QTRY_VERIFY_WITH_TIMEOUT(Clock::now() > held->heldUntil, 5000);
        // The row still says HELD (nobody swept) ...
        QCOMPARE(
            m_db.execute(QStringLiteral(
                             "SELECT status FROM seats s JOIN concert_dates d ON d.id = "
                             "s.concert_date_id "
                             "WHERE d.concert_id = %1 AND d.show_date = '%2' AND s.seat_number = 6")
                             .arg(m_concertId)
                             .arg(m_date.toString(Qt::ISODate)))
                .trimmed(),
            QStringLiteral("HELD"));
        // ... yet the seat map shows it AVAILABLE, the reservation EXPIRED, and it can be held.
        const auto map = m_catalog->seatMap(m_concertId, m_date);
        QVERIFY(map.ok());
        QCOMPARE(map->seats.at(5).status, SeatStatus::Available);
        QCOMPARE(m_reservations->get(a, held->reservationId)->status, ReservationStatus::Expired);
        QVERIFY(m_reservations->hold(b, ReservationRequest{m_concertId, m_date, {6}}).ok());
        // Paying the expired hold is 410, and takes nothing.
        QVERIFY(m_balances->charge(first, 50000).ok());
        QCOMPARE(m_payments->pay(a, held->reservationId, {}).error().code, ErrorCode::HoldExpired);
        QCOMPARE(m_balances->balance(first)->balance, 50000);
    }

    void theSweepWritesDownExpiredHolds()
    {
        QVERIFY(m_database
                    ->run<Done>([](DbSession &session) {
                        ReservationService::releaseOverdueHolds(session, Clock::now());
                        return Result<Done>(Done{});
                    })
                    .ok());
        QCOMPARE(m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM reservations WHERE status = "
                                            "'HELD' AND held_until <= NOW(3)")),
                 0);
        QCOMPARE(m_db.scalar(QStringLiteral(
                     "SELECT COUNT(*) FROM seats WHERE status = 'HELD' AND held_until <= NOW(3)")),
                 0);
    }

    void paymentRules()
    {
        m_queue->start();
        const QString user = newUser();
        const TokenClaims claims = admitted(user);
        const TokenClaims stranger = admitted(newUser());
        QVERIFY(claims.tokenId > 0);
        // A long hold for this test: a reservation service with a 300 s hold.
        ReservationService reservations(*m_database, *m_catalog, *m_queue, 300);
        const auto held =
            reservations.hold(claims, ReservationRequest{m_concertId, m_date.addDays(1), {1, 2}});
        QVERIFY(held.ok());
        QCOMPARE(held->amount, 40000);

        QCOMPARE(m_payments->pay(claims, held->reservationId, {}).error().code,
                 ErrorCode::InsufficientBalance);
        QCOMPARE(m_payments->pay(stranger, held->reservationId, {}).error().code,
                 ErrorCode::Forbidden);
        QCOMPARE(m_payments->pay(claims, 987654321, {}).error().code, ErrorCode::NotFound);
        QVERIFY(m_balances->charge(user, 45000).ok());
        const auto paid = m_payments->pay(claims, held->reservationId, "key-1");
        QVERIFY(paid.ok());
        QCOMPARE(paid->balance, 5000);
        QCOMPARE(m_balances->balance(user)->balance, 5000);
        // The replay finds the same payment; the token is spent.
        const auto replay = m_payments->replay(claims, held->reservationId, "key-1");
        QVERIFY(replay.ok() && replay.value());
        QCOMPARE(replay.value()->paymentId, paid->paymentId);
        QCOMPARE(m_queue->requireActive(claims).error().code, ErrorCode::TokenExpired);
        // The same key for another reservation is refused.
        const TokenClaims again = admitted(user);
        const auto other =
            reservations.hold(again, ReservationRequest{m_concertId, m_date.addDays(1), {3}});
        QVERIFY(other.ok());
        QCOMPARE(m_payments->pay(again, other->reservationId, "key-1").error().code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(m_payments->pay(again, held->reservationId, {}).error().code,
                 ErrorCode::AlreadyPaid);
        QCOMPARE(m_db.scalar(
                     QStringLiteral(
                         "SELECT COUNT(*) FROM seats WHERE reservation_id = %1 AND status = 'SOLD'")
                         .arg(held->reservationId)),
                 2);
        QCOMPARE(m_db.scalar(
                     QStringLiteral("SELECT SUM(amount) FROM balance_ledger WHERE user_id = '%1'")
                         .arg(user)),
                 5000);
    }

    void cleanupTestCase() { m_queue->stop(); }
};

QTEST_GUILESS_MAIN(tst_Services)
#include "tst_services.moc"
