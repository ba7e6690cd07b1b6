#include "customerspage.h"

#include "boxofficeformat.h"
#include "paymenttablemodel.h"
#include "reservationtablemodel.h"

#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QUuid>
#include <QVBoxLayout>

CustomersPage::CustomersPage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
    , m_reservations(new ReservationTableModel(this))
    , m_payments(new PaymentTableModel(this))
{
    setObjectName(QStringLiteral("customersPage"));
    m_memberField = new QLineEdit(this);
    m_memberField->setObjectName(QStringLiteral("customersMemberField"));
    m_memberField->setPlaceholderText(tr("Member number"));
    m_memberField->setClearButtonEnabled(true);
    auto *lookUpButton = new QPushButton(tr("&Look up"), this);
    lookUpButton->setObjectName(QStringLiteral("customersLookUpButton"));
    m_balanceLabel = new QLabel(this);
    m_balanceLabel->setObjectName(QStringLiteral("customersBalanceLabel"));
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Member"), this));
    top->addWidget(m_memberField, 1);
    top->addWidget(lookUpButton);
    top->addWidget(m_balanceLabel);

    m_reservationView = makeTable(QStringLiteral("customersReservations"), this);
    m_reservationView->setModel(m_reservations);
    auto *paymentView = makeTable(QStringLiteral("customersPayments"), this);
    paymentView->setModel(m_payments);
    m_cancelButton = new QPushButton(tr("&Cancel and refund the selected reservation"), this);
    m_cancelButton->setObjectName(QStringLiteral("customersCancelButton"));
    m_cancelButton->setEnabled(false);

    auto *reservationsBox = new QWidget(this);
    auto *reservationsLayout = new QVBoxLayout(reservationsBox);
    reservationsLayout->setContentsMargins(0, 0, 0, 0);
    reservationsLayout->addWidget(new QLabel(tr("Reservations (newest first)"), this));
    reservationsLayout->addWidget(m_reservationView, 1);
    reservationsLayout->addWidget(m_cancelButton, 0, Qt::AlignLeft);
    auto *paymentsBox = new QWidget(this);
    auto *paymentsLayout = new QVBoxLayout(paymentsBox);
    paymentsLayout->setContentsMargins(0, 0, 0, 0);
    paymentsLayout->addWidget(new QLabel(tr("Payments (newest first)"), this));
    paymentsLayout->addWidget(paymentView, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(reservationsBox);
    splitter->addWidget(paymentsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(makeStatusLabel(QStringLiteral("customersStatus")));

    connect(lookUpButton, &QPushButton::clicked, this, [this]() { lookUp(m_memberField->text()); });
    connect(m_memberField, &QLineEdit::returnPressed, this,
            [this]() { lookUp(m_memberField->text()); });
    connect(m_cancelButton, &QPushButton::clicked, this, &CustomersPage::cancelSelected);
    connect(m_reservationView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this]() {
                const QModelIndexList rows = m_reservationView->selectionModel()->selectedRows();
                const QString status = rows.isEmpty()
                    ? QString()
                    : m_reservations->rowObject(rows.first().row())
                          .value(QLatin1String("status"))
                          .toString();
                m_cancelButton->setEnabled(status == QLatin1String("HELD")
                                           || status == QLatin1String("CONFIRMED"));
            });
}

void CustomersPage::lookUp(const QString &typed, const QString &doneText)
{
    const QUuid uuid(typed.trimmed());
    if (uuid.isNull()) {
        showError(tr("A member number looks like 0b7e3c1a-5d2f-4c8e-9a41-2f6d8b1c7e90."));
        return;
    }
    m_userId = uuid.toString(QUuid::WithoutBraces);
    m_memberField->setText(m_userId);
    const QString userId = m_userId;
    m_client->get(
        QStringLiteral("/api/v1/admin/users/%1").arg(userId), this,
        [this, userId, doneText](const QJsonObject &answer) {
            if (userId != m_userId)
                return;
            m_balanceLabel->setText(tr("Balance %1")
                                        .arg(BoxOfficeFormat::money(
                                            answer.value(QLatin1String("balance")).toInteger())));
            m_reservations->setRows(answer.value(QLatin1String("reservations")).toArray());
            m_payments->setRows(answer.value(QLatin1String("payments")).toArray());
            m_cancelButton->setEnabled(false);
            showInfo(doneText.isEmpty()
                         ? tr("%n reservation(s).", nullptr, m_reservations->rowCount())
                         : doneText);
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void CustomersPage::cancelSelected()
{
    const QModelIndexList rows = m_reservationView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QJsonObject reservation = m_reservations->rowObject(rows.first().row());
    const qint64 id = reservation.value(QLatin1String("reservationId")).toInteger();
    const bool paid =
        reservation.value(QLatin1String("status")).toString() == QLatin1String("CONFIRMED");
    m_cancelButton->setEnabled(false);
    m_client->post(
        QStringLiteral("/api/v1/admin/reservations/%1/cancel").arg(id), QJsonObject(), this,
        [this, id, paid](const QJsonObject &answer) {
            lookUp(m_userId,
                   paid ? tr("Reservation %1 cancelled; %2 refunded to the balance.")
                              .arg(id)
                              .arg(BoxOfficeFormat::money(
                                  answer.value(QLatin1String("amount")).toInteger()))
                        : tr("Reservation %1 released.").arg(id));
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}
