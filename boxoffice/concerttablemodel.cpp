#include "concerttablemodel.h"

#include "boxofficeformat.h"

#include <QJsonArray>

ConcertTableModel::ConcertTableModel(QObject *parent)
    : JsonTableModel(parent)
{
    setColumns({
        numberColumn(tr("ID"), QStringLiteral("id")),
        textColumn(tr("Title"), QStringLiteral("title")),
        textColumn(tr("Venue"), QStringLiteral("venue")),
    });
}
