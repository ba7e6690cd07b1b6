#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

/**
 * @brief How the kiosk writes money, dates and durations (translatable, one place).
 * Money is whole KRW; negative amounts never occur in the kiosk and are written with a minus.
 */
namespace KioskFormat {

/** @brief "₩50,000". */
[[nodiscard]] QString money(qint64 krw);
/** @brief Short form for seat tiles: "₩50K", "₩1.5K", "₩1.2M", "₩900". */
[[nodiscard]] QString compactMoney(qint64 krw);
/** @brief "Sat 1 Mar 2027". */
[[nodiscard]] QString dateLabel(QDate date);
/** @brief "Sat 1 Mar 2027, 10:15" in the kiosk's local time. */
[[nodiscard]] QString dateTimeLabel(const QDateTime &when);
/** @brief A countdown: "4:05", "0:09"; negative counts as 0. */
[[nodiscard]] QString clock(int seconds);
/** @brief An estimated wait: "less than a minute", "about 3 minutes", "about 1 h 20 min". */
[[nodiscard]] QString waitText(int seconds);
/** @brief Seat numbers for people: "7, 8 and 12". */
[[nodiscard]] QString seatList(const QList<int> &seatNumbers);

} // namespace KioskFormat

/** @brief KioskFormat for QML, as the singleton `Format`. */
class Formatter : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Format)
    QML_SINGLETON

public:
    explicit Formatter(QObject *parent = nullptr);

    Q_INVOKABLE QString money(qint64 krw) const { return KioskFormat::money(krw); }
    Q_INVOKABLE QString compactMoney(qint64 krw) const { return KioskFormat::compactMoney(krw); }
    /** @brief @p isoDate is "YYYY-MM-DD"; an invalid date gives "". */
    Q_INVOKABLE QString dateLabel(const QString &isoDate) const;
    Q_INVOKABLE QString dateTimeLabel(const QDateTime &when) const
    {
        return KioskFormat::dateTimeLabel(when);
    }
    Q_INVOKABLE QString clock(int seconds) const { return KioskFormat::clock(seconds); }
    Q_INVOKABLE QString waitText(int seconds) const { return KioskFormat::waitText(seconds); }
    Q_INVOKABLE QString seatList(const QList<int> &seatNumbers) const
    {
        return KioskFormat::seatList(seatNumbers);
    }
};
