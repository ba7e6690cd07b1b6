#include "datepricetablemodel.h"

#include "boxofficeformat.h"
#include "concert.h"

#include <QJsonObject>

#include <algorithm>

DatePriceTableModel::DatePriceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int DatePriceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DatePriceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 3;
}

QVariant DatePriceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == 1 ? int(Qt::AlignRight | Qt::AlignVCenter)
                                   : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::EditRole && index.column() == 1)
        return row.price;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0:
        return row.date.toString(Qt::ISODate);
    case 1:
        return BoxOfficeFormat::money(row.price);
    default:
        if (row.savedPrice < 0)
            return tr("new");
        return row.savedPrice != row.price ? tr("changed") : QString();
    }
}

QVariant DatePriceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case 0:
        return tr("Date");
    case 1:
        return tr("Price");
    default:
        return tr("State");
    }
}

Qt::ItemFlags DatePriceTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == 1)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool DatePriceTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.column() != 1)
        return false;
    bool ok = false;
    const qint64 price = value.toLongLong(&ok);
    if (!ok || price < 0 || price > kMaxPrice)
        return false;
    m_rows[index.row()].price = price;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), 2));
    return true;
}

void DatePriceTableModel::setSaved(const QJsonArray &dates)
{
    beginResetModel();
    m_rows.clear();
    for (const QJsonValue &value : dates) {
        const QJsonObject date = value.toObject();
        Row row;
        row.date = QDate::fromString(date.value(QLatin1String("date")).toString(), Qt::ISODate);
        row.price = date.value(QLatin1String("price")).toInteger();
        row.savedPrice = row.price;
        if (row.date.isValid())
            m_rows.append(row);
    }
    std::sort(m_rows.begin(), m_rows.end(),
              [](const Row &a, const Row &b) { return a.date < b.date; });
    endResetModel();
}

void DatePriceTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

bool DatePriceTableModel::addDate(const QDate &date, qint64 price)
{
    if (!date.isValid() || price < 0 || price > kMaxPrice)
        return false;
    const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), date,
                                     [](const Row &row, const QDate &d) { return row.date < d; });
    if (at != m_rows.cend() && at->date == date)
        return false;
    const int row = int(at - m_rows.cbegin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, Row{date, price, -1});
    endInsertRows();
    return true;
}

bool DatePriceTableModel::removeNewDate(int row)
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).savedPrice >= 0)
        return false;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    return true;
}

QJsonArray DatePriceTableModel::toJson(const QList<Row> &rows)
{
    QJsonArray dates;
    for (const Row &row : rows)
        dates.append(QJsonObject{{QStringLiteral("date"), row.date.toString(Qt::ISODate)},
                                 {QStringLiteral("price"), row.price}});
    return dates;
}

QJsonArray DatePriceTableModel::allDates() const
{
    return toJson(m_rows);
}

QJsonArray DatePriceTableModel::newDates() const
{
    QList<Row> rows;
    std::copy_if(m_rows.cbegin(), m_rows.cend(), std::back_inserter(rows),
                 [](const Row &row) { return row.savedPrice < 0; });
    return toJson(rows);
}

QJsonArray DatePriceTableModel::changedPrices() const
{
    QList<Row> rows;
    std::copy_if(m_rows.cbegin(), m_rows.cend(), std::back_inserter(rows),
                 [](const Row &row) { return row.savedPrice >= 0 && row.savedPrice != row.price; });
    return toJson(rows);
}
