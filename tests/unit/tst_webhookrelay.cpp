// The pure parts of webhook delivery (api-contract.md "Events for third parties (webhooks)"):
// the Standard Webhooks signature, the retry schedule, secrets and subscription input.
#include "data/outboxrepository.h"
#include "services/webhookrelay.h"
#include "services/webhookservice.h"

#include <QJsonArray>
#include <QTest>

class tst_WebhookRelay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signatureMatchesTheStandardWebhooksExample()
    {
        // The reference example of the Standard Webhooks specification.
        QCOMPARE(WebhookRelay::signature(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                                         QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek"), 1614265330,
                                         QByteArray(R"({"test": 2432232314})")),
                 QByteArray("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    void signatureCoversIdTimestampAndBody()
    {
        const QString secret = WebhookService::newSecret();
        const QByteArray base = WebhookRelay::signature(secret, QStringLiteral("a"), 1, "{}");
        QVERIFY(base != WebhookRelay::signature(secret, QStringLiteral("b"), 1, "{}"));
        QVERIFY(base != WebhookRelay::signature(secret, QStringLiteral("a"), 2, "{}"));
        QVERIFY(base != WebhookRelay::signature(secret, QStringLiteral("a"), 1, "{ }"));
        QVERIFY(
            base
            != WebhookRelay::signature(WebhookService::newSecret(), QStringLiteral("a"), 1, "{}"));
    }

    void secretsAreRandom32ByteKeys()
    {
        const QString a = WebhookService::newSecret();
        QVERIFY(a.startsWith(QLatin1String("whsec_")));
        QCOMPARE(QByteArray::fromBase64(a.mid(6).toLatin1()).size(), 32);
        QVERIFY(a != WebhookService::newSecret());
    }

    void retryScheduleIsTheContracts_data()
    {
        QTest::addColumn<double>("scale");
        QTest::addColumn<QList<qint64>>("delaysMs");
        QTest::addRow("scale 1: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h")
            << 1.0 << QList<qint64>{5'000,      300'000,    1'800'000, 7'200'000,
                                    18'000'000, 36'000'000, 36'000'000};
        QTest::addRow("scale 0.001")
            << 0.001 << QList<qint64>{5, 300, 1'800, 7'200, 18'000, 36'000, 36'000};
        QTest::addRow("scale 0.0001 never below 1 ms")
            << 0.0001 << QList<qint64>{1, 30, 180, 720, 1'800, 3'600, 3'600};
    }
    void retryScheduleIsTheContracts()
    {
        QFETCH(double, scale);
        QFETCH(QList<qint64>, delaysMs);
        for (int attempt = 1; attempt <= 7; ++attempt)
            QCOMPARE(WebhookRelay::retryDelayMs(attempt, scale).value_or(-1),
                     delaysMs.at(attempt - 1));
        QVERIFY(!WebhookRelay::retryDelayMs(8, scale)); // the 8th failure is final
    }

    void subscriptionInput_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<bool>("ok");
        const QJsonArray paid{"payment.completed"};
        auto body = [](const QJsonValue &url, const QJsonValue &events) {
            return QJsonObject{{QStringLiteral("url"), url}, {QStringLiteral("events"), events}};
        };
        QTest::addRow("https URL, one type") << body("https://a.example/x", paid) << true;
        QTest::addRow("http URL with port") << body("http://127.0.0.1:9000/in", paid) << true;
        QTest::addRow("every type")
            << body("https://a.example", QJsonArray::fromStringList(outboxEventTypeNames()))
            << true;
        QTest::addRow("ftp URL") << body("ftp://a.example/x", paid) << false;
        QTest::addRow("no host") << body("http:///x", paid) << false;
        QTest::addRow("relative URL") << body("/hooks", paid) << false;
        QTest::addRow("URL with a space") << body("https://a.example/a b", paid) << false;
        QTest::addRow("URL not a string") << body(42, paid) << false;
        QTest::addRow("URL over 2048")
            << body("https://a.example/" + QString(2040, u'a'), paid) << false;
        QTest::addRow("unknown type")
            << body("https://a.example", QJsonArray{"payment.failed"}) << false;
        QTest::addRow("no types") << body("https://a.example", QJsonArray{}) << false;
        QTest::addRow("types not a list")
            << body("https://a.example", "payment.completed") << false;
        QTest::addRow("a type not a string") << body("https://a.example", QJsonArray{1}) << false;
    }
    void subscriptionInput()
    {
        QFETCH(QJsonObject, body);
        QFETCH(bool, ok);
        QString why;
        const auto parsed = WebhookSubscription::fromJson(body, &why);
        QCOMPARE(bool(parsed), ok);
        QCOMPARE(why.isEmpty(), ok);
    }

    void repeatedTypesAreFolded()
    {
        const auto parsed = WebhookSubscription::fromJson(QJsonObject{
            {QStringLiteral("url"), QStringLiteral("https://a.example")},
            {QStringLiteral("events"), QJsonArray{"reservation.held", "reservation.held"}}});
        QVERIFY(parsed);
        QCOMPARE(parsed->events, QStringList{QStringLiteral("reservation.held")});
    }

    void eventTypeNamesRoundTrip()
    {
        QCOMPARE(outboxEventTypeNames().size(), 5);
        for (const QString &name : outboxEventTypeNames())
            QCOMPARE(outboxEventTypeName(*outboxEventTypeFromName(name)), name);
        QVERIFY(!outboxEventTypeFromName(u"payment.refunded"));
    }
};

QTEST_GUILESS_MAIN(tst_WebhookRelay)
#include "tst_webhookrelay.moc"
