#include "kioskformat.h"

#include "jsonfields.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace KioskFormat {

namespace {

QLocale numberLocale()
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("KioskFormat", text);
}

} // namespace

QString money(qint64 krw)
{
    return tr("₩%1").arg(numberLocale().toString(krw));
}

QString compactMoney(qint64 krw)
{
    const QLocale locale = numberLocale();
    auto scaled = [&](double value, const char *pattern) {
        // One decimal below 10 (₩1.5K), none above (₩50K); never a trailing ".0".
        const int decimals = value < 10 && std::fmod(value, 1.0) >= 0.05 ? 1 : 0;
        return tr(pattern).arg(locale.toString(value, 'f', decimals));
    };
    if (krw >= 1'000'000)
        return scaled(double(krw) / 1'000'000, "₩%1M");
    if (krw >= 1'000)
        return scaled(double(krw) / 1'000, "₩%1K");
    return money(krw);
}

QString dateLabel(QDate date)
{
    if (!date.isValid())
        return {};
    return QLocale().toString(date, QStringLiteral("ddd d MMM yyyy"));
}

QString dateTimeLabel(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    return tr("%1, %2").arg(dateLabel(local.date()),
                            QLocale().toString(local.time(), QStringLiteral("HH:mm")));
}

QString clock(int seconds)
{
    seconds = qMax(0, seconds);
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString waitText(int seconds)
{
    if (seconds < 60)
        return tr("less than a minute");
    const int minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return minutes == 1 ? tr("about 1 minute") : tr("about %1 minutes").arg(minutes);
    return tr("about %1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString seatList(const QList<int> &seatNumbers)
{
    QStringList parts;
    for (int seat : seatNumbers)
        parts << QString::number(seat);
    if (parts.size() <= 1)
        return parts.join(QString());
    const QString last = parts.takeLast();
    return tr("%1 and %2").arg(parts.join(QStringLiteral(", ")), last);
}

} // namespace KioskFormat

Formatter::Formatter(QObject *parent)
    : QObject(parent)
{ }

QString Formatter::dateLabel(const QString &isoDate) const
{
    const std::optional<QDate> date = JsonFields::parseDate(isoDate);
    return date ? KioskFormat::dateLabel(*date) : QString();
}
