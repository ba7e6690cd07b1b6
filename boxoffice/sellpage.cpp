#include "sellpage.h"

#include "boxofficeformat.h"
#include "seatmapmodel.h"
#include "seatmapwidget.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

SellPage::SellPage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
    , m_seatMap(new SeatMapWidget(client, this))
{
    setObjectName(QStringLiteral("sellPage"));

    auto *customerBox = new QGroupBox(tr("1. Customer and cash"), this);
    m_memberField = new QLineEdit(customerBox);
    m_memberField->setObjectName(QStringLiteral("sellMemberField"));
    m_memberField->setPlaceholderText(tr("Member number (e.g. 0b7e…-…)"));
    m_memberField->setClearButtonEnabled(true);
    auto *findButton = new QPushButton(tr("&Find"), customerBox);
    findButton->setObjectName(QStringLiteral("sellFindButton"));
    auto *newButton = new QPushButton(tr("&New customer"), customerBox);
    newButton->setObjectName(QStringLiteral("sellNewCustomerButton"));
    m_customerLabel = new QLabel(tr("No customer yet."), customerBox);
    m_customerLabel->setObjectName(QStringLiteral("sellCustomerLabel"));
    m_customerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cashAmount = new QSpinBox(customerBox);
    m_cashAmount->setObjectName(QStringLiteral("sellCashAmount"));
    m_cashAmount->setRange(1, 10'000'000);
    m_cashAmount->setSingleStep(10'000);
    m_cashAmount->setValue(50'000);
    m_cashAmount->setPrefix(QStringLiteral("₩ "));
    m_cashAmount->setGroupSeparatorShown(true);
    m_topUpButton = new QPushButton(tr("Take cash and &top up"), customerBox);
    m_topUpButton->setObjectName(QStringLiteral("sellTopUpButton"));
    auto *memberRow = new QHBoxLayout;
    memberRow->addWidget(m_memberField, 1);
    memberRow->addWidget(findButton);
    memberRow->addWidget(newButton);
    auto *cashRow = new QHBoxLayout;
    cashRow->addWidget(m_cashAmount, 1);
    cashRow->addWidget(m_topUpButton);
    auto *customerLayout = new QFormLayout(customerBox);
    customerLayout->addRow(tr("Member"), memberRow);
    customerLayout->addRow(QString(), m_customerLabel);
    customerLayout->addRow(tr("Cash"), cashRow);

    auto *seatsBox = new QGroupBox(tr("2. Seats"), this);
    m_seatsBox = seatsBox;
    m_concertCombo = new QComboBox(seatsBox);
    m_concertCombo->setObjectName(QStringLiteral("sellConcertCombo"));
    m_concertCombo->setMinimumContentsLength(24);
    m_dateCombo = new QComboBox(seatsBox);
    m_dateCombo->setObjectName(QStringLiteral("sellDateCombo"));
    m_dateCombo->setEditable(true);
    m_dateCombo->setMinimumContentsLength(12);
    auto *showButton = new QPushButton(tr("&Show seats"), seatsBox);
    showButton->setObjectName(QStringLiteral("sellShowSeatsButton"));
    m_selectionLabel = new QLabel(seatsBox);
    m_selectionLabel->setObjectName(QStringLiteral("sellSelectionLabel"));
    auto *pickRow = new QHBoxLayout;
    pickRow->addWidget(new QLabel(tr("Concert"), seatsBox));
    pickRow->addWidget(m_concertCombo, 2);
    pickRow->addWidget(new QLabel(tr("Date"), seatsBox));
    pickRow->addWidget(m_dateCombo, 1);
    pickRow->addWidget(showButton);
    auto *seatsLayout = new QVBoxLayout(seatsBox);
    seatsLayout->addLayout(pickRow);
    seatsLayout->addWidget(m_seatMap, 1);
    seatsLayout->addWidget(m_selectionLabel);

    auto *orderBox = new QGroupBox(tr("3. Hold and pay"), this);
    m_orderBox = orderBox;
    m_holdButton = new QPushButton(tr("&Hold seats"), orderBox);
    m_holdButton->setObjectName(QStringLiteral("sellHoldButton"));
    m_reservationLabel = new QLabel(tr("Nothing held."), orderBox);
    m_reservationLabel->setObjectName(QStringLiteral("sellReservationLabel"));
    m_reservationLabel->setWordWrap(true);
    m_payButton = new QPushButton(tr("Take &payment from the balance"), orderBox);
    m_payButton->setObjectName(QStringLiteral("sellPayButton"));
    m_ticketCode = new QPlainTextEdit(orderBox);
    m_ticketCode->setObjectName(QStringLiteral("sellTicketCode"));
    m_ticketCode->setReadOnly(true);
    m_ticketCode->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_ticketCode->setWordWrapMode(QTextOption::WrapAnywhere);
    m_ticketCode->setPlaceholderText(tr("The ticket code appears here after payment."));
    QFont big = m_ticketCode->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_ticketCode->setFont(big);
    m_ticketCode->setFixedHeight(QFontMetrics(big).lineSpacing() * 5 + 12);
    auto *orderLayout = new QVBoxLayout(orderBox);
    orderLayout->addWidget(m_holdButton);
    orderLayout->addWidget(m_reservationLabel);
    orderLayout->addWidget(m_payButton);
    orderLayout->addWidget(new QLabel(tr("Ticket code"), orderBox));
    orderLayout->addWidget(m_ticketCode);
    orderLayout->addStretch(1);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(customerBox);
    left->addWidget(seatsBox, 1);
    columns->addLayout(left, 3);
    columns->addWidget(orderBox, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(makeStatusLabel(QStringLiteral("sellStatus")));

    connect(findButton, &QPushButton::clicked, this, &SellPage::findCustomer);
    connect(m_memberField, &QLineEdit::returnPressed, this, &SellPage::findCustomer);
    connect(newButton, &QPushButton::clicked, this, &SellPage::newCustomer);
    connect(m_topUpButton, &QPushButton::clicked, this, &SellPage::topUp);
    connect(m_concertCombo, &QComboBox::currentIndexChanged, this, &SellPage::loadDates);
    connect(showButton, &QPushButton::clicked, this, &SellPage::showSeats);
    connect(m_dateCombo, &QComboBox::activated, this, &SellPage::showSeats);
    connect(m_holdButton, &QPushButton::clicked, this, &SellPage::hold);
    connect(m_payButton, &QPushButton::clicked, this, &SellPage::pay);
    connect(m_seatMap->model(), &SeatMapModel::selectionChanged, this, [this]() {
        const SeatMapModel *model = m_seatMap->model();
        QStringList seats;
        for (int seat : model->selectedSeats())
            seats.append(QString::number(seat));
        m_selectionLabel->setText(
            seats.isEmpty() ? tr("Click seats on the map (up to %1).").arg(model->maxSelection())
                            : tr("Seats %1 · %2")
                                  .arg(seats.join(QStringLiteral(", ")),
                                       BoxOfficeFormat::money(model->selectedTotal())));
        updateButtons();
    });
    connect(m_seatMap->model(), &SeatMapModel::selectionLimitReached, this, [this]() {
        showError(tr("At most %1 seats per hold here; hold them, then start another.")
                      .arg(m_seatMap->model()->maxSelection()));
    });
    updateButtons();
}

void SellPage::activate()
{
    if (roleIsStaff(m_role))
        loadConcerts(m_concertCombo);
}

void SellPage::applyRole(StaffRole role)
{
    AreaPage::applyRole(role);
    m_seatsBox->setVisible(roleIsStaff(role));
    m_orderBox->setVisible(roleIsStaff(role));
}

void SellPage::updateButtons()
{
    const bool hasCustomer = !m_customerId.isEmpty();
    const QString status = m_reservation.value(QLatin1String("status")).toString();
    m_topUpButton->setEnabled(hasCustomer && !m_busy);
    m_holdButton->setEnabled(hasCustomer && !m_busy && m_seatMap->model()->selectedCount() > 0);
    m_payButton->setEnabled(hasCustomer && !m_busy && status == QLatin1String("HELD"));
}

void SellPage::setCustomer(const QString &userId, qint64 balance)
{
    if (userId != m_customerId) {
        m_reservation = {};
        m_reservationLabel->setText(tr("Nothing held."));
        m_ticketCode->clear();
        m_topUpKey.clear();
    }
    m_customerId = userId;
    m_memberField->setText(userId);
    m_customerLabel->setText(tr("Balance %1").arg(BoxOfficeFormat::money(balance)));
    updateButtons();
}

void SellPage::findCustomer()
{
    const QString typed = m_memberField->text().trimmed();
    const QUuid uuid(typed);
    if (uuid.isNull()) {
        showError(tr("A member number looks like 0b7e3c1a-5d2f-4c8e-9a41-2f6d8b1c7e90."));
        return;
    }
    const QString userId = uuid.toString(QUuid::WithoutBraces);
    m_client->get(
        QStringLiteral("/api/v1/users/%1/balance").arg(userId), this,
        [this, userId](const QJsonObject &answer) {
            setCustomer(userId, answer.value(QLatin1String("balance")).toInteger());
            showInfo(tr("Customer found."));
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void SellPage::newCustomer()
{
    const QString userId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    setCustomer(userId, 0);
    showInfo(tr("New member number %1: give it to the customer.").arg(userId));
}

void SellPage::topUp()
{
    if (m_customerId.isEmpty())
        return;
    const qint64 amount = m_cashAmount->value();
    // A retry after a lost answer reuses the key, so the server adds the cash once.
    if (m_topUpKey.isEmpty() || m_topUpKeyAmount != amount) {
        m_topUpKey = BoxOfficeClient::newIdempotencyKey();
        m_topUpKeyAmount = amount;
    }
    m_busy = true;
    updateButtons();
    const QString userId = m_customerId;
    m_client->post(
        QStringLiteral("/api/v1/users/%1/balance/charge").arg(userId),
        QJsonObject{{QStringLiteral("amount"), amount}}, this,
        [this, userId, amount](const QJsonObject &answer) {
            m_busy = false;
            m_topUpKey.clear();
            setCustomer(userId, answer.value(QLatin1String("balance")).toInteger());
            showInfo(tr("Topped up %1 in cash.").arg(BoxOfficeFormat::money(amount)));
        },
        [this](const BoxOfficeClient::Failure &failure) {
            m_busy = false;
            if (failure.httpStatus != 0)
                m_topUpKey.clear(); // the server decided: a new attempt is a new top-up
            updateButtons();
            showError(failure);
        },
        m_topUpKey);
}

void SellPage::loadDates()
{
    const qint64 concertId = m_concertCombo->currentData().toLongLong();
    m_dateCombo->clear();
    m_prices = {};
    m_seatMap->clear();
    if (concertId <= 0)
        return;
    auto fill = [this, concertId](const QJsonObject &answer) {
        if (m_concertCombo->currentData().toLongLong() != concertId)
            return;
        m_dateCombo->clear();
        for (const QJsonValue &value : answer.value(QLatin1String("dates")).toArray()) {
            const QJsonObject date = value.toObject();
            const QString day = date.value(QLatin1String("date")).toString();
            m_prices.insert(day, date.value(QLatin1String("price")));
            m_dateCombo->addItem(day, day);
        }
    };
    // The staff concert detail has the dates and prices; so do the sales (a server may have
    // one route and not the other).
    m_client->get(QStringLiteral("/api/v1/admin/concerts/%1").arg(concertId), this, fill,
                  [this, concertId, fill](const BoxOfficeClient::Failure &failure) {
                      if (!failure.routeMissing())
                          return showError(failure);
                      m_client->get(
                          QStringLiteral("/api/v1/admin/concerts/%1/sales").arg(concertId), this,
                          fill, [this](const BoxOfficeClient::Failure &failure) {
                              showError(failure.routeMissing() ? tr(
                                            "This server lists no dates for staff: type the date.")
                                                               : failureText(failure));
                          });
                  });
}

void SellPage::showSeats()
{
    const qint64 concertId = m_concertCombo->currentData().toLongLong();
    const QString day = m_dateCombo->currentText().trimmed();
    const QDate date = QDate::fromString(day, Qt::ISODate);
    if (concertId <= 0 || !date.isValid()) {
        showError(tr("Pick a concert and a date (YYYY-MM-DD)."));
        return;
    }
    m_seatMap->load(concertId, date, m_prices.value(day).toInteger());
}

void SellPage::hold()
{
    const SeatMapModel *model = m_seatMap->model();
    const qint64 concertId = m_concertCombo->currentData().toLongLong();
    const QString day = m_dateCombo->currentText().trimmed();
    if (m_customerId.isEmpty() || model->selectedCount() == 0)
        return;
    QJsonArray seats;
    for (int seat : model->selectedSeats())
        seats.append(seat);
    m_busy = true;
    updateButtons();
    m_client->post(
        QStringLiteral("/api/v1/admin/reservations"),
        QJsonObject{{QStringLiteral("userId"), m_customerId},
                    {QStringLiteral("concertId"), concertId},
                    {QStringLiteral("date"), day},
                    {QStringLiteral("seatNumbers"), seats}},
        this,
        [this](const QJsonObject &answer) {
            m_busy = false;
            m_reservation = answer;
            m_ticketCode->clear();
            m_seatMap->model()->clearSelection();
            m_seatMap->reload();
            m_reservationLabel->setText(
                tr("Reservation %1: %2, held until %3.")
                    .arg(answer.value(QLatin1String("reservationId")).toInteger())
                    .arg(BoxOfficeFormat::money(answer.value(QLatin1String("amount")).toInteger()),
                         BoxOfficeFormat::timestamp(
                             answer.value(QLatin1String("heldUntil")).toString())));
            showInfo(tr("Seats held. Take the payment before the hold runs out."));
            updateButtons();
        },
        [this](const BoxOfficeClient::Failure &failure) {
            m_busy = false;
            updateButtons();
            showError(failure);
            if (failure.is(ErrorCode::SeatUnavailable))
                m_seatMap->reload();
        });
}

void SellPage::pay()
{
    const qint64 reservationId = m_reservation.value(QLatin1String("reservationId")).toInteger();
    if (reservationId <= 0)
        return;
    m_busy = true;
    updateButtons();
    // One key per reservation: pressing Pay again after a lost answer never pays twice.
    const QByteArray key = "boxoffice-pay-" + QByteArray::number(reservationId);
    const QString userId = m_customerId;
    m_client->post(
        QStringLiteral("/api/v1/admin/payments"),
        QJsonObject{{QStringLiteral("reservationId"), reservationId}}, this,
        [this, userId](const QJsonObject &answer) {
            m_busy = false;
            m_reservation.insert(QStringLiteral("status"), QStringLiteral("CONFIRMED"));
            m_ticketCode->setPlainText(answer.value(QLatin1String("ticketCode")).toString());
            setCustomer(userId, answer.value(QLatin1String("balance")).toInteger());
            m_reservationLabel->setText(
                tr("Paid %1 (payment %2). Give the ticket code to the customer.")
                    .arg(BoxOfficeFormat::money(answer.value(QLatin1String("amount")).toInteger()))
                    .arg(answer.value(QLatin1String("paymentId")).toInteger()));
            showInfo(tr("Sold."));
            m_seatMap->reload();
            updateButtons();
        },
        [this](const BoxOfficeClient::Failure &failure) {
            m_busy = false;
            updateButtons();
            showError(failure);
        },
        key);
}
