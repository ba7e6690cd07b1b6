#include "salestablemodel.h"

#include "boxofficeformat.h"

SalesTableModel::SalesTableModel(QObject *parent)
    : JsonTableModel(parent)
{
    setColumns({
        textColumn(tr("Date"), QStringLiteral("date")),
        moneyColumn(tr("Price"), QStringLiteral("price")),
        numberColumn(tr("Available"), QStringLiteral("available")),
        numberColumn(tr("Held"), QStringLiteral("held")),
        numberColumn(tr("Sold"), QStringLiteral("sold")),
        moneyColumn(tr("Revenue"), QStringLiteral("revenue")),
    });
}

void SalesTableModel::setSales(const QJsonObject &sales)
{
    m_totals = sales.value(QLatin1String("totals")).toObject();
    setRows(sales.value(QLatin1String("dates")).toArray());
}

QString SalesTableModel::totalsText() const
{
    if (m_totals.isEmpty())
        return {};
    auto count = [this](const char *key) {
        return m_totals.value(QLatin1String(key)).toInteger();
    };
    return tr("Sold %1 · Held %2 · Available %3 · Revenue %4")
        .arg(count("sold"))
        .arg(count("held"))
        .arg(count("available"))
        .arg(BoxOfficeFormat::money(count("revenue")));
}
