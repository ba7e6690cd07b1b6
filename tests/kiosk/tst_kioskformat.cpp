// KioskFormat: money, durations and seat lists as the customer reads them.

#include "kioskformat.h"
#include "kiosklanguage.h"

#include <QtTest>

class TestKioskFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // English plurals ("about 1 minute") come from the English translation, as in the kiosk.
    void initTestCase() { KioskLanguage::setStartupCode(QStringLiteral("en")); }

    void money_data()
    {
        QTest::addColumn<qint64>("krw");
        QTest::addColumn<QString>("full");
        QTest::addColumn<QString>("compact");
        QTest::addRow("zero") << qint64(0) << "₩0"
                              << "₩0";
        QTest::addRow("below a thousand") << qint64(900) << "₩900"
                                          << "₩900";
        QTest::addRow("one and a half thousand") << qint64(1500) << "₩1,500"
                                                 << "₩1.5K";
        QTest::addRow("ticket price") << qint64(50000) << "₩50,000"
                                      << "₩50K";
        QTest::addRow("expensive ticket") << qint64(132000) << "₩132,000"
                                          << "₩132K";
        QTest::addRow("largest charge") << qint64(10'000'000) << "₩10,000,000"
                                        << "₩10M";
    }
    void money()
    {
        QFETCH(qint64, krw);
        QFETCH(QString, full);
        QFETCH(QString, compact);
        QCOMPARE(KioskFormat::money(krw), full);
        QCOMPARE(KioskFormat::compactMoney(krw), compact);
    }

    void clock_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::addRow("five minutes") << 300 << "5:00";
        QTest::addRow("a little over two") << 125 << "2:05";
        QTest::addRow("last seconds") << 9 << "0:09";
        QTest::addRow("past is zero") << -3 << "0:00";
    }
    void clock()
    {
        QFETCH(int, seconds);
        QFETCH(QString, expected);
        QCOMPARE(KioskFormat::clock(seconds), expected);
    }

    void waitText_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::addRow("moments") << 20 << "less than a minute";
        QTest::addRow("one minute") << 70 << "about 1 minute";
        QTest::addRow("minutes") << 400 << "about 7 minutes";
        QTest::addRow("hours") << 4800 << "about 1 h 20 min";
    }
    void waitText()
    {
        QFETCH(int, seconds);
        QFETCH(QString, expected);
        QCOMPARE(KioskFormat::waitText(seconds), expected);
    }

    void seatList_data()
    {
        QTest::addColumn<QList<int>>("seats");
        QTest::addColumn<QString>("expected");
        QTest::addRow("one") << QList<int>{7} << "7";
        QTest::addRow("two") << QList<int>{7, 8} << "7 and 8";
        QTest::addRow("four") << QList<int>{1, 2, 3, 4} << "1, 2, 3 and 4";
    }
    void seatList()
    {
        QFETCH(QList<int>, seats);
        QFETCH(QString, expected);
        QCOMPARE(KioskFormat::seatList(seats), expected);
    }

    void dateLabel()
    {
        QCOMPARE(KioskFormat::dateLabel(QDate(2027, 3, 6)), QStringLiteral("Sat 6 Mar 2027"));
    }

    // The same texts in Korean, as a Seoul venue writes them.
    void korean()
    {
        KioskLanguage::setStartupCode(QStringLiteral("ko"));
        auto english = qScopeGuard([] { KioskLanguage::setStartupCode(QStringLiteral("en")); });
        QCOMPARE(KioskFormat::dateLabel(QDate(2026, 12, 16)),
                 QStringLiteral("2026년 12월 16일 (수)"));
        QCOMPARE(KioskFormat::money(90000), QStringLiteral("₩90,000"));
        QCOMPARE(KioskFormat::compactMoney(50000), QStringLiteral("₩5만"));
        QCOMPARE(KioskFormat::compactMoney(15000), QStringLiteral("₩1.5만"));
        QCOMPARE(KioskFormat::compactMoney(1'500'000), QStringLiteral("₩150만"));
        QCOMPARE(KioskFormat::compactMoney(9000), QStringLiteral("₩9,000"));
        QCOMPARE(KioskFormat::waitText(20), QStringLiteral("1분 미만"));
        QCOMPARE(KioskFormat::waitText(400), QStringLiteral("약 7분"));
        QCOMPARE(KioskFormat::waitText(4800), QStringLiteral("약 1시간 20분"));
        QCOMPARE(KioskFormat::seatList({7, 8, 12}), QStringLiteral("7, 8, 12"));
        QCOMPARE(KioskFormat::dateTimeLabel(QDateTime(QDate(2026, 12, 16), QTime(19, 30))),
                 QStringLiteral("2026년 12월 16일 (수) 19:30"));
    }
};

QTEST_GUILESS_MAIN(TestKioskFormat)
#include "tst_kioskformat.moc"
