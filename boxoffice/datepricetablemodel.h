#pragma once

#include <QAbstractTableModel>
#include <QDate>
#include <QJsonArray>
#include <QList>

/**
 * @brief The dates and prices of the concert being edited (Concerts area): the dates it has
 * (`GET /api/v1/admin/concerts/{id}`, "dates") and new ones staff add. Column 0 is the date,
 * column 1 the price in KRW (editable: 0..10,000,000), column 2 says "new" or "changed".
 */
class DatePriceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit DatePriceTableModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

    /** @brief The saved dates of a concert: `[{"date", "price"}]`; clears new ones. */
    void setSaved(const QJsonArray &dates);
    /** @brief Empties the table (a new concert). */
    void clear();
    /**
     * @brief Adds a new date at @p price KRW. False (nothing added) for an invalid date, one
     * already in the table, or a price outside 0..10,000,000.
     */
    bool addDate(const QDate &date, qint64 price);
    /** @brief Removes @p row if it is a new date; false for a saved date. */
    bool removeNewDate(int row);

    /** @brief Every row as `[{"date", "price"}]`, ascending (for a new concert). */
    [[nodiscard]] QJsonArray allDates() const;
    /** @brief The rows added since setSaved(), as `[{"date", "price"}]`. */
    [[nodiscard]] QJsonArray newDates() const;
    /** @brief Saved dates whose price was edited, as `[{"date", "price"}]`. */
    [[nodiscard]] QJsonArray changedPrices() const;

private:
    struct Row
    {
        QDate date;
        qint64 price = 0;
        qint64 savedPrice = -1; ///< -1 for a new date
    };
    static QJsonArray toJson(const QList<Row> &rows);

    QList<Row> m_rows;
};
