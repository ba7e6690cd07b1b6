#pragma once

#include <QDateTime>
#include <QString>

/** @brief How the box office writes money and times for staff. */
namespace BoxOfficeFormat {

/** @brief @p krw as "₩1,234,500" (whole won, grouped by thousands; negative with a minus). */
[[nodiscard]] QString money(qint64 krw);

/**
 * @brief A contract timestamp ("2027-03-01T10:15:30Z") in local time, "2027-03-01 19:15:30";
 * "" for an empty or unreadable value (shown as is).
 */
[[nodiscard]] QString timestamp(const QString &iso);

/** @brief @p seconds as "42 s", "3 min 05 s" or "1 h 02 min"; "—" for a negative value. */
[[nodiscard]] QString duration(qint64 seconds);

} // namespace BoxOfficeFormat
