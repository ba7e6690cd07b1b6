#pragma once

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/** @brief Highest ticket price, in KRW (api-contract.md, "Administration"). */
inline constexpr qint64 kMaxPrice = 10'000'000;
/** @brief Most dates one concert may have (api-contract.md, "Administration"). */
inline constexpr int kMaxDatesPerConcert = 366;
/** @brief Longest title or venue we store, in characters. */
inline constexpr int kMaxNameLength = 200;

/** @brief One item of `GET /api/v1/concerts`. */
struct Concert
{
    qint64 id = 0;
    QString title;
    QString venue;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<Concert> fromJson(const QJsonObject &json);
};

/** @brief The body of `GET /api/v1/concerts?page=&size=`: page >= 1, size 1..100, total >= 0. */
struct ConcertPage
{
    QList<Concert> items;
    int page = 1;
    int size = 20;
    qint64 total = 0;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<ConcertPage> fromJson(const QJsonObject &json);
};

/** @brief A bookable date of a concert: price in KRW, availableSeats 1..50. */
struct ConcertDate
{
    QDate date;
    int availableSeats = 0;
    qint64 price = 0;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<ConcertDate> fromJson(const QJsonObject &json);
};

/** @brief The body of `GET /api/v1/concerts/{id}/dates`, dates ascending. */
struct ConcertDateList
{
    qint64 concertId = 0;
    QList<ConcertDate> dates;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<ConcertDateList> fromJson(const QJsonObject &json);
};

/** @brief A date and its price (KRW, 0..10,000,000) as the admin API takes and returns it. */
struct DatePrice
{
    QDate date;
    qint64 price = 0;

    [[nodiscard]] QJsonObject toJson() const;
    friend bool operator==(const DatePrice &, const DatePrice &) = default;
};

/**
 * @brief `POST /api/v1/admin/concerts` body and its 201 answer (then with id set).
 *
 * fromJson() enforces the contract: title and venue 1..200 characters, 1..366 distinct dates,
 * prices 0..10,000,000. On failure it returns std::nullopt and the reason in @p why.
 */
struct ConcertDefinition
{
    qint64 id = 0;
    QString title;
    QString venue;
    QList<DatePrice> dates;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<ConcertDefinition> fromJson(const QJsonObject &json,
                                                     QString *why = nullptr);
};
