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
/** @brief Short form for seat tiles: "₩50K", "₩1.5K", "₩1.2M", "₩900"; in Korean in 만
 * (10,000): "₩5만", "₩1.5만", "₩150만", "₩9,000". */
[[nodiscard]] QString compactMoney(qint64 krw);
/** @brief "Sat 1 Mar 2027"; in Korean "2027년 3월 1일 (토)". */
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

/**
 * @brief KioskFormat for QML, as the singleton `Format`.
 *
 * Every function takes an optional last argument, the language code the text is for
 * (`Format.dateLabel(date, Language.code)`): KioskFormat always writes in the current language
 * (Language sets the default QLocale and the translator), and passing Language.code makes a
 * QML binding depend on it, so the text is written again when the customer switches language.
 */
class Formatter : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Format)
    QML_SINGLETON

public:
    explicit Formatter(QObject *parent = nullptr);

    Q_INVOKABLE QString money(qint64 krw, const QString &language = {}) const
    {
        Q_UNUSED(language)
        return KioskFormat::money(krw);
    }
    Q_INVOKABLE QString compactMoney(qint64 krw, const QString &language = {}) const
    {
        Q_UNUSED(language)
        return KioskFormat::compactMoney(krw);
    }
    /** @brief @p isoDate is "YYYY-MM-DD"; an invalid date gives "". */
    Q_INVOKABLE QString dateLabel(const QString &isoDate, const QString &language = {}) const;
    Q_INVOKABLE QString dateTimeLabel(const QDateTime &when, const QString &language = {}) const
    {
        Q_UNUSED(language)
        return KioskFormat::dateTimeLabel(when);
    }
    Q_INVOKABLE QString clock(int seconds) const { return KioskFormat::clock(seconds); }
    Q_INVOKABLE QString waitText(int seconds, const QString &language = {}) const
    {
        Q_UNUSED(language)
        return KioskFormat::waitText(seconds);
    }
    Q_INVOKABLE QString seatList(const QList<int> &seatNumbers, const QString &language = {}) const
    {
        Q_UNUSED(language)
        return KioskFormat::seatList(seatNumbers);
    }
};
