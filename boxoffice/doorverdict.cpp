#include "doorverdict.h"

#include "boxofficeformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QStringList>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DoorVerdict", text);
}

} // namespace

DoorVerdict DoorVerdict::fromCheckIn(const QJsonObject &answer)
{
    QStringList seats;
    for (const QJsonValue &seat : answer.value(QLatin1String("seatNumbers")).toArray())
        seats.append(QString::number(seat.toInt()));
    const QString where =
        tr("Concert %1 · %2 · seats %3")
            .arg(answer.value(QLatin1String("concertId")).toInteger())
            .arg(answer.value(QLatin1String("date")).toString(), seats.join(QStringLiteral(", ")));
    DoorVerdict verdict;
    if (answer.value(QLatin1String("firstCheckIn")).toBool()) {
        verdict.light = Light::Green;
        verdict.kind = Kind::FirstEntry;
        verdict.headline = tr("ENTER");
        verdict.detail = tr("First entry. %1").arg(where);
    } else {
        verdict.light = Light::Amber;
        verdict.kind = Kind::AlreadyIn;
        verdict.headline = tr("ALREADY IN");
        verdict.detail = tr("Checked in before, at %1. %2")
                             .arg(BoxOfficeFormat::timestamp(
                                      answer.value(QLatin1String("checkedInAt")).toString()),
                                  where);
    }
    return verdict;
}

DoorVerdict DoorVerdict::fromFailure(const BoxOfficeClient::Failure &failure)
{
    DoorVerdict verdict;
    verdict.light = Light::Red;
    if (failure.is(ErrorCode::TicketCancelled)) {
        verdict.kind = Kind::Cancelled;
        verdict.headline = tr("CANCELLED");
        verdict.detail = tr("This ticket was cancelled and refunded. Do not admit.");
    } else if (failure.is(ErrorCode::TicketInvalid)) {
        verdict.kind = Kind::Forged;
        verdict.headline = tr("NOT A TICKET");
        verdict.detail = tr("The code is forged, altered or unreadable. Do not admit.");
    } else {
        verdict.kind = Kind::Failed;
        verdict.headline = tr("NO ANSWER");
        verdict.detail = tr("The check could not be made (%1: %2). Try again.")
                             .arg(failure.code, failure.message);
    }
    return verdict;
}
