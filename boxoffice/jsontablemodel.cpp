#include "jsontablemodel.h"

#include "boxofficeformat.h"

JsonTableModel::JsonTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void JsonTableModel::setColumns(QList<Column> columns)
{
    beginResetModel();
    m_columns = std::move(columns);
    endResetModel();
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    const Column &column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return column.format(row);
    case Qt::UserRole:
        return row.value(column.key).toVariant();
    case RowObjectRole:
        return row;
    case Qt::TextAlignmentRole:
        return column.numeric ? int(Qt::AlignRight | Qt::AlignVCenter)
                              : int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    return m_columns.at(section).header;
}

void JsonTableModel::setRows(const QJsonArray &rows)
{
    beginResetModel();
    m_rows.clear();
    for (const QJsonValue &row : rows) {
        if (row.isObject())
            m_rows.append(row.toObject());
    }
    endResetModel();
}

QJsonObject JsonTableModel::rowObject(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QJsonObject();
}

QString JsonTableModel::text(int row, int column) const
{
    return data(index(row, column), Qt::DisplayRole).toString();
}

JsonTableModel::Column JsonTableModel::textColumn(const QString &header, const QString &key)
{
    return {header, key, [key](const QJsonObject &row) {
                const QJsonValue value = row.value(key);
                return value.isString() ? value.toString() : value.toVariant().toString();
            }};
}

JsonTableModel::Column JsonTableModel::numberColumn(const QString &header, const QString &key)
{
    return {header, key,
            [key](const QJsonObject &row) {
                const QJsonValue value = row.value(key);
                return value.isDouble() ? QString::number(value.toInteger()) : QString();
            },
            true};
}

JsonTableModel::Column JsonTableModel::moneyColumn(const QString &header, const QString &key)
{
    return {header, key,
            [key](const QJsonObject &row) {
                const QJsonValue value = row.value(key);
                return value.isDouble() ? BoxOfficeFormat::money(value.toInteger()) : QString();
            },
            true};
}

JsonTableModel::Column JsonTableModel::timeColumn(const QString &header, const QString &key)
{
    return {header, key, [key](const QJsonObject &row) {
                return BoxOfficeFormat::timestamp(row.value(key).toString());
            }};
}
