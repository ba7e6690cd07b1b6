#include "queueroomtablemodel.h"

#include "boxofficeformat.h"

namespace {

QString yesNo(const QJsonObject &row, const char *key)
{
    return row.value(QLatin1String(key)).toBool() ? QueueRoomTableModel::tr("yes")
                                                  : QueueRoomTableModel::tr("no");
}

} // namespace

QueueRoomTableModel::QueueRoomTableModel(QObject *parent)
    : JsonTableModel(parent)
{
    auto seconds = [](const char *key) {
        return [key](const QJsonObject &row) {
            const QJsonValue value = row.value(QLatin1String(key));
            return value.isDouble() ? BoxOfficeFormat::duration(value.toInteger()) : QString();
        };
    };
    setColumns({
        {tr("Room"), QStringLiteral("concertId"),
         [](const QJsonObject &row) {
             const QJsonValue id = row.value(QLatin1String("concertId"));
             return id.isDouble() ? tr("Concert %1").arg(id.toInteger()) : tr("House");
         }},
        numberColumn(tr("Waiting"), QStringLiteral("waiting")),
        numberColumn(tr("Active"), QStringLiteral("active")),
        numberColumn(tr("Capacity"), QStringLiteral("capacity")),
        numberColumn(tr("Admit / min"), QStringLiteral("admitPerMinute")),
        {tr("Paused"), QStringLiteral("paused"),
         [](const QJsonObject &row) {
             return yesNo(row, "paused");
         }},
        {tr("Sold out"), QStringLiteral("soldOut"),
         [](const QJsonObject &row) {
             return yesNo(row, "soldOut");
         }},
        numberColumn(tr("Admitted (1 min)"), QStringLiteral("admittedLastMinute")),
        numberColumn(tr("Abandoned (1 min)"), QStringLiteral("abandonedLastMinute")),
        {tr("Oldest wait"), QStringLiteral("oldestWaitSeconds"), seconds("oldestWaitSeconds"),
         true},
        {tr("Wait at the back"), QStringLiteral("estimatedWaitSecondsAtBack"),
         seconds("estimatedWaitSecondsAtBack"), true},
    });
}

qint64 QueueRoomTableModel::concertIdAt(int row) const
{
    return rowObject(row).value(QLatin1String("concertId")).toInteger();
}

int QueueRoomTableModel::rowOfConcert(qint64 concertId) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (concertIdAt(row) == concertId)
            return row;
    }
    return -1;
}
