// QueueView: this instance's in-memory picture of the queue (api-contract.md, "Queue").
// Positions are 1-based among WAITING tokens in issue order, a new token's provisional position
// is its distance from the admission frontier, an ACTIVE token is ACTIVE only until its
// expiresAt, what this instance did itself (issue, expire, extend) shows before the next
// refresh, and estimatedWaitSeconds never decreases as the position grows.

#include "services/queueview.h"

#include <QDeadlineTimer>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

using Answer = QueueView::Answer;

class tst_QueueView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyViewKnowsNothing();
    void refreshes_data();
    void refreshes();
    void activeUntilExpiry();
    void noteIssuedShowsBeforeRefresh();
    void noteIssuedIsForgottenWhenNeverConfirmed();
    void provisionalPosition_data();
    void provisionalPosition();
    void noteExpiredIsTerminal();
    void noteExtendedKeepsTokenActive();
    void estimatedWaitForPositionZero();
    void estimatedWaitIsMonotone_data();
    void estimatedWaitIsMonotone();
    void estimatedWaitFromPriorRate_data();
    void estimatedWaitFromPriorRate();
    void admissionRateIsMeasured();
    void deepQueue();
    void concurrentReadersSeeWholeSnapshots();
};

namespace {

// The view installs whole lists that the queue ticker's QueueModel keeps current; these
// helpers build them. An "incremental" refresh is what the model would hold after the old
// look-back read: the previous list from the head on, plus the ids read, minus the ACTIVE ones.
QList<qint64> g_previous; // the house WAITING ids the last helper gave the view

std::shared_ptr<const QueueModel::ActiveTokens> activeList(const QHash<qint64, QDateTime> &active)
{
    auto list = std::make_shared<QueueModel::ActiveTokens>();
    for (auto it = active.cbegin(); it != active.cend(); ++it)
        list->push_back(QueueModel::ActiveToken{it.key(), it.value().toMSecsSinceEpoch(), 0});
    std::sort(list->begin(), list->end(), [](const auto &x, const auto &y) { return x.id < y.id; });
    return list;
}

// lastAdmittedId is left 0 unless a test sets it: only provisional positions read it.
QueueView::Refresh completeRefresh(const QList<qint64> &waiting,
                                   const QHash<qint64, QDateTime> &active, qint64 maxId,
                                   const QDateTime &takenAt, qint64 tickMs = 1000)
{
    QList<qint64> sorted = waiting;
    std::sort(sorted.begin(), sorted.end());
    g_previous = sorted;
    QueueView::Refresh refresh;
    refresh.head = sorted.isEmpty() ? 0 : sorted.first();
    refresh.waiting = std::make_shared<QueueModel::WaitingIds>(sorted.begin(), sorted.end());
    refresh.active = activeList(active);
    refresh.maxId = maxId;
    refresh.takenAt = takenAt;
    refresh.tickMs = tickMs;
    return refresh;
}

QueueView::Refresh incrementalRefresh(qint64 head, const QList<qint64> &lookBack,
                                      const QHash<qint64, QDateTime> &active, qint64 maxId,
                                      const QDateTime &takenAt)
{
    QList<qint64> merged;
    if (head != 0) {
        for (const qint64 id : std::as_const(g_previous)) {
            if (id >= head)
                merged.append(id);
        }
        for (const qint64 id : lookBack) {
            if (!merged.contains(id))
                merged.append(id);
        }
        merged.removeIf([&](qint64 id) { return active.contains(id); });
    }
    QueueView::Refresh refresh = completeRefresh(merged, active, maxId, takenAt);
    refresh.head = head;
    return refresh;
}

QHash<qint64, QDateTime> activeUntil(const QList<qint64> &ids, const QDateTime &expiresAt)
{
    QHash<qint64, QDateTime> active;
    for (qint64 id : ids)
        active.insert(id, expiresAt);
    return active;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> ids;
    for (qint64 id = first; id <= last; ++id)
        ids.append(id);
    return ids;
}

const char *answerName(Answer answer)
{
    switch (answer) {
    case Answer::Waiting:
        return "Waiting";
    case Answer::Active:
        return "Active";
    case Answer::Expired:
        return "Expired";
    case Answer::Unknown:
        return "Unknown";
    }
    return "?";
}

} // namespace

// Answers print by name in failure messages.
namespace QTest {
template<>
char *toString(const Answer &answer)
{
    return qstrdup(answerName(answer));
}
} // namespace QTest

void tst_QueueView::emptyViewKnowsNothing()
{
    const QueueView view(100, 600);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(view.lookup(1, now).answer, Answer::Unknown);
    QCOMPARE(view.waitingCount(), 0);
    QCOMPARE(view.activeCount(), 0);
    QCOMPARE(view.generation(), 0u);
}

void tst_QueueView::refreshes_data()
{
    QTest::addColumn<QList<qint64>>("before"); // a complete refresh applied first
    QTest::addColumn<bool>("complete");
    QTest::addColumn<qint64>("head");
    QTest::addColumn<QList<qint64>>("waiting"); // what the second refresh read
    QTest::addColumn<QList<qint64>>("active");
    QTest::addColumn<qint64>("maxId");
    QTest::addColumn<QList<qint64>>("expectedWaiting"); // in queue order
    QTest::addColumn<QList<qint64>>("expectedActive");
    QTest::addColumn<QList<qint64>>("expectedUnknown");

    using L = QList<qint64>;
    QTest::addRow("complete refresh puts ids in id order")
        << L{} << true << 3LL << L{3, 5, 9, 12} << L{1, 2} << 12LL << L{3, 5, 9, 12} << L{1, 2}
        << L{4, 13};
    QTest::addRow("complete refresh replaces the picture")
        << L{10, 11, 12} << true << 12LL << L{12, 20} << L{} << 20LL << L{12, 20} << L{}
        << L{10, 11, 13};
    QTest::addRow("incremental refresh keeps ids from the head and merges the look-back")
        << L{10, 11, 12, 13} << false << 12LL << L{13, 14, 15} << L{10, 11} << 15LL
        << L{12, 13, 14, 15} << L{10, 11} << L{16};
    QTest::addRow("ids below the new head are dropped")
        << L{10, 11, 12, 13} << false << 12LL << L{} << L{} << 13LL << L{12, 13} << L{}
        << L{10, 11};
    QTest::addRow("late commit found by the look-back slots in by id")
        << L{13, 15} << false << 13LL << L{14, 15, 16} << L{} << 16LL << L{13, 14, 15, 16} << L{}
        << L{};
    QTest::addRow("id now active is not waiting even if the picture had it")
        << L{10, 11, 12} << false << 10LL << L{} << L{12} << 12LL << L{10, 11} << L{12} << L{};
    QTest::addRow("head 0 means nobody waits")
        << L{10, 11} << false << 0LL << L{} << L{10, 11} << 11LL << L{} << L{10, 11} << L{};
    QTest::addRow("incremental refresh of an empty picture takes the look-back")
        << L{} << false << 5LL << L{5, 6} << L{} << 6LL << L{5, 6} << L{} << L{4, 7};
}

void tst_QueueView::refreshes()
{
    QFETCH(QList<qint64>, before);
    QFETCH(bool, complete);
    QFETCH(qint64, head);
    QFETCH(QList<qint64>, waiting);
    QFETCH(QList<qint64>, active);
    QFETCH(qint64, maxId);
    QFETCH(QList<qint64>, expectedWaiting);
    QFETCH(QList<qint64>, expectedActive);
    QFETCH(QList<qint64>, expectedUnknown);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expiresAt = now.addSecs(600);
    QueueView view(100, 600);
    view.apply(completeRefresh(before, {}, before.isEmpty() ? 0 : before.last(), now.addSecs(-1)));
    QCOMPARE(view.generation(), 1u);
    QueueView::Refresh second = complete
        ? completeRefresh(waiting, activeUntil(active, expiresAt), maxId, now)
        : incrementalRefresh(head, waiting, activeUntil(active, expiresAt), maxId, now);
    second.head = head;
    view.apply(std::move(second));
    QCOMPARE(view.generation(), 2u);

    QCOMPARE(view.waitingCount(), expectedWaiting.size());
    QCOMPARE(view.activeCount(), int(expectedActive.size()));
    for (qsizetype i = 0; i < expectedWaiting.size(); ++i) {
        const QueueView::Lookup found = view.lookup(expectedWaiting.at(i), now);
        QCOMPARE(found.answer, Answer::Waiting);
        QCOMPARE(found.status.status, TokenStatus::Waiting);
        QCOMPARE(found.status.position, i + 1);
        QCOMPARE(found.status.estimatedWaitSeconds, view.estimatedWaitSeconds(i + 1));
        QVERIFY(!found.status.expiresAt);
    }
    for (qint64 id : expectedActive) {
        const QueueView::Lookup found = view.lookup(id, now);
        QCOMPARE(found.answer, Answer::Active);
        QCOMPARE(found.status.status, TokenStatus::Active);
        QCOMPARE(found.status.position, 0);
        QCOMPARE(found.status.estimatedWaitSeconds, 0);
        QCOMPARE(found.status.expiresAt, std::optional<QDateTime>(expiresAt));
    }
    for (qint64 id : expectedUnknown)
        QCOMPARE(view.lookup(id, now).answer, Answer::Unknown);
}

void tst_QueueView::activeUntilExpiry()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QueueView view(100, 600);
    view.apply(completeRefresh({}, {{5, t0.addSecs(60)}, {6, t0}}, 6, t0));

    QCOMPARE(view.lookup(5, t0).answer, Answer::Active);
    QCOMPARE(view.lookup(5, t0.addMSecs(59'999)).answer, Answer::Active);
    // From expiresAt on, memory cannot tell (another instance may have extended it): ask the
    // database, never answer ACTIVE.
    QCOMPARE(view.lookup(5, t0.addSecs(60)).answer, Answer::Unknown);
    QCOMPARE(view.lookup(5, t0.addSecs(3600)).answer, Answer::Unknown);
    QCOMPARE(view.lookup(6, t0).answer, Answer::Unknown);
}

void tst_QueueView::noteIssuedShowsBeforeRefresh()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QueueView view(100, 600);
    // 1..7 have been admitted; 8, 9, 10 wait.
    QueueView::Refresh first = completeRefresh({8, 9, 10}, {}, 10, t0);
    first.lastAdmittedId = 7;
    view.apply(std::move(first));

    view.noteIssued(11, t0);
    view.noteIssued(12, t0);
    QCOMPARE(view.lookup(11, t0).answer, Answer::Waiting);
    QCOMPARE(view.lookup(11, t0).status.status, TokenStatus::Waiting);
    QCOMPARE(view.lookup(11, t0).status.position, 4); // behind 8, 9, 10
    QCOMPARE(view.lookup(12, t0).status.position, 5);
    QCOMPARE(view.lookup(12, t0).status.estimatedWaitSeconds, view.estimatedWaitSeconds(5));
    QVERIFY(!view.lookup(12, t0).status.expiresAt);
    // An id the snapshot already covers is not an overlay: the snapshot says it is not waiting.
    view.noteIssued(7, t0);
    QCOMPARE(view.lookup(7, t0).answer, Answer::Unknown);

    // The next refresh sees 11; 12 (not read yet) stays behind it.
    QueueView::Refresh second = incrementalRefresh(8, {9, 10, 11}, {}, 11, t0.addSecs(1));
    second.lastAdmittedId = 7;
    view.apply(std::move(second));
    QCOMPARE(view.waitingCount(), 4);
    QCOMPARE(view.lookup(11, t0).status.position, 4);
    QCOMPARE(view.lookup(12, t0).answer, Answer::Waiting);
    QCOMPARE(view.lookup(12, t0).status.position, 5);

    // 8 and 9 admitted: 12 moves up with the frontier.
    QueueView::Refresh third = incrementalRefresh(
        10, {11}, {{8, t0.addSecs(600)}, {9, t0.addSecs(600)}}, 11, t0.addSecs(2));
    third.lastAdmittedId = 9;
    view.apply(std::move(third));
    QCOMPARE(view.lookup(10, t0).status.position, 1);
    QCOMPARE(view.lookup(12, t0).status.position, 3);

    // Once the database has it, the database's word counts: 12 was admitted.
    QueueView::Refresh fourth =
        incrementalRefresh(10, {11}, {{12, t0.addSecs(600)}}, 12, t0.addSecs(3));
    fourth.lastAdmittedId = 12;
    view.apply(std::move(fourth));
    QCOMPARE(view.lookup(12, t0).answer, Answer::Active);
    QCOMPARE(view.waitingCount(), 2);
}

void tst_QueueView::noteIssuedIsForgottenWhenNeverConfirmed()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QueueView view(100, 600);
    view.apply(completeRefresh({8}, {}, 8, t0));
    view.noteIssued(9, t0);
    QCOMPARE(view.lookup(9, t0).answer, Answer::Waiting);
    // A minute of refreshes that never show id 9: the overlay goes, the database is asked.
    view.apply(completeRefresh({8}, {}, 8, t0.addSecs(60)));
    QCOMPARE(view.lookup(9, t0.addSecs(60)).answer, Answer::Unknown);
}

void tst_QueueView::provisionalPosition_data()
{
    QTest::addColumn<qint64>("lastAdmittedId");
    QTest::addColumn<qint64>("tokenId");
    QTest::addColumn<qint64>("position");

    QTest::addRow("first token ever is first") << 0LL << 1LL << 1LL;
    QTest::addRow("next after the frontier is first") << 7LL << 8LL << 1LL;
    QTest::addRow("distance from the frontier") << 7LL << 11LL << 4LL;
    QTest::addRow("far behind the frontier") << 1000LL << 101'000LL << 100'000LL;
    QTest::addRow("at the frontier is still at least 1") << 7LL << 7LL << 1LL;
    QTest::addRow("below the frontier is still at least 1") << 7LL << 3LL << 1LL;
}

void tst_QueueView::provisionalPosition()
{
    QFETCH(qint64, lastAdmittedId);
    QFETCH(qint64, tokenId);
    QFETCH(qint64, position);

    QueueView view(100, 600);
    QueueView::Refresh refresh = completeRefresh({}, {}, tokenId, QDateTime::currentDateTimeUtc());
    refresh.lastAdmittedId = lastAdmittedId;
    view.apply(std::move(refresh));
    QCOMPARE(view.provisionalPosition(tokenId), position);

    // Strictly increasing in the id beyond the frontier: tokens issued at once on different
    // instances get distinct positions.
    qint64 previous = view.provisionalPosition(lastAdmittedId + 1);
    QCOMPARE(previous, 1);
    for (qint64 id = lastAdmittedId + 2; id < lastAdmittedId + 1'000; ++id) {
        const qint64 next = view.provisionalPosition(id);
        QCOMPARE(next, previous + 1);
        previous = next;
    }
}

void tst_QueueView::noteExpiredIsTerminal()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    const QDateTime later = t0.addSecs(600);
    QueueView view(100, 600);
    view.apply(completeRefresh({20, 21}, {{5, later}}, 21, t0));
    view.noteIssued(22, t0);

    for (qint64 id : {5, 20, 22}) { // active, waiting, issued here
        view.noteExpired(id);
        const QueueView::Lookup found = view.lookup(id, t0);
        QCOMPARE(found.answer, Answer::Expired);
        QCOMPARE(found.status, (QueueStatus{TokenStatus::Expired, 0, 0, std::nullopt}));
    }
    view.noteExtended(5, later.addSecs(600)); // a late extension does not revive it

    // A refresh taken before the expiry committed still lists them: expired stays expired.
    view.apply(completeRefresh({20, 21, 22}, {{5, later}}, 22, t0.addSecs(1)));
    view.apply(completeRefresh({20, 21, 22}, {{5, later}}, 22, t0.addSecs(2)));
    for (qint64 id : {5, 20, 22})
        QCOMPARE(view.lookup(id, t0.addSecs(2)).answer, Answer::Expired);
    QCOMPARE(view.lookup(21, t0.addSecs(2)).answer, Answer::Waiting);
}

void tst_QueueView::noteExtendedKeepsTokenActive()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QueueView view(100, 600);
    view.apply(completeRefresh({7}, {{5, t0.addSecs(10)}, {6, t0.addSecs(100)}}, 7, t0));
    QCOMPARE(view.lookup(5, t0.addSecs(20)).answer, Answer::Unknown);

    // A hold until t0+60 keeps token 5 ACTIVE past the snapshot's t0+10.
    view.noteExtended(5, t0.addSecs(60));
    QueueView::Lookup found = view.lookup(5, t0.addSecs(20));
    QCOMPARE(found.answer, Answer::Active);
    QCOMPARE(found.status.expiresAt, std::optional<QDateTime>(t0.addSecs(60)));
    QCOMPARE(view.lookup(5, t0.addSecs(60)).answer, Answer::Unknown);

    // A refresh read before the extension committed does not undo it.
    view.apply(completeRefresh({7}, {{5, t0.addSecs(10)}, {6, t0.addSecs(100)}}, 7, t0.addSecs(1)));
    QCOMPARE(view.lookup(5, t0.addSecs(20)).answer, Answer::Active);

    // A shorter extension never shortens.
    view.noteExtended(5, t0.addSecs(30));
    QCOMPARE(view.lookup(5, t0.addSecs(40)).status.expiresAt,
             std::optional<QDateTime>(t0.addSecs(60)));
    view.noteExtended(6, t0.addSecs(50)); // earlier than the snapshot's t0+100
    QCOMPARE(view.lookup(6, t0.addSecs(20)).status.expiresAt,
             std::optional<QDateTime>(t0.addSecs(100)));

    // Extending a token that is not ACTIVE does not make it ACTIVE.
    view.noteExtended(7, t0.addSecs(60));
    QCOMPARE(view.lookup(7, t0).answer, Answer::Waiting);
    view.noteExtended(99, t0.addSecs(60));
    QCOMPARE(view.lookup(99, t0).answer, Answer::Unknown);
}

void tst_QueueView::estimatedWaitForPositionZero()
{
    QueueView view(10, 10);
    view.apply(completeRefresh(range(1, 100), activeUntil(range(1001, 1010), {}), 1010,
                               QDateTime::currentDateTimeUtc()));
    QCOMPARE(view.estimatedWaitSeconds(0), 0); // ACTIVE
    QCOMPARE(view.estimatedWaitSeconds(-1), 0);
    QVERIFY(view.estimatedWaitSeconds(1) > 0);
}

void tst_QueueView::estimatedWaitIsMonotone_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("activeTtlSeconds");
    QTest::addColumn<int>("tickMs");
    QTest::addColumn<int>("active");
    QTest::addColumn<int>("admittedPerTick"); // 0: no measurement, the prior rate

    QTest::addRow("defaults, nobody active") << 100 << 600 << 1000 << 0 << 0;
    QTest::addRow("defaults, 40 active") << 100 << 600 << 1000 << 40 << 0;
    QTest::addRow("defaults, capacity full") << 100 << 600 << 1000 << 100 << 0;
    QTest::addRow("awkward fractions") << 7 << 601 << 250 << 3 << 0;
    QTest::addRow("one place, a week's TTL") << 1 << 604'800 << 60'000 << 1 << 0;
    QTest::addRow("measured rate of 3 per tick") << 100 << 600 << 1000 << 100 << 3;
    QTest::addRow("more active than capacity") << 10 << 60 << 1000 << 15 << 0;
}

void tst_QueueView::estimatedWaitIsMonotone()
{
    QFETCH(int, capacity);
    QFETCH(int, activeTtlSeconds);
    QFETCH(int, tickMs);
    QFETCH(int, active);
    QFETCH(int, admittedPerTick);

    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    const auto activeTokens = activeUntil(range(1'000'001, 1'000'000 + active), t0.addSecs(600));
    QueueView view(capacity, activeTtlSeconds, tickMs);
    qint64 head = 1;
    view.apply(completeRefresh(range(head, 20'000), activeTokens, 2'000'000, t0, tickMs));
    for (int tick = 1; admittedPerTick > 0 && tick <= 10; ++tick) {
        head += admittedPerTick;
        view.apply(completeRefresh(range(head, 20'000), activeTokens, 2'000'000,
                                   t0.addMSecs(qint64(tick) * tickMs), tickMs));
    }

    // At one moment: never lower for a later position.
    qint64 previous = view.estimatedWaitSeconds(0);
    QCOMPARE(previous, 0);
    for (qint64 position = 1; position <= 10'000; ++position) {
        const qint64 wait = view.estimatedWaitSeconds(position);
        if (wait < previous)
            QFAIL(qPrintable(QStringLiteral("position %1 waits %2 s, position %3 waits %4 s")
                                 .arg(position)
                                 .arg(wait)
                                 .arg(position - 1)
                                 .arg(previous)));
        previous = wait;
    }
    QVERIFY(previous > view.estimatedWaitSeconds(1)); // it does grow

    // The same through lookup(), as clients see it.
    previous = 0;
    for (qint64 id = head; id < head + 2'000; ++id) {
        const QueueView::Lookup found = view.lookup(id, t0);
        QCOMPARE(found.answer, Answer::Waiting);
        QCOMPARE(found.status.position, id - head + 1);
        QVERIFY(found.status.estimatedWaitSeconds >= previous);
        previous = found.status.estimatedWaitSeconds;
    }
}

void tst_QueueView::estimatedWaitFromPriorRate_data()
{
    QTest::addColumn<int>("active");
    QTest::addColumn<qint64>("position");
    QTest::addColumn<qint64>("seconds");

    // capacity 10, TTL 10 s: one admission per second expected; a tick of 1 s.
    QTest::addRow("first in line with free places waits for the next tick") << 0 << 1LL << 1LL;
    QTest::addRow("last of the free places waits for the next tick") << 0 << 10LL << 1LL;
    QTest::addRow("first beyond the free places waits one more second") << 0 << 11LL << 2LL;
    QTest::addRow("tenth beyond the free places waits ten more seconds") << 0 << 20LL << 11LL;
    QTest::addRow("full capacity: first in line waits for one departure") << 10 << 1LL << 2LL;
    QTest::addRow("full capacity: fifth in line") << 10 << 5LL << 6LL;
    QTest::addRow("four free places") << 6 << 5LL << 2LL;
}

void tst_QueueView::estimatedWaitFromPriorRate()
{
    QFETCH(int, active);
    QFETCH(qint64, position);
    QFETCH(qint64, seconds);

    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QueueView view(10, 10, 1000);
    view.apply(completeRefresh(range(1, 100),
                               activeUntil(range(1001, 1000 + active), t0.addSecs(10)), 1010, t0));
    QCOMPARE(view.admissionRate(), 1.0);
    QCOMPARE(view.estimatedWaitSeconds(position), seconds);
}

void tst_QueueView::admissionRateIsMeasured()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    const auto full = activeUntil(range(1001, 1010), t0.addSecs(600)); // capacity 10 in use
    QueueView view(10, 10, 1000);
    QCOMPARE(view.admissionRate(), 1.0); // the prior: capacity / TTL

    // Five admissions a second.
    view.apply(completeRefresh(range(1, 100), full, 1010, t0));
    view.apply(completeRefresh(range(6, 100), full, 1010, t0.addSecs(1)));
    view.apply(completeRefresh(range(11, 100), full, 1010, t0.addSecs(2)));
    QCOMPARE(view.admissionRate(), 1.0); // two seconds are too few to measure
    view.apply(completeRefresh(range(16, 100), full, 1010, t0.addSecs(3)));
    QCOMPARE(view.admissionRate(), 5.0);
    QCOMPARE(view.estimatedWaitSeconds(10), 3); // next tick + 10 / 5
    QCOMPARE(view.lookup(25, t0.addSecs(3)).status.estimatedWaitSeconds, 3);

    // Incremental refreshes count the same.
    view.apply(incrementalRefresh(21, {}, full, 1010, t0.addSecs(4)));
    QCOMPARE(view.admissionRate(), 5.0);

    // A minute later those admissions no longer count: back to the prior.
    view.apply(completeRefresh(range(21, 100), full, 1010, t0.addSecs(66)));
    QCOMPARE(view.admissionRate(), 1.0);
}

void tst_QueueView::deepQueue()
{
    constexpr qint64 kDepth = 100'000;
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    // Ids with gaps (other instances' tokens, admitted ones): 1000, 1002, 1004, ...
    QList<qint64> waiting;
    waiting.reserve(kDepth);
    for (qint64 i = 0; i < kDepth; ++i)
        waiting.append(1000 + 2 * i);
    const auto idAt = [](qint64 position) {
        return 1000 + 2 * (position - 1);
    };

    QueueView view(100, 600);
    view.apply(completeRefresh(waiting, {}, waiting.last(), t0));
    QCOMPARE(view.waitingCount(), kDepth);
    for (qint64 position : {1LL, 2LL, 50'000LL, 99'999LL, kDepth}) {
        const QueueView::Lookup found = view.lookup(idAt(position), t0);
        QCOMPARE(found.answer, Answer::Waiting);
        QCOMPARE(found.status.position, position);
    }
    QCOMPARE(view.lookup(idAt(50'000) + 1, t0).answer, Answer::Unknown); // a gap
    QCOMPARE(view.lookup(999, t0).answer, Answer::Unknown);
    QVERIFY(view.lookup(idAt(kDepth), t0).status.estimatedWaitSeconds
            >= view.lookup(idAt(50'000), t0).status.estimatedWaitSeconds);

    // The first thousand admitted; an incremental refresh moves everyone up by 1,000.
    view.apply(incrementalRefresh(idAt(1001), {}, {}, waiting.last(), t0.addSecs(1)));
    QCOMPARE(view.waitingCount(), kDepth - 1000);
    QCOMPARE(view.lookup(idAt(1001), t0).status.position, 1);
    QCOMPARE(view.lookup(idAt(50'000), t0).status.position, 49'000);
    QCOMPARE(view.lookup(idAt(kDepth), t0).status.position, kDepth - 1000);
    QCOMPARE(view.lookup(idAt(1000), t0).answer, Answer::Unknown);
}

void tst_QueueView::concurrentReadersSeeWholeSnapshots()
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QueueView view(100, 600);
    // Snapshot A: 1..1000 wait (700 is 700th). Snapshot B: 501..1500 wait (700 is 200th).
    const QList<qint64> a = range(1, 1000);
    const QList<qint64> b = range(501, 1500);
    view.apply(completeRefresh(a, {}, 1500, t0));

    std::atomic<bool> stop = false;
    std::atomic<int> inconsistent = 0;
    std::atomic<qint64> lookups = 0;
    const auto reader = [&] {
        while (!stop.load()) {
            const QueueView::Lookup found = view.lookup(700, t0);
            const qint64 position = found.status.position;
            if (found.answer != Answer::Waiting || (position != 700 && position != 200))
                ++inconsistent;
            ++lookups;
        }
    };
    std::thread first(reader);
    std::thread second(reader);
    // Keep swapping snapshots until the readers have done plenty of lookups.
    QDeadlineTimer deadline(10'000);
    int applied = 0;
    while ((applied < 200 || lookups.load() < 20'000) && !deadline.hasExpired()) {
        view.apply(completeRefresh(applied % 2 ? a : b, {}, 1500, t0.addMSecs(applied)));
        ++applied;
    }
    stop = true;
    first.join();
    second.join();
    QCOMPARE(inconsistent.load(), 0);
    QVERIFY2(lookups.load() >= 20'000, qPrintable(QString::number(lookups.load())));
    QCOMPARE(view.generation(), quint64(applied) + 1);
}

QTEST_GUILESS_MAIN(tst_QueueView)
#include "tst_queueview.moc"
