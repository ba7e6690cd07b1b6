#pragma once

#include "areapage.h"

#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class SeatMapWidget;

/**
 * @brief Sell: a walk-in sale at the counter (api-contract.md, "Box office", "Balance").
 *
 * 1. The customer: a member number (userId) looked up (`GET /users/{id}/balance`), or a new one.
 * 2. Cash: a top-up (`POST /users/{id}/balance/charge`) with an Idempotency-Key that is kept
 *    until the server answers, so pressing the button again after a lost answer adds once.
 * 3. Seats: a concert and a date, the seat map (SeatMapWidget), then a hold without a queue
 *    token (`POST /admin/reservations`).
 * 4. Payment from the balance (`POST /admin/payments`, Idempotency-Key per reservation) and the
 *    ticket code, shown large and selectable.
 * TERMINAL keys see only steps 1 and 2.
 */
class SellPage : public AreaPage
{
    Q_OBJECT

public:
    explicit SellPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    void activate() override;
    void applyRole(StaffRole role) override;

    [[nodiscard]] SeatMapWidget *seatMap() const { return m_seatMap; }
    /** @brief The member number the page works for; empty before a lookup. */
    [[nodiscard]] QString customerId() const { return m_customerId; }
    /** @brief The reservation being sold (HELD or CONFIRMED); `{}` before a hold. */
    [[nodiscard]] QJsonObject reservation() const { return m_reservation; }

private:
    void findCustomer();
    void newCustomer();
    void setCustomer(const QString &userId, qint64 balance);
    void topUp();
    void loadDates();
    void showSeats();
    void hold();
    void pay();
    void updateButtons();

    SeatMapWidget *m_seatMap;
    QLineEdit *m_memberField;
    QLabel *m_customerLabel;
    QSpinBox *m_cashAmount;
    QPushButton *m_topUpButton;
    QWidget *m_seatsBox;
    QWidget *m_orderBox;
    QComboBox *m_concertCombo;
    QComboBox *m_dateCombo;
    QLabel *m_selectionLabel;
    QPushButton *m_holdButton;
    QLabel *m_reservationLabel;
    QPushButton *m_payButton;
    QPlainTextEdit *m_ticketCode;
    QString m_customerId;
    QByteArray m_topUpKey; ///< kept until the top-up's answer arrives
    qint64 m_topUpKeyAmount = 0;
    QJsonObject m_reservation;
    QJsonObject m_prices; ///< date → price of the chosen concert
    bool m_busy = false;
};
