#include "kioskcontroller.h"

#include "apiclient.h"
#include "checkout.h"
#include "jsonfields.h"
#include "kioskformat.h"
#include "queuesession.h"
#include "wallet.h"

#include <QLoggingCategory>
#include <QRegularExpression>
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
            if (m_noticeCode == ErrorCode::InsufficientBalance && m_checkout
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
                [this]() { handleError(ErrorCode::HoldExpired, {}); });
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
        showNotice(KioskError::ErrorNotice, ErrorCode::InvalidArgument, [] {
            return Notice{tr("Check your member number"),
                          tr("A member number has 32 letters and digits in groups of "
                             "8-4-4-4-12, for example 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c. New "
                             "here? Tap “I’m new here”.")};
        });
        return false;
    }
    if (concertId <= 0) {
        showNotice(KioskError::InfoNotice, std::nullopt, [] {
            return Notice{tr("Choose a concert"),
                          tr("Tap the concert you would like tickets for.")};
        });
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
    // The concert's own waiting room (api-contract.md, "Waiting rooms"): a sale with an opening
    // time admits only its room's tokens, and a busy sale elsewhere does not hold this one up.
    m_queue->join(m_userId, m_concertId);
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
    if (m_noticeCode == ErrorCode::InsufficientBalance)
        clearNotice();
    return m_checkout->pay();
}

bool KioskController::changeSeats()
{
    if (!m_checkout || m_screen != CheckoutScreen || m_checkout->state() != Checkout::Held)
        return false;
    qCInfo(lcKiosk) << "giving back the held seats to choose again";
    m_checkout->release();
    if (m_noticeCode == ErrorCode::InsufficientBalance)
        clearNotice();
    setScreen(SeatsScreen);
    Q_EMIT seatsInvalidated();
    return true;
}

void KioskController::dropHold()
{
    if (!m_checkout)
        return;
    if (m_checkout->state() == Checkout::Held)
        m_checkout->release();
    else
        m_checkout->reset();
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
    if (m_noticeKind != KioskError::RetryingNotice)
        clearNotice();
    setScreen(StartScreen);
    Q_EMIT sessionReset();
}

void KioskController::dismissNotice()
{
    if (m_noticeKind == KioskError::RetryingNotice && m_client && !m_client->reachable())
        return; // stays until the server answers again
    clearNotice();
}

void KioskController::reportSelectionLost(const QList<int> &seatNumbers)
{
    if (seatNumbers.isEmpty())
        return;
    const int count = int(seatNumbers.size());
    if (m_noticeCode == ErrorCode::SeatUnavailable) {
        // The reload after a refused hold names the seats the refusal was about.
        showNotice(KioskError::WarningNotice, ErrorCode::SeatUnavailable, [seatNumbers, count] {
            //: %1 is one seat number or a list ("7, 8 and 12"); %n is how many.
            return Notice{KioskError::title(ErrorCode::SeatUnavailable),
                          tr("Seat(s) %1 were taken by someone else a moment ago and left your "
                             "selection. The map is up to date — pick another seat or hold "
                             "the rest.",
                             "", count)
                              .arg(KioskFormat::seatList(seatNumbers))};
        });
        return;
    }
    showNotice(KioskError::InfoNotice, std::nullopt, [seatNumbers, count] {
        //: %1 is one seat number or a list ("7, 8 and 12"); %n is how many.
        return Notice{
            tr("Seat(s) %1 just taken", "", count).arg(KioskFormat::seatList(seatNumbers)),
            tr("Someone else got there first, so it left your selection. Please "
               "pick another seat.")};
    });
}

KioskController::Screen KioskController::destinationFor(ErrorCode code, Screen current)
{
    if (current == StartScreen || current == ReceiptScreen)
        return current; // no session to steer
    switch (KioskError::entry(code).next) {
    case KioskError::NextStep::Requeue:
    case KioskError::NextStep::AwaitTurn:
        return QueueScreen;
    case KioskError::NextStep::RepickSeats:
        return SeatsScreen;
    case KioskError::NextStep::StartOver:
        return StartScreen;
    case KioskError::NextStep::StepBack:
        // Checkout: the reservation is gone; seats or queue: the concert is gone.
        return current == CheckoutScreen ? SeatsScreen : StartScreen;
    case KioskError::NextStep::Stay:
    case KioskError::NextStep::KeepSeats:
    case KioskError::NextStep::TopUp:
    case KioskError::NextStep::Retry:
        break;
    }
    return current;
}

void KioskController::handleError(ErrorCode code, const QString &message)
{
    const KioskError::Entry &row = KioskError::entry(code);
    qCInfo(lcKiosk) << "error" << errorCodeName(code) << message << "on screen" << m_screen;
    const bool inSession = m_screen != StartScreen && m_screen != ReceiptScreen;
    if (row.kind != KioskError::RetryingNotice && row.kind != KioskError::ErrorNotice && !inSession)
        return; // an answer for a session the customer already left

    const Screen destination = destinationFor(code, m_screen);
    // Texts are written when shown and again when the customer switches language.
    std::function<QString()> text = [code] {
        return KioskError::text(code);
    };
    switch (row.next) {
    case KioskError::NextStep::Requeue:
    case KioskError::NextStep::AwaitTurn:
        dropHold();
        setScreen(destination);
        if (m_queue && row.next == KioskError::NextStep::AwaitTurn) {
            m_queue->checkStatus();
        } else if (m_queue) {
            if (code == ErrorCode::WrongConcert)
                m_queue->switchRoom(m_concertId); // this concert's own waiting room
            else
                m_queue->rejoin();
        }
        break;
    case KioskError::NextStep::RepickSeats:
        dropHold();
        setScreen(destination);
        Q_EMIT seatsInvalidated();
        break;
    case KioskError::NextStep::KeepSeats:
        if (code == ErrorCode::SeatLimit)
            text = [message] {
                return seatLimitText(message);
            };
        break;
    case KioskError::NextStep::TopUp:
        if (m_checkout && m_wallet) {
            const qint64 amount = m_checkout->amount();
            const qint64 balance = m_wallet->balance();
            text = [amount, balance] {
                return tr("These seats cost %1 and your balance is %2. Add at least %3 below, "
                          "then pay again.")
                    .arg(KioskFormat::money(amount), KioskFormat::money(balance),
                         KioskFormat::money(qMax<qint64>(amount - balance, 1)));
            };
            m_wallet->refresh();
        }
        break;
    case KioskError::NextStep::StartOver:
    case KioskError::NextStep::StepBack:
        if (destination == StartScreen) {
            startOver();
        } else if (destination != m_screen) {
            dropHold();
            setScreen(destination);
            Q_EMIT seatsInvalidated();
        }
        break;
    case KioskError::NextStep::Stay:
    case KioskError::NextStep::Retry:
        break;
    }
    if (code == ErrorCode::InvalidArgument && !message.isEmpty()) {
        text = [message, base = std::move(text)] {
            return tr("The ticket service said: “%1”. %2").arg(message, base());
        };
    }
    showNotice(row.kind, code, [code, text = std::move(text)] {
        return Notice{KioskError::title(code), text()};
    });
}

QString KioskController::seatLimitText(const QString &serverMessage)
{
    // The contract gives no field for the cap; a server that names it in its message
    // ("at most 8 seats") lets the kiosk say the number.
    static const QRegularExpression number(QStringLiteral("\\b(\\d{1,4})\\b"));
    const QRegularExpressionMatch match = number.match(serverMessage);
    if (!match.hasMatch())
        return KioskError::text(ErrorCode::SeatLimit);
    const int cap = match.captured(1).toInt();
    return tr("You can hold at most %n seat(s) for this concert, counting seats you hold or "
              "bought earlier. Please choose fewer seats.",
              "", cap);
}

void KioskController::setScreen(Screen screen)
{
    if (m_screen == screen)
        return;
    qCInfo(lcKiosk) << "screen" << m_screen << "->" << screen;
    m_screen = screen;
    Q_EMIT screenChanged();
}

void KioskController::showNotice(KioskError::NoticeKind kind, std::optional<ErrorCode> code,
                                 std::function<Notice()> render)
{
    const Notice notice = render();
    m_noticeRender = std::move(render);
    if (m_noticeKind == kind && m_noticeCode == code && m_noticeTitle == notice.title
        && m_noticeText == notice.text)
        return;
    m_noticeKind = kind;
    m_noticeCode = code;
    m_noticeTitle = notice.title;
    m_noticeText = notice.text;
    Q_EMIT noticeChanged();
}

void KioskController::retranslate()
{
    if (m_noticeTitle.isEmpty() || !m_noticeRender)
        return;
    const Notice notice = m_noticeRender();
    m_noticeTitle = notice.title;
    m_noticeText = notice.text;
    Q_EMIT noticeChanged();
}

void KioskController::clearNotice()
{
    if (m_noticeTitle.isEmpty())
        return;
    m_noticeKind = KioskError::InfoNotice;
    m_noticeCode.reset();
    m_noticeTitle.clear();
    m_noticeText.clear();
    m_noticeRender = nullptr;
    Q_EMIT noticeChanged();
}

void KioskController::admitted()
{
    if (m_screen != QueueScreen)
        return;
    if (m_noticeCode == ErrorCode::NotAdmitted)
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
        m_queue->forget(); // the payment spent the token: nothing to give back
    clearNotice();
    setScreen(ReceiptScreen);
}

void KioskController::reconnected()
{
    if (m_noticeKind == KioskError::RetryingNotice)
        clearNotice();
}
