#include "reservationtablemodel.h"

#include "boxofficeformat.h"

#include <QJsonArray>
#include <QStringList>

ReservationTableModel::ReservationTableModel(QObject *parent)
    : JsonTableModel(parent)
{
    setColumns({
        numberColumn(tr("Reservation"), QStringLiteral("reservationId")),
        numberColumn(tr("Concert"), QStringLiteral("concertId")),
        textColumn(tr("Date"), QStringLiteral("date")),
        {tr("Seats"), QStringLiteral("seatNumbers"),
         [](const QJsonObject &row) {
             QStringList seats;
             for (const QJsonValue &seat : row.value(QLatin1String("seatNumbers")).toArray())
                 seats.append(QString::number(seat.toInt()));
             return seats.join(QStringLiteral(", "));
         }},
        moneyColumn(tr("Amount"), QStringLiteral("amount")),
        textColumn(tr("Status"), QStringLiteral("status")),
        textColumn(tr("Ticket code"), QStringLiteral("ticketCode")),
        numberColumn(tr("Payment"), QStringLiteral("paymentId")),
    });
}
