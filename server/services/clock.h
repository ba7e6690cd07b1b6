#pragma once

#include <QDateTime>

/**
 * @brief The one clock for every time rule of the server: token and hold expiry, admission,
 * sweeps. Values are UTC with millisecond precision.
 *
 * Tests never edit time; they shorten the durations with options (`--hold-ttl-seconds`,
 * `--active-ttl-seconds`, `--queue-tick-ms`, operations-contract.md). Several instances on one
 * machine share the system clock; across machines the operator keeps clocks in sync (NTP).
 */
class Clock
{
public:
    /** @brief Now, UTC. */
    [[nodiscard]] static QDateTime now() { return QDateTime::currentDateTimeUtc(); }

    /**
     * @brief @p from + @p seconds, rounded up to a whole second, so that a deadline the contract
     * shows with second precision (`heldUntil`, `expiresAt`) is never earlier than promised.
     */
    [[nodiscard]] static QDateTime deadline(const QDateTime &from, qint64 seconds)
    {
        const qint64 ms = from.toMSecsSinceEpoch() + seconds * 1000;
        const qint64 rounded = ((ms + 999) / 1000) * 1000;
        return QDateTime::fromMSecsSinceEpoch(rounded, Qt::UTC);
    }
};
