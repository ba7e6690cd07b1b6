#pragma once

#include "apidriver.h"
#include "httpclient.h"
#include "mariadbinstance.h"
#include "serverprocess.h"

#include <QDate>
#include <QTest>

#include <memory>

/**
 * @brief What the end-to-end suites share: one private MariaDB per test process, and helpers
 * to start real concert-server processes on their own database of it.
 */
class E2eFixture
{
public:
    static constexpr const char *kAdminKey = "test-admin-key";

    bool startDatabase()
    {
        m_db = std::make_unique<MariaDbInstance>();
        if (!m_db->start()) {
            qWarning("%s", qPrintable(m_db->errorString()));
            return false;
        }
        return true;
    }

    MariaDbInstance &db() { return *m_db; }

    /** @brief Creates database @p name (empty) in the private MariaDB. */
    bool createDatabase(const QString &name)
    {
        return !m_db->executeIn(
                        QStringLiteral("mysql"),
                        QStringLiteral("DROP DATABASE IF EXISTS `%1`; CREATE DATABASE `%1`;")
                            .arg(name))
                    .isNull();
    }

    /** @brief Options that point a server at database @p name. */
    QStringList dbArgs(const QString &name) const
    {
        return {QStringLiteral("--db-socket"), m_db->socketPath(),
                QStringLiteral("--db-name"),   name,
                QStringLiteral("--db-user"),   QStringLiteral("concert")};
    }

    /** @brief Starts a server on database @p name with @p extra options; nullptr on failure. */
    std::unique_ptr<ServerProcess> startServer(const QString &name, const QStringList &extra = {})
    {
        auto server = std::make_unique<ServerProcess>();
        if (!server->start(dbArgs(name) + extra))
            return nullptr;
        return server;
    }

    /** @brief Runs @p sql against database @p name; the first column of the first row. */
    qint64 scalarIn(const QString &name, const QString &sql)
    {
        return m_db->scalar(QStringLiteral("USE `%1`; %2").arg(name, sql));
    }

    static QString day(int offset)
    {
        return QDateTime::currentDateTimeUtc().date().addDays(offset).toString(Qt::ISODate);
    }

private:
    std::unique_ptr<MariaDbInstance> m_db;
};
