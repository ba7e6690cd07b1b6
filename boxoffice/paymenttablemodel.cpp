#include "paymenttablemodel.h"

#include "boxofficeformat.h"

#include <QJsonArray>

PaymentTableModel::PaymentTableModel(QObject *parent)
    : JsonTableModel(parent)
{
    setColumns({
        numberColumn(tr("Payment"), QStringLiteral("paymentId")),
        numberColumn(tr("Reservation"), QStringLiteral("reservationId")),
        moneyColumn(tr("Amount"), QStringLiteral("amount")),
        textColumn(tr("Status"), QStringLiteral("status")),
        timeColumn(tr("Paid at"), QStringLiteral("paidAt")),
    });
}
