#include "kioskcontroller.h"

#include "apiclient.h"
#include "checkout.h"
#include "jsonfields.h"
#include "kioskformat.h"
#include "queuesession.h"
#include "wallet.h"

#include <QLoggingCategory>
#include <QUuid>

Q_LOGGING_CATEGORY(lcKiosk, "concert.kiosk.flow", QtInfoMsg)

KioskController::KioskController(QObject *parent)
    : QObject(parent)
{
    connect(this, &KioskController::screenChanged, this, [this]() {
        if (m_lastIdleTimeoutApplies != idleTimeoutApplies()) {
            m_lastIdleTimeoutApplies = idleTimeoutApplies();
            Q_EMIT idleTimeoutAppliesChanged();
        }
    });
}

void KioskController::setClient(ApiClient *client)
{
    if (m_client == client)
        return;
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (m_client) {
        connect(m_client, &ApiClient::errorOccurred, this, &KioskController::handleError);
        connect(m_client, &ApiClient::reconnected, this, &KioskController::reconnected);
    }
    Q_EMIT clientChanged();
}

void KioskController::setQueue(QueueSession *queue)
{
    if (m_queue == queue)
        return;
    if (m_queue)
        m_queue->disconnect(this);
    m_queue = queue;
    if (m_queue) {
        connect(m_queue, &QueueSession::admitted, this, &KioskController::admitted);
        connect(m_queue, &QueueSession::stateChanged, this, [this]() {
            if (m_lastIdleTimeoutApplies != idleTimeoutApplies()) {
                m_lastIdleTimeoutApplies = idleTimeoutApplies();
                Q_EMIT idleTimeoutAppliesChanged();
            }
        });
    }
    Q_EMIT queueChanged();
}

void KioskController::setWallet(Wallet *wallet)
{
    if (m_wallet == wallet)
        return;
    if (m_wallet)
        m_wallet->disconnect(this);
    m_wallet = wallet;
    if (m_wallet) {
        connect(m_wallet, &Wallet::balanceChanged, this, [this]() {
            // "Not enough balance" is over once a top-up covers the seats.
            if (m_noticeCode == KioskError::InsufficientBalance && m_checkout
                && m_wallet->balance() >= m_checkout->amount())
                clearNotice();
        });
    }
    Q_EMIT walletChanged();
}

void KioskController::setCheckout(Checkout *checkout)
{
    if (m_checkout == checkout)
        return;
    if (m_checkout)
        m_checkout->disconnect(this);
    m_checkout = checkout;
    if (m_checkout) {
        connect(m_checkout, &Checkout::held, this, &KioskController::held);
        connect(m_checkout, &Checkout::paid, this, &KioskController::paid);
        connect(m_checkout, &Checkout::holdExpired, this,
                [this]() { handleError(KioskError::HoldExpired, {}); });
    }
    Q_EMIT checkoutChanged();
}

void KioskController::setDate(const QString &date)
{
    if (m_date == date)
        return;
    m_date = date;
    Q_EMIT dateChanged();
}

bool KioskController::idleTimeoutApplies() const
{
    if (m_screen != QueueScreen || !m_queue)
        return true;
    return m_queue->state() == QueueSession::Active;
}

QString KioskController::newMemberId() const
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool KioskController::isValidMemberId(const QString &memberId) const
{
    return JsonFields::canonicalUuid(memberId.trimmed()).has_value();
}

bool KioskController::begin(const QString &memberId, qint64 concertId, const QString &title,
                            const QString &venue)
{
    const std::optional<QString> userId = JsonFields::canonicalUuid(memberId.trimmed());
    if (!userId) {
        showNotice(ErrorNotice, KioskError::InvalidArgument, tr("Check your member number"),
                   tr("A member number has 32 letters and digits in groups of 8-4-4-4-12, "
                      "for example 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c. New here? Tap "
                      "“I’m new here”."));
        return false;
    }
    if (concertId <= 0) {
        showNotice(InfoNotice, KioskError::None, tr("Choose a concert"),
                   tr("Tap the concert you would like tickets for."));
        return false;
    }
    if (!m_queue)
        return false;
    m_userId = *userId;
    m_concertId = concertId;
    m_concertTitle = title;
    m_concertVenue = venue;
    m_date.clear();
    Q_EMIT sessionChanged();
    Q_EMIT dateChanged();
    clearNotice();
    if (m_checkout)
        m_checkout->reset();
    if (m_wallet)
        m_wallet->setUserId(m_userId);
    setScreen(QueueScreen);
    m_queue->join(m_userId);
    return true;
}

bool KioskController::holdSeats(const QList<int> &seatNumbers)
{
    if (!m_checkout || m_screen != SeatsScreen)
        return false;
    return m_checkout->hold(m_concertId, m_date, seatNumbers);
}

bool KioskController::pay()
{
    if (!m_checkout || m_screen != CheckoutScreen)
        return false;
    if (m_noticeCode == KioskError::InsufficientBalance)
        clearNotice();
    return m_checkout->pay();
}

void KioskController::startOver()
{
    qCInfo(lcKiosk) << "start over from screen" << m_screen;
    if (m_checkout)
        m_checkout->reset();
    if (m_queue)
        m_queue->leave();
    if (m_wallet)
        m_wallet->setUserId({});
    if (m_client)
        m_client->abortAll();
    const bool hadSession = !m_userId.isEmpty() || m_concertId != 0;
    m_userId.clear();
    m_concertId = 0;
    m_concertTitle.clear();
    m_concertVenue.clear();
    setDate({});
    if (hadSession)
        Q_EMIT sessionChanged();
    if (m_noticeKind != RetryingNotice)
        clearNotice();
    setScreen(StartScreen);
    Q_EMIT sessionReset();
}

void KioskController::dismissNotice()
{
    if (m_noticeKind == RetryingNotice && m_client && !m_client->reachable())
        return; // stays until the server answers again
    clearNotice();
}

void KioskController::reportSelectionLost(const QList<int> &seatNumbers)
{
    if (seatNumbers.isEmpty())
        return;
    const QString seats = seatNumbers.size() == 1
        ? tr("Seat %1 was").arg(seatNumbers.first())
        : tr("Seats %1 were").arg(KioskFormat::seatList(seatNumbers));
    if (m_noticeCode == KioskError::SeatUnavailable) {
        // The reload after a refused hold names the seats the refusal was about.
        showNotice(WarningNotice, KioskError::SeatUnavailable,
                   titleFor(KioskError::SeatUnavailable),
                   tr("%1 taken by someone else a moment ago and left your selection. The map "
                      "is up to date — pick another seat or hold the rest.")
                       .arg(seats));
        return;
    }
    showNotice(InfoNotice, KioskError::None, tr("%1 just taken").arg(seats),
               tr("Someone else got there first, so it left your selection. Please pick "
                  "another seat."));
}

KioskController::Screen KioskController::destinationFor(KioskError::Code code, Screen current)
{
    const bool inSession = current != StartScreen && current != ReceiptScreen;
    switch (code) {
    case KioskError::TokenInvalid:
    case KioskError::TokenExpired:
    case KioskError::NotAdmitted:
        return inSession ? QueueScreen : current;
    case KioskError::SeatUnavailable:
    case KioskError::HoldExpired:
    case KioskError::Forbidden:
        return inSession ? SeatsScreen : current;
    case KioskError::AlreadyPaid:
        return inSession ? StartScreen : current;
    case KioskError::NotFound:
        if (current == CheckoutScreen)
            return SeatsScreen; // the reservation is gone
        if (current == SeatsScreen || current == QueueScreen)
            return StartScreen; // the concert is gone
        return current;
    default:
        return current;
    }
}

KioskController::NoticeKind KioskController::noticeKindFor(KioskError::Code code)
{
    switch (code) {
    case KioskError::None:
    case KioskError::NotAdmitted:
    case KioskError::AlreadyPaid:
        return InfoNotice;
    case KioskError::TokenInvalid:
    case KioskError::TokenExpired:
    case KioskError::SeatUnavailable:
    case KioskError::HoldExpired:
    case KioskError::InsufficientBalance:
        return WarningNotice;
    case KioskError::Unavailable:
    case KioskError::Unreachable:
        return RetryingNotice;
    default:
        return ErrorNotice;
    }
}

QString KioskController::titleFor(KioskError::Code code)
{
    switch (code) {
    case KioskError::None:
        return {};
    case KioskError::TokenInvalid:
        return tr("Your place in the queue was not recognised");
    case KioskError::TokenExpired:
        return tr("Your shopping time is over");
    case KioskError::NotAdmitted:
        return tr("It is not your turn yet");
    case KioskError::SeatUnavailable:
        return tr("Those seats were just taken");
    case KioskError::InsufficientBalance:
        return tr("Not enough balance");
    case KioskError::AlreadyPaid:
        return tr("Already paid");
    case KioskError::HoldExpired:
        return tr("Your seat hold has ended");
    case KioskError::Forbidden:
        return tr("That reservation is not yours");
    case KioskError::NotFound:
        return tr("No longer available");
    case KioskError::InvalidArgument:
        return tr("That was not accepted");
    case KioskError::Unavailable:
    case KioskError::Unreachable:
        return tr("Cannot reach the ticket service");
    case KioskError::AdminKeyInvalid:
    case KioskError::MethodNotAllowed:
    case KioskError::PayloadTooLarge:
    case KioskError::Internal:
    case KioskError::BadResponse:
        return tr("Something went wrong");
    }
    return tr("Something went wrong");
}

QString KioskController::textFor(KioskError::Code code)
{
    const QString staff = tr("Please try again. If it keeps happening, ask a member of staff "
                             "(code %1).")
                              .arg(KioskError::name(code));
    switch (code) {
    case KioskError::None:
        return {};
    case KioskError::TokenInvalid:
        return tr("We have put you back in the queue. You will be let in again shortly.");
    case KioskError::TokenExpired:
        return tr("Each customer has a limited time to shop. You are back in the queue and will "
                  "be let in again shortly.");
    case KioskError::NotAdmitted:
        return tr("Please wait in the queue a little longer.");
    case KioskError::SeatUnavailable:
        return tr("Someone else got one of your seats a moment ago. The map is up to date — "
                  "please pick your seats again.");
    case KioskError::InsufficientBalance:
        return tr("Add money to your balance below, then pay again.");
    case KioskError::AlreadyPaid:
        return tr("This reservation was paid already — the seats are yours.");
    case KioskError::HoldExpired:
        return tr("Seats are held for a few minutes only and the time ran out. They are free "
                  "again — please pick your seats once more.");
    case KioskError::Forbidden:
        return tr("Please pick your seats again.");
    case KioskError::NotFound:
        return tr("That concert or reservation no longer exists. Please choose again.");
    case KioskError::Unavailable:
    case KioskError::Unreachable:
        return tr("Retrying by itself — there is no need to do anything. Your place and your "
                  "seats are kept.");
    default:
        return staff;
    }
}

void KioskController::handleError(KioskError::Code code, const QString &message)
{
    if (code == KioskError::None)
        return;
    qCInfo(lcKiosk) << "error" << KioskError::name(code) << message << "on screen" << m_screen;
    const bool inSession = m_screen != StartScreen && m_screen != ReceiptScreen;
    const NoticeKind kind = noticeKindFor(code);
    if (kind != RetryingNotice && kind != ErrorNotice && !inSession)
        return; // an answer for a session the customer already left

    const Screen destination = destinationFor(code, m_screen);
    QString text = textFor(code);
    switch (code) {
    case KioskError::TokenInvalid:
    case KioskError::TokenExpired:
        if (m_checkout)
            m_checkout->reset();
        setScreen(destination);
        if (m_queue)
            m_queue->rejoin();
        break;
    case KioskError::NotAdmitted:
        if (m_checkout)
            m_checkout->reset();
        setScreen(destination);
        if (m_queue)
            m_queue->checkStatus();
        break;
    case KioskError::SeatUnavailable:
    case KioskError::HoldExpired:
    case KioskError::Forbidden:
        if (m_checkout)
            m_checkout->reset();
        setScreen(destination);
        Q_EMIT seatsInvalidated();
        break;
    case KioskError::InsufficientBalance:
        if (m_checkout && m_wallet) {
            const qint64 missing = m_checkout->amount() - m_wallet->balance();
            text = tr("These seats cost %1 and your balance is %2. Add at least %3 below, then "
                      "pay again.")
                       .arg(KioskFormat::money(m_checkout->amount()),
                            KioskFormat::money(m_wallet->balance()),
                            KioskFormat::money(qMax<qint64>(missing, 1)));
            m_wallet->refresh();
        }
        break;
    case KioskError::AlreadyPaid:
    case KioskError::NotFound:
        if (destination == StartScreen) {
            startOver();
        } else if (destination != m_screen) {
            if (m_checkout)
                m_checkout->reset();
            setScreen(destination);
            Q_EMIT seatsInvalidated();
        }
        break;
    case KioskError::InvalidArgument:
    case KioskError::AdminKeyInvalid:
    case KioskError::MethodNotAllowed:
    case KioskError::PayloadTooLarge:
    case KioskError::Internal:
    case KioskError::BadResponse:
        if (!message.isEmpty() && code == KioskError::InvalidArgument)
            text = tr("The ticket service said: “%1”. %2").arg(message, text);
        break;
    default:
        break;
    }
    showNotice(kind, code, titleFor(code), text);
}

void KioskController::setScreen(Screen screen)
{
    if (m_screen == screen)
        return;
    qCInfo(lcKiosk) << "screen" << m_screen << "->" << screen;
    m_screen = screen;
    Q_EMIT screenChanged();
}

void KioskController::showNotice(NoticeKind kind, KioskError::Code code, const QString &title,
                                 const QString &text)
{
    if (m_noticeKind == kind && m_noticeCode == code && m_noticeTitle == title
        && m_noticeText == text)
        return;
    m_noticeKind = kind;
    m_noticeCode = code;
    m_noticeTitle = title;
    m_noticeText = text;
    Q_EMIT noticeChanged();
}

void KioskController::clearNotice()
{
    if (m_noticeTitle.isEmpty())
        return;
    m_noticeKind = InfoNotice;
    m_noticeCode = KioskError::None;
    m_noticeTitle.clear();
    m_noticeText.clear();
    Q_EMIT noticeChanged();
}

void KioskController::admitted()
{
    if (m_screen != QueueScreen)
        return;
    if (m_noticeCode == KioskError::NotAdmitted)
        clearNotice();
    setScreen(SeatsScreen);
}

void KioskController::held()
{
    if (m_screen != SeatsScreen)
        return;
    clearNotice();
    if (m_wallet)
        m_wallet->refresh();
    setScreen(CheckoutScreen);
}

void KioskController::paid()
{
    if (m_wallet && m_checkout)
        m_wallet->setBalance(m_checkout->balanceAfterPayment());
    if (m_queue)
        m_queue->leave(); // the payment expired the token
    clearNotice();
    setScreen(ReceiptScreen);
}

void KioskController::reconnected()
{
    if (m_noticeKind == RetryingNotice)
        clearNotice();
}
