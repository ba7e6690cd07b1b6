#pragma once

#include <QDate>
#include <QJsonObject>
#include <QWidget>

class BoxOfficeClient;
class QLabel;
class QQuickWidget;
class SeatMapModel;

/**
 * @brief The seat map of one concert date for the Sell area: the kiosk's QML SeatMapView
 * (module Concert.Kiosk.Ui) in a QQuickWidget, on a kiosk SeatMapModel that this widget fills.
 *
 * load() asks `GET /api/v1/admin/concerts/{id}/dates/{date}/seats` (staff; the same body as the
 * customers' seat map). The contract has no staff seat map: when the server lacks that route,
 * the map shows the 50 seats at @p price as AVAILABLE with a notice that it cannot see holds and
 * sales (a taken seat is then refused by the hold: 409 SEAT_UNAVAILABLE), so a counter sale is
 * still possible. The selection rules (at most 4 seats) are the kiosk model's.
 */
class SeatMapWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SeatMapWidget(BoxOfficeClient *client, QWidget *parent = nullptr);
    ~SeatMapWidget() override;

    /** @brief Shows the seats of @p concertId on @p date; @p price (KRW) for the fallback. */
    void load(qint64 concertId, const QDate &date, qint64 price);
    /** @brief Reloads the current date (after a hold or a payment). */
    void reload();
    /** @brief Empties the map. */
    void clear();

    [[nodiscard]] SeatMapModel *model() const { return m_model; }
    [[nodiscard]] QQuickWidget *quickWidget() const { return m_quick; }
    /** @brief False when the server has no staff seat map (statuses unknown). */
    [[nodiscard]] bool statusesKnown() const { return m_statusesKnown; }

Q_SIGNALS:
    /** @brief A load finished (with real statuses or the fallback). */
    void loaded();

private:
    BoxOfficeClient *m_client;
    SeatMapModel *m_model;
    QQuickWidget *m_quick;
    QLabel *m_notice;
    qint64 m_concertId = 0;
    QDate m_date;
    qint64 m_price = 0;
    bool m_statusesKnown = true;
};
