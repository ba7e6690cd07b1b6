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

// The texts are marked with QT_TRANSLATE_NOOP("KioskFormat", ...) where they stand, so lupdate
// finds them; this translates them in the current language.
QString translated(const char *text, int n = -1)
{
    return QCoreApplication::translate("KioskFormat", text, nullptr, n);
}

bool korean()
{
    return QLocale().language() == QLocale::Korean;
}

} // namespace

QString money(qint64 krw)
{
    return translated(QT_TRANSLATE_NOOP("KioskFormat", "₩%1")).arg(numberLocale().toString(krw));
}

QString compactMoney(qint64 krw)
{
    const QLocale locale = numberLocale();
    if (korean()) {
        // Korean counts in 만 (10,000), not thousands: ₩5만, ₩1.5만, ₩150만; below that in full.
        if (krw < 10'000)
            return money(krw);
        const double man = double(krw) / 10'000;
        const int decimals = man < 10 && std::fmod(man, 1.0) >= 0.05 ? 1 : 0;
        return QStringLiteral("₩%1만").arg(locale.toString(man, 'f', decimals));
    }
    auto scaled = [&](double value, const char *pattern) {
        // One decimal below 10 (₩1.5K), none above (₩50K); never a trailing ".0".
        const int decimals = value < 10 && std::fmod(value, 1.0) >= 0.05 ? 1 : 0;
        return translated(pattern).arg(locale.toString(value, 'f', decimals));
    };
    if (krw >= 1'000'000)
        return scaled(double(krw) / 1'000'000, QT_TRANSLATE_NOOP("KioskFormat", "₩%1M"));
    if (krw >= 1'000)
        return scaled(double(krw) / 1'000, QT_TRANSLATE_NOOP("KioskFormat", "₩%1K"));
    return money(krw);
}

QString dateLabel(QDate date)
{
    if (!date.isValid())
        return {};
    //: QDate format of a concert date: Korean "yyyy년 M월 d일 (ddd)" gives 2026년 12월 16일 (수).
    return QLocale().toString(date, translated(QT_TRANSLATE_NOOP("KioskFormat", "ddd d MMM yyyy")));
}

QString dateTimeLabel(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    return translated(QT_TRANSLATE_NOOP("KioskFormat", "%1, %2"))
        .arg(dateLabel(local.date()), QLocale().toString(local.time(), QStringLiteral("HH:mm")));
}

QString clock(int seconds)
{
    seconds = qMax(0, seconds);
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString waitText(int seconds)
{
    if (seconds < 60)
        return translated(QT_TRANSLATE_NOOP("KioskFormat", "less than a minute"));
    const int minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return translated(QT_TRANSLATE_N_NOOP("KioskFormat", "about %n minute(s)"), minutes);
    return translated(QT_TRANSLATE_NOOP("KioskFormat", "about %1 h %2 min"))
        .arg(minutes / 60)
        .arg(minutes % 60);
}

QString seatList(const QList<int> &seatNumbers)
{
    QStringList parts;
    for (int seat : seatNumbers)
        parts << QString::number(seat);
    if (parts.size() <= 1)
        return parts.join(QString());
    const QString last = parts.takeLast();
    return translated(QT_TRANSLATE_NOOP("KioskFormat", "%1 and %2"))
        .arg(parts.join(QStringLiteral(", ")), last);
}

} // namespace KioskFormat

Formatter::Formatter(QObject *parent)
    : QObject(parent)
{ }

QString Formatter::dateLabel(const QString &isoDate, const QString &language) const
{
    Q_UNUSED(language)
    const std::optional<QDate> date = JsonFields::parseDate(isoDate);
    return date ? KioskFormat::dateLabel(*date) : QString();
}
