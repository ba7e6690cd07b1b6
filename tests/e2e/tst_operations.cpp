// The operations contract (operations-contract.md): options and their sources, the
// `listening on` line, exit status 2, 503 while the database is away and recovery after,
// graceful SIGTERM, and two instances starting at once on an empty database.
#include "e2efixture.h"

#include "testports.h"
#include <QDir>

#include <QDir>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTemporaryFile>

class tst_Operations : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run runServer(const QStringList &arguments,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(ServerProcess::defaultProgram(), arguments);
        Run run;
        if (!process.waitForFinished(15000)) {
            process.kill();
            process.waitForFinished();
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = process.readAllStandardOutput();
        run.err = process.readAllStandardError();
        return run;
    }
    static QStringList concertsOf(const QUrl &base)
    {
        HttpClient client(base);
        QStringList titles;
        for (const QJsonValue &c : client.get(QStringLiteral("/api/v1/concerts?size=100"))
                                       .json.value(QLatin1String("items"))
                                       .toArray())
            titles << c.toObject().value(QLatin1String("title")).toString();
        return titles;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fx.startDatabase()); }

    void badOptionsExitWithStatusTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::addRow("port out of range") << QStringList{"--port", "70000"} << "--port";
        QTest::addRow("port not a number") << QStringList{"--port", "http"} << "--port";
        QTest::addRow("capacity 0") << QStringList{"--queue-capacity", "0"} << "--queue-capacity";
        QTest::addRow("tick not a number")
            << QStringList{"--queue-tick-ms", "fast"} << "--queue-tick-ms";
        QTest::addRow("hold ttl negative")
            << QStringList{"--hold-ttl-seconds", "-5"} << "--hold-ttl-seconds";
        QTest::addRow("active ttl 0")
            << QStringList{"--active-ttl-seconds", "0"} << "--active-ttl-seconds";
        QTest::addRow("bind not an address") << QStringList{"--bind", "nowhere"} << "--bind";
        QTest::addRow("unknown option") << QStringList{"--no-such-option"} << "no-such-option";
        QTest::addRow("missing value") << QStringList{"--port"} << "port";
        QTest::addRow("unreadable config")
            << QStringList{"--config", "/nonexistent/concert.ini"} << "--config";
        QTest::addRow("stray argument") << QStringList{"serve"} << "serve";
    }
    void badOptionsExitWithStatusTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        const Run run = runServer(arguments);
        QCOMPARE(run.exitCode, 2);
        const QString err = QString::fromLocal8Bit(run.err).trimmed();
        QVERIFY2(!err.contains(u'\n'), qPrintable(err));
        QVERIFY2(err.contains(named), qPrintable(err));
        QVERIFY(run.out.isEmpty());
    }

    void badValueFromEnvironmentOrFileExitsWithTwo()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONCERT_QUEUE_CAPACITY"), QStringLiteral("many"));
        Run run = runServer({}, env);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--queue-capacity"));

        QTemporaryFile ini;
        QVERIFY(ini.open());
        ini.write("port=99999\n");
        ini.close();
        run = runServer({QStringLiteral("--config"), ini.fileName()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("--port"));
    }

    void helpExitsWithZero()
    {
        const Run run = runServer({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *option :
             {"--bind", "--port", "--db-host", "--db-port", "--db-socket", "--db-name", "--db-user",
              "--db-password", "--admin-key", "--queue-capacity", "--queue-tick-ms",
              "--active-ttl-seconds", "--hold-ttl-seconds", "--demo-data", "--config"})
            QVERIFY2(run.out.contains(option), option);
    }

    void listeningLineHasTheRealPort()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("listen")));
        auto server = m_fx.startServer(QStringLiteral("listen"));
        QVERIFY(server);
        QVERIFY(server->port() > 0);
        QVERIFY(server->standardOutput().startsWith("listening on http://127.0.0.1:"
                                                    + QByteArray::number(server->port())));
        QCOMPARE(HttpClient(server->baseUrl()).get(QStringLiteral("/api/v1/health")).status, 200);
    }

    void optionsComeFromFileEnvironmentAndCommandLine()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("sources")));
        // The file gives the database and an admin key; the environment overrides the key;
        // the command line overrides the environment.
        QTemporaryFile ini;
        QVERIFY(ini.open());
        ini.write(
            QStringLiteral(
                "db-socket=%1\ndb-name=sources\ndb-user=concert\nadmin-key=from-file\nport=0\n")
                .arg(m_fx.db().socketPath())
                .toUtf8());
        ini.close();
        auto adminWorks = [](const QUrl &base, const QByteArray &key) {
            HttpClient client(base);
            return client
                       .post(QStringLiteral("/api/v1/admin/concerts"),
                             QJsonObject{{QStringLiteral("title"), QStringLiteral("t")},
                                         {QStringLiteral("venue"), QStringLiteral("v")},
                                         {QStringLiteral("dates"),
                                          QJsonArray{QJsonObject{
                                              {QStringLiteral("date"), E2eFixture::day(5)},
                                              {QStringLiteral("price"), 1}}}}},
                             {{"X-Admin-Key", key}})
                       .status
                == 201;
        };
        {
            ServerProcess server;
            QVERIFY(server.start({QStringLiteral("--config"), ini.fileName()}));
            QVERIFY(adminWorks(server.baseUrl(), "from-file"));
        }
        qputenv("CONCERT_ADMIN_KEY", "from-env");
        {
            ServerProcess server;
            QVERIFY(server.start({QStringLiteral("--config"), ini.fileName()}));
            QVERIFY(adminWorks(server.baseUrl(), "from-env"));
            QVERIFY(!adminWorks(server.baseUrl(), "from-file"));
        }
        {
            ServerProcess server;
            QVERIFY(server.start({QStringLiteral("--config"), ini.fileName(),
                                  QStringLiteral("--admin-key"), QStringLiteral("from-cli")}));
            QVERIFY(adminWorks(server.baseUrl(), "from-cli"));
            QVERIFY(!adminWorks(server.baseUrl(), "from-env"));
        }
        qunsetenv("CONCERT_ADMIN_KEY");
    }

    void twoInstancesStartAtOnceOnAnEmptyDatabase()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("twostart")));
        const QStringList args = m_fx.dbArgs(QStringLiteral("twostart"))
            + QStringList{QStringLiteral("--demo-data"), QStringLiteral("--port"),
                          QStringLiteral("0"), QStringLiteral("--bind"),
                          QStringLiteral("127.0.0.1")};
        // Start both processes before waiting for either.
        QProcess a, b;
        a.start(ServerProcess::defaultProgram(), args);
        b.start(ServerProcess::defaultProgram(), args);
        QVERIFY(a.waitForStarted() && b.waitForStarted());
        QByteArray outA, outB;
        QTRY_VERIFY_WITH_TIMEOUT((outA += a.readAllStandardOutput(),
                                  outB += b.readAllStandardOutput(),
                                  outA.contains("listening on") && outB.contains("listening on")),
                                 30000);
        const QUrl baseA(QString::fromUtf8(outA.mid(outA.indexOf("http://")).trimmed()));
        const QUrl baseB(QString::fromUtf8(outB.mid(outB.indexOf("http://")).trimmed()));
        QCOMPARE(HttpClient(baseA).get(QStringLiteral("/api/v1/health")).status, 200);
        QCOMPARE(HttpClient(baseB).get(QStringLiteral("/api/v1/health")).status, 200);
        // Every migration applied once, by one of them.
        const qint64 migrations =
            QDir(QStringLiteral(CONCERT_MIGRATIONS_DIR), QStringLiteral("*.sql")).count();
        QVERIFY(migrations >= 1);
        QCOMPARE(m_fx.scalarIn(QStringLiteral("twostart"),
                               QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 migrations);
        // The demo catalogue exists once, not twice.
        QCOMPARE(concertsOf(baseA).size(), 3);
        QCOMPARE(concertsOf(baseB), concertsOf(baseA));
        a.kill();
        b.kill();
        a.waitForFinished();
        b.waitForFinished();
    }

    void twoInstancesShareOnePortWithReusePort()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("shared")));
        const int port = TestPorts::freeTcpPort();
        const QStringList options{QStringLiteral("--reuse-port"), QStringLiteral("--port"),
                                  QString::number(port)};
        auto a = m_fx.startServer(QStringLiteral("shared"), options);
        auto b = m_fx.startServer(QStringLiteral("shared"), options);
        QVERIFY(a && b);
        QCOMPARE(a->port(), port);
        QCOMPARE(b->port(), port);
        // Without the option a second instance cannot bind the same port.
        ServerProcess third;
        QVERIFY(!third.start(m_fx.dbArgs(QStringLiteral("shared"))
                                 + QStringList{QStringLiteral("--port"), QString::number(port)},
                             10000));
        a->kill(); // b keeps serving the port alone
        QTRY_COMPARE_WITH_TIMEOUT(
            HttpClient(b->baseUrl()).get(QStringLiteral("/api/v1/health")).status, 200, 5000);
    }

    void idleConnectionsAreClosed()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("idle")));
        auto server = m_fx.startServer(
            QStringLiteral("idle"), {QStringLiteral("--keep-alive-seconds"), QStringLiteral("1")});
        QVERIFY(server);
        QTcpSocket idle;
        idle.connectToHost(QStringLiteral("127.0.0.1"), quint16(server->port()));
        QVERIFY(idle.waitForConnected(5000));
        QTcpSocket busy;
        busy.connectToHost(QStringLiteral("127.0.0.1"), quint16(server->port()));
        QVERIFY(busy.waitForConnected(5000));
        busy.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(busy.waitForReadyRead(5000));
        QVERIFY(busy.readAll().startsWith("HTTP/1.1 200"));
        // Both fall silent; the server hangs up on both after about a second.
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(busy.state(), QAbstractSocket::UnconnectedState, 5000);
    }

    void sigtermFinishesRequestsInFlightAndExitsZero()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("sigterm")));
        auto server = m_fx.startServer(QStringLiteral("sigterm"));
        QVERIFY(server);
        const QString user = ApiDriver::newUserId();
        // Twenty charges on open connections, then SIGTERM before reading any answer.
        QList<QTcpSocket *> sockets;
        const QByteArray body = "{\"amount\":100}";
        for (int i = 0; i < 20; ++i) {
            auto *socket = new QTcpSocket(this);
            socket->connectToHost(QStringLiteral("127.0.0.1"), quint16(server->port()));
            QVERIFY(socket->waitForConnected(5000));
            socket->write("POST /api/v1/users/" + user.toLatin1()
                          + "/balance/charge HTTP/1.1\r\nHost: x\r\n"
                            "Content-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            QVERIFY(socket->waitForBytesWritten(5000));
            sockets << socket;
        }
        // Wait until the server has taken them all in (each becomes a ledger row or is in flight).
        QTRY_VERIFY_WITH_TIMEOUT(
            m_fx.scalarIn(QStringLiteral("sigterm"),
                          QStringLiteral("SELECT COUNT(*) FROM balance_ledger"))
                >= 1,
            10000);
        QCOMPARE(server->terminate(), 0);
        int answered = 0;
        for (QTcpSocket *socket : sockets) {
            socket->waitForReadyRead(2000);
            const QByteArray reply = socket->readAll();
            if (!reply.isEmpty()) {
                QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());
                ++answered;
            }
            delete socket;
        }
        // Every charge the server applied was answered.
        QCOMPARE(m_fx.scalarIn(QStringLiteral("sigterm"),
                               QStringLiteral("SELECT COUNT(*) FROM balance_ledger")),
                 qint64(answered));
        QVERIFY(answered >= 1);
    }

    void databaseOutageAnswers503AndRecovers()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("outage")));
        auto server = m_fx.startServer(QStringLiteral("outage"),
                                       {QStringLiteral("--queue-tick-ms"), QStringLiteral("100")});
        QVERIFY(server);
        HttpClient client(server->baseUrl());
        ApiDriver api(client);
        const QString user = ApiDriver::newUserId();
        QCOMPARE(api.charge(user, 1000).status, 200);

        m_fx.db().kill();
        QTRY_COMPARE_WITH_TIMEOUT(client.get(QStringLiteral("/api/v1/health")).status, 503, 10000);
        const HttpReply during = api.charge(user, 1000);
        QCOMPARE(during.status, 503);
        QCOMPARE(during.errorCode(), QStringLiteral("UNAVAILABLE"));
        QCOMPARE(api.issueToken(ApiDriver::newUserId()).status, 503);
        QVERIFY(server->isRunning());

        QVERIFY(m_fx.db().restart());
        QTRY_COMPARE_WITH_TIMEOUT(client.get(QStringLiteral("/api/v1/health")).status, 200, 20000);
        // (QTRY_* evaluate their expression more than once: only side-effect-free ones there.)
        QTRY_COMPARE_WITH_TIMEOUT(
            client.get(QStringLiteral("/api/v1/users/%1/balance").arg(user)).status, 200, 10000);
        QCOMPARE(api.charge(user, 1000).status, 200);
        QCOMPARE(api.balance(user), 2000);
        // The queue works again too.
        const QString token =
            api.issueToken(ApiDriver::newUserId()).json.value(QLatin1String("token")).toString();
        QVERIFY(api.waitForStatus(token, QStringLiteral("ACTIVE")));
    }

    void startsWithoutADatabaseAndServesOnceItComes()
    {
        // Run last: it stops the shared MariaDB for a while.
        QVERIFY(m_fx.createDatabase(QStringLiteral("late")));
        m_fx.db().stop();
        ServerProcess server;
        QVERIFY(server.start(m_fx.dbArgs(QStringLiteral("late"))
                             + QStringList{QStringLiteral("--demo-data")}));
        HttpClient client(server.baseUrl());
        QCOMPARE(client.get(QStringLiteral("/api/v1/health")).status, 503);
        QCOMPARE(client.get(QStringLiteral("/api/v1/concerts")).errorCode(),
                 QStringLiteral("UNAVAILABLE"));
        QVERIFY(m_fx.db().restart());
        QTRY_COMPARE_WITH_TIMEOUT(client.get(QStringLiteral("/api/v1/health")).status, 200, 20000);
        QCOMPARE(concertsOf(server.baseUrl()).size(), 3);
    }
};

QTEST_GUILESS_MAIN(tst_Operations)
#include "tst_operations.moc"
