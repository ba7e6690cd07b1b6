#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

/**
 * @brief The options of concert-kiosk (operations-contract.md, "concert-kiosk options").
 */
struct KioskOptions
{
    /** @brief Base URL of concert-server: http or https with a host. */
    QUrl server = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    /** @brief Kiosk mode: full screen without a window frame. */
    bool fullscreen = false;
    /** @brief Seconds without input before the kiosk returns to the start screen, 1..86400. */
    int idleTimeoutSeconds = 120;
    /** @brief "ko" or "en"; empty = from the system locale (Korean when it is Korean). */
    QString language;
    /**
     * @brief A TERMINAL key (`--api-key K`), sent as `X-Api-Key` on top-ups so that a server
     * with `--charges key` accepts them (operations-contract.md, "Additions"); empty = none.
     */
    QString apiKey;
    /**
     * @brief False with `--no-push`: follow the queue by polling `GET /queue/status` only,
     * never the push stream (for networks that block WebSockets, and for tests).
     */
    bool push = true;
    /** @brief --help was given: print helpText and exit 0. */
    bool helpRequested = false;
    QString helpText;

    /**
     * @brief Parses @p arguments (program name first, Qt's own options already removed).
     * Returns std::nullopt and a one-line message naming the option in @p error for an unknown
     * option or a bad value.
     */
    static std::optional<KioskOptions> parse(const QStringList &arguments, QString *error);
};
