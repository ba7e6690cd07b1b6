// The per-address sliding window of --token-rate-per-ip (api-contract.md, "Limits at the edge").
#include "services/ratelimiter.h"

#include <QTest>

class tst_RateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void limitPerAddressInAnyWindow();
    void slidesRatherThanResetsPerMinute();
    void idleAddressesAreForgotten();
};

void tst_RateLimiter::limitPerAddressInAnyWindow()
{
    SlidingWindowLimiter limiter(3, 60'000);
    const QHostAddress a(QStringLiteral("127.0.0.2"));
    const QHostAddress b(QStringLiteral("127.0.0.3"));
    QCOMPARE(limiter.tryAcquire(a, 1000), 0);
    QCOMPARE(limiter.tryAcquire(a, 2000), 0);
    QCOMPARE(limiter.tryAcquire(a, 3000), 0);
    // The fourth waits until the first leaves the window: 1000 + 60000 - 4000.
    QCOMPARE(limiter.tryAcquire(a, 4000), 57'000);
    QCOMPARE(limiter.tryAcquire(b, 4000), 0); // another address is not affected
    QCOMPARE(limiter.tryAcquire(a, 61'000), 0); // the first left the window
    QVERIFY(limiter.tryAcquire(a, 61'001) > 0);
}

void tst_RateLimiter::slidesRatherThanResetsPerMinute()
{
    SlidingWindowLimiter limiter(2, 60'000);
    const QHostAddress a(QStringLiteral("::1"));
    QCOMPARE(limiter.tryAcquire(a, 59'000), 0);
    QCOMPARE(limiter.tryAcquire(a, 59'500), 0);
    // A calendar-minute counter would start afresh at 60,000; the sliding window does not.
    QVERIFY(limiter.tryAcquire(a, 60'500) > 0);
    QCOMPARE(limiter.tryAcquire(a, 119'001), 0);
}

void tst_RateLimiter::idleAddressesAreForgotten()
{
    SlidingWindowLimiter limiter(5, 1000);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(limiter.tryAcquire(QHostAddress(quint32(0x7f000002 + i)), 10), 0);
    QCOMPARE(limiter.trackedAddresses(), 100);
    QCOMPARE(limiter.tryAcquire(QHostAddress(QStringLiteral("127.0.0.1")), 5000), 0);
    QCOMPARE(limiter.trackedAddresses(), 1);
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_ratelimiter.moc"
