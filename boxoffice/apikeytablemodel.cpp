#include "apikeytablemodel.h"

#include "boxofficeformat.h"

#include <QJsonArray>

ApiKeyTableModel::ApiKeyTableModel(QObject *parent)
    : JsonTableModel(parent)
{
    setColumns({
        numberColumn(tr("ID"), QStringLiteral("id")),
        textColumn(tr("Name"), QStringLiteral("name")),
        textColumn(tr("Role"), QStringLiteral("role")),
        textColumn(tr("Prefix"), QStringLiteral("prefix")),
        timeColumn(tr("Created"), QStringLiteral("createdAt")),
        timeColumn(tr("Revoked"), QStringLiteral("revokedAt")),
    });
}
