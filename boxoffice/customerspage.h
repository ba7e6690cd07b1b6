#pragma once

#include "areapage.h"

class PaymentTableModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class ReservationTableModel;

/**
 * @brief Customers: look a customer up by member number (`GET /api/v1/admin/users/{userId}`,
 * staff: balance, newest 50 reservations and payments) and cancel a reservation
 * (`POST /api/v1/admin/reservations/{id}/cancel`: a HELD one is released, a CONFIRMED one
 * cancelled and refunded to the balance).
 */
class CustomersPage : public AreaPage
{
    Q_OBJECT

public:
    explicit CustomersPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    /**
     * @brief Looks @p userId up (as typing it and pressing Look up); @p doneText, when given,
     * is the status line once the answer is shown.
     */
    void lookUp(const QString &userId, const QString &doneText = {});
    [[nodiscard]] ReservationTableModel *reservations() const { return m_reservations; }
    [[nodiscard]] PaymentTableModel *payments() const { return m_payments; }
    [[nodiscard]] QTableView *reservationView() const { return m_reservationView; }

private:
    void cancelSelected();

    ReservationTableModel *m_reservations;
    PaymentTableModel *m_payments;
    QLineEdit *m_memberField;
    QLabel *m_balanceLabel;
    QTableView *m_reservationView;
    QPushButton *m_cancelButton;
    QString m_userId;
};
