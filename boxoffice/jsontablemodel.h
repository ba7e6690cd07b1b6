#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <functional>

/**
 * @brief A read-only table of JSON objects, one row per object, as the admin API returns them
 * in lists (`items`, `rooms`, `dates`...). Subclasses declare their columns; the widgets only
 * show the model (Qt::DisplayRole: the formatted text; Qt::UserRole: the raw JSON value,
 * for sorting and for the widgets that act on a row; Qt::TextAlignmentRole: numbers right).
 */
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    /** @brief Role of data(): the row's whole JSON object (any column). */
    static constexpr int RowObjectRole = Qt::UserRole + 1;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    /** @brief Replaces every row with the objects of @p rows (non-objects are skipped). */
    void setRows(const QJsonArray &rows);
    /** @brief The JSON object of @p row; `{}` outside 0..rowCount()-1. */
    [[nodiscard]] QJsonObject rowObject(int row) const;
    /** @brief The formatted text of @p row, @p column (what a table cell shows). */
    [[nodiscard]] QString text(int row, int column) const;

protected:
    /** @brief How one column shows a row: a header and a function of the row's object. */
    struct Column
    {
        QString header;
        QString key; ///< the field shown raw under Qt::UserRole
        std::function<QString(const QJsonObject &)> format;
        bool numeric = false;
    };

    explicit JsonTableModel(QObject *parent = nullptr);
    /** @brief Subclasses call this once in their constructor. */
    void setColumns(QList<Column> columns);

    /** @brief A column showing field @p key as text. */
    static Column textColumn(const QString &header, const QString &key);
    /** @brief A column showing integer field @p key (right-aligned). */
    static Column numberColumn(const QString &header, const QString &key);
    /** @brief A column showing KRW field @p key as money. */
    static Column moneyColumn(const QString &header, const QString &key);
    /** @brief A column showing timestamp field @p key in local time. */
    static Column timeColumn(const QString &header, const QString &key);

private:
    QList<Column> m_columns;
    QList<QJsonObject> m_rows;
};
