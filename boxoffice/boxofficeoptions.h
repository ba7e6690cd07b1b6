#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

/**
 * @brief The options of concert-boxoffice (operations-contract.md, "Additions"):
 * `--server URL`, `--api-key K`, `--language ko|en`.
 */
struct BoxOfficeOptions
{
    /** @brief Base URL of concert-server (http or https with a host); empty: the saved one. */
    QUrl server;
    /** @brief The staff key; empty: the one saved with QSettings, if any. */
    QString apiKey;
    /** @brief "ko" or "en"; empty: the system's language. */
    QString language;
    /** @brief --help was given: print helpText and exit 0. */
    bool helpRequested = false;
    QString helpText;

    /**
     * @brief Parses @p arguments (program name first). Returns std::nullopt and a one-line
     * message naming the option in @p error for an unknown option or a bad value.
     */
    static std::optional<BoxOfficeOptions> parse(const QStringList &arguments, QString *error);
};
