// Ticket codes (api-contract.md, "Reservations: release, history": "an opaque signed string
// ... it cannot be forged or altered"): what TicketSigner accepts and refuses.
#include "services/ticketsigner.h"
#include "services/tokensigner.h"

#include <QTest>

class tst_TicketSigner : public QObject
{
    Q_OBJECT

private:
    const QByteArray m_key = QByteArray(32, 'k');

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<qint64>("reservationId");
        QTest::addRow("the first reservation") << qint64(1);
        QTest::addRow("a typical id") << qint64(123456);
        QTest::addRow("the largest id") << std::numeric_limits<qint64>::max();
    }
    void roundTrip()
    {
        QFETCH(qint64, reservationId);
        const TicketSigner signer(m_key);
        const QString code = signer.sign(reservationId);
        QVERIFY(code.startsWith(QLatin1String("t1.")));
        QCOMPARE(code.size(), 37);
        QCOMPARE(signer.verify(code.toLatin1()), std::optional<qint64>(reservationId));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("code");
        const QByteArray good = TicketSigner(m_key).sign(42).toLatin1();
        QByteArray flipped = good;
        flipped[flipped.size() - 3] = flipped.at(flipped.size() - 3) == 'A' ? 'B' : 'A';
        QByteArray otherId = good;
        otherId[5] = otherId.at(5) == 'A' ? 'B' : 'A';
        QTest::addRow("one signature character changed") << flipped;
        QTest::addRow("one payload character changed") << otherId;
        QTest::addRow("signed with another key")
            << TicketSigner(QByteArray(32, 'x')).sign(42).toLatin1();
        QTest::addRow("truncated") << good.left(good.size() - 1);
        QTest::addRow("padding added") << good + "=";
        QTest::addRow("no signature") << good.left(good.lastIndexOf('.'));
        QTest::addRow("other version") << "t2" + good.mid(2);
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("prefix only") << QByteArray("t1.");
        QTest::addRow("a queue token")
            << TokenSigner(m_key)
                   .sign(42, QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e"))
                   .toLatin1();
        QTest::addRow("very long") << QByteArray(10'000, 'a');
    }
    void refused()
    {
        QFETCH(QByteArray, code);
        QCOMPARE(TicketSigner(m_key).verify(code), std::nullopt);
    }

    void noKeyVerifiesNothing()
    {
        const QString code = TicketSigner(m_key).sign(7);
        QCOMPARE(TicketSigner().verify(code.toLatin1()), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(tst_TicketSigner)
#include "tst_ticketsigner.moc"
