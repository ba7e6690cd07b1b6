// Clock: deadlines the contract shows with second precision (heldUntil, expiresAt) are rounded
// up, so a client is never promised an earlier end than the server enforces.

#include "jsonfields.h"
#include "services/clock.h"

#include <QTest>

class tst_Clock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deadline_data();
    void deadline();
    void deadlineIsNeverEarlierThanPromised();
    void nowIsUtc();
};

void tst_Clock::deadline_data()
{
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QDateTime>("expected");

    const QDate day(2027, 3, 1);
    QTest::addRow("whole second stays put") << QDateTime(day, QTime(10, 0, 0, 0), Qt::UTC) << 300LL
                                            << QDateTime(day, QTime(10, 5, 0, 0), Qt::UTC);
    QTest::addRow("one millisecond past rounds up a whole second")
        << QDateTime(day, QTime(10, 0, 0, 1), Qt::UTC) << 300LL
        << QDateTime(day, QTime(10, 5, 1, 0), Qt::UTC);
    QTest::addRow("999 ms past rounds up") << QDateTime(day, QTime(10, 0, 0, 999), Qt::UTC) << 300LL
                                           << QDateTime(day, QTime(10, 5, 1, 0), Qt::UTC);
    QTest::addRow("zero seconds from a fraction rounds up")
        << QDateTime(day, QTime(10, 0, 0, 500), Qt::UTC) << 0LL
        << QDateTime(day, QTime(10, 0, 1, 0), Qt::UTC);
    QTest::addRow("rounding crosses midnight")
        << QDateTime(day, QTime(23, 59, 59, 1), Qt::UTC) << 0LL
        << QDateTime(day.addDays(1), QTime(0, 0, 0, 0), Qt::UTC);
    QTest::addRow("a week of TTL") << QDateTime(day, QTime(10, 0, 0, 250), Qt::UTC) << 604'800LL
                                   << QDateTime(day.addDays(7), QTime(10, 0, 1, 0), Qt::UTC);
    QTest::addRow("non-UTC input gives the same instant")
        << QDateTime(day, QTime(19, 0, 0, 1), Qt::OffsetFromUTC, 9 * 3600) << 60LL
        << QDateTime(day, QTime(10, 1, 1, 0), Qt::UTC);
}

void tst_Clock::deadline()
{
    QFETCH(QDateTime, from);
    QFETCH(qint64, seconds);
    QFETCH(QDateTime, expected);

    const QDateTime result = Clock::deadline(from, seconds);
    QCOMPARE(result, expected);
    QCOMPARE(result.timeSpec(), Qt::UTC);
    QCOMPARE(result.time().msec(), 0);
}

void tst_Clock::deadlineIsNeverEarlierThanPromised()
{
    const QDateTime start(QDate(2027, 3, 1), QTime(10, 0, 0, 0), Qt::UTC);
    for (int ms = 0; ms < 2000; ms += 7) {
        const QDateTime from = start.addMSecs(ms);
        const QDateTime exact = from.addSecs(300);
        const QDateTime result = Clock::deadline(from, 300);
        QVERIFY(result >= exact);
        QVERIFY(exact.msecsTo(result) < 1000);
        // What the client reads back is the deadline itself, not a second before it.
        const auto shown = JsonFields::parseTimestamp(JsonFields::formatTimestamp(result));
        QVERIFY(shown);
        QCOMPARE(*shown, result);
    }
}

void tst_Clock::nowIsUtc()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QDateTime now = Clock::now();
    const QDateTime after = QDateTime::currentDateTimeUtc();
    QCOMPARE(now.timeSpec(), Qt::UTC);
    QVERIFY(before <= now && now <= after);
}

QTEST_GUILESS_MAIN(tst_Clock)
#include "tst_clock.moc"
