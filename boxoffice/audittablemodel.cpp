#include "audittablemodel.h"

#include "boxofficeformat.h"

#include <QJsonArray>
#include <QJsonDocument>

AuditTableModel::AuditTableModel(QObject *parent)
    : JsonTableModel(parent)
{
    setColumns({
        timeColumn(tr("Time"), QStringLiteral("at")),
        textColumn(tr("Key"), QStringLiteral("keyName")),
        textColumn(tr("Action"), QStringLiteral("action")),
        textColumn(tr("Target"), QStringLiteral("target")),
        {tr("Detail"), QStringLiteral("detail"),
         [](const QJsonObject &row) {
             const QJsonValue detail = row.value(QLatin1String("detail"));
             if (detail.isObject())
                 return QString::fromUtf8(
                     QJsonDocument(detail.toObject()).toJson(QJsonDocument::Compact));
             if (detail.isArray())
                 return QString::fromUtf8(
                     QJsonDocument(detail.toArray()).toJson(QJsonDocument::Compact));
             return detail.toVariant().toString();
         }},
    });
}
