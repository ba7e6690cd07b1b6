#pragma once

#include "kioskerror.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

class ApiClient;
class Checkout;
class QueueSession;
class Wallet;

/**
 * @brief Which screen the kiosk shows and what happens after each outcome: the customer's flow
 * Start → Queue → Seats → Checkout → Receipt, and for every error code of the contract the
 * notice the customer reads and the screen that offers a way forward (handleError()).
 *
 * It does not own the session objects; QML declares them and hands them over (client, queue,
 * wallet, checkout). Every ApiClient::errorOccurred() comes here.
 */
class KioskController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("apiclient.h")
    Q_MOC_INCLUDE("checkout.h")
    Q_MOC_INCLUDE("queuesession.h")
    Q_MOC_INCLUDE("wallet.h")
    Q_PROPERTY(ApiClient *client READ client WRITE setClient NOTIFY clientChanged)
    Q_PROPERTY(QueueSession *queue READ queue WRITE setQueue NOTIFY queueChanged)
    Q_PROPERTY(Wallet *wallet READ wallet WRITE setWallet NOTIFY walletChanged)
    Q_PROPERTY(Checkout *checkout READ checkout WRITE setCheckout NOTIFY checkoutChanged)
    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    /** @brief The customer's UUID; empty on the start screen. */
    Q_PROPERTY(QString userId READ userId NOTIFY sessionChanged)
    Q_PROPERTY(qint64 concertId READ concertId NOTIFY sessionChanged)
    Q_PROPERTY(QString concertTitle READ concertTitle NOTIFY sessionChanged)
    Q_PROPERTY(QString concertVenue READ concertVenue NOTIFY sessionChanged)
    /** @brief "YYYY-MM-DD" of the seat map last looked at; kept across screens. */
    Q_PROPERTY(QString date READ date WRITE setDate NOTIFY dateChanged)
    Q_PROPERTY(bool hasNotice READ hasNotice NOTIFY noticeChanged)
    Q_PROPERTY(KioskError::NoticeKind noticeKind READ noticeKind NOTIFY noticeChanged)
    /** @brief The wire name of the error behind the notice; empty for informative notices. */
    Q_PROPERTY(QString noticeCodeName READ noticeCodeName NOTIFY noticeChanged)
    Q_PROPERTY(QString noticeTitle READ noticeTitle NOTIFY noticeChanged)
    Q_PROPERTY(QString noticeText READ noticeText NOTIFY noticeChanged)
    /**
     * @brief False while the customer waits in the queue: waiting needs no input, so the idle
     * timeout must not throw them out. True everywhere else.
     */
    Q_PROPERTY(bool idleTimeoutApplies READ idleTimeoutApplies NOTIFY idleTimeoutAppliesChanged)

public:
    enum Screen { StartScreen, QueueScreen, SeatsScreen, CheckoutScreen, ReceiptScreen };
    Q_ENUM(Screen)

    explicit KioskController(QObject *parent = nullptr);

    [[nodiscard]] ApiClient *client() const { return m_client; }
    void setClient(ApiClient *client);
    [[nodiscard]] QueueSession *queue() const { return m_queue; }
    void setQueue(QueueSession *queue);
    [[nodiscard]] Wallet *wallet() const { return m_wallet; }
    void setWallet(Wallet *wallet);
    [[nodiscard]] Checkout *checkout() const { return m_checkout; }
    void setCheckout(Checkout *checkout);

    [[nodiscard]] Screen screen() const { return m_screen; }
    [[nodiscard]] QString userId() const { return m_userId; }
    [[nodiscard]] qint64 concertId() const { return m_concertId; }
    [[nodiscard]] QString concertTitle() const { return m_concertTitle; }
    [[nodiscard]] QString concertVenue() const { return m_concertVenue; }
    [[nodiscard]] QString date() const { return m_date; }
    void setDate(const QString &date);
    [[nodiscard]] bool hasNotice() const { return !m_noticeTitle.isEmpty(); }
    [[nodiscard]] KioskError::NoticeKind noticeKind() const { return m_noticeKind; }
    /** @brief The error behind the notice; std::nullopt for purely informative notices. */
    [[nodiscard]] std::optional<ErrorCode> noticeCode() const { return m_noticeCode; }
    [[nodiscard]] QString noticeCodeName() const
    {
        return m_noticeCode ? errorCodeName(*m_noticeCode) : QString();
    }
    [[nodiscard]] QString noticeTitle() const { return m_noticeTitle; }
    [[nodiscard]] QString noticeText() const { return m_noticeText; }
    [[nodiscard]] bool idleTimeoutApplies() const;

    /** @brief A fresh member number for a new customer: a random (version 4) UUID. */
    [[nodiscard]] Q_INVOKABLE QString newMemberId() const;
    /** @brief True for a member number the server accepts (an RFC 4122 UUID string). */
    [[nodiscard]] Q_INVOKABLE bool isValidMemberId(const QString &memberId) const;

    /**
     * @brief Start screen → queue: identifies the customer by @p memberId (trimmed UUID) for
     * concert @p concertId and asks for a queue token. Returns false and shows a notice for an
     * invalid member number or no concert.
     */
    Q_INVOKABLE bool begin(const QString &memberId, qint64 concertId, const QString &title,
                           const QString &venue);
    /** @brief Seats → checkout: holds @p seatNumbers on date() of the chosen concert. */
    Q_INVOKABLE bool holdSeats(const QList<int> &seatNumbers);
    /** @brief Pays the held seats. */
    Q_INVOKABLE bool pay();
    /**
     * @brief Checkout → seats: the customer gives the held seats back to choose again. The
     * hold is released on the server (`DELETE /api/v1/reservations/{id}`, in the background:
     * the seats are AVAILABLE for everyone at once) and the seat map is reloaded. Returns false
     * unless on the checkout screen with seats held (not while a payment is in flight).
     */
    Q_INVOKABLE bool changeSeats();
    /**
     * @brief Back to the start screen with nothing remembered ("Start over", "Leave the queue"
     * and the idle timeout). The customer's queue place and held seats are given back to the
     * server (QueueSession::leave()) without waiting for it.
     */
    Q_INVOKABLE void startOver();
    Q_INVOKABLE void dismissNotice();
    /**
     * @brief Writes the notice on screen again in the current language (call after a language
     * switch; the notice's numbers and seats stay as they were).
     */
    Q_INVOKABLE void retranslate();
    /** @brief Tells the customer that @p seatNumbers left their selection (taken meanwhile). */
    Q_INVOKABLE void reportSelectionLost(const QList<int> &seatNumbers);

    /**
     * @brief The screen that offers a way forward after @p code, seen on @p current: derived
     * from the code's KioskError::NextStep (the table in kioskerror.cpp).
     */
    [[nodiscard]] static Screen destinationFor(ErrorCode code, Screen current);
    /**
     * @brief The SEAT_LIMIT notice text: names the cap when @p serverMessage contains a number
     * ("at most 8 seats"), else the table's general text.
     */
    [[nodiscard]] static QString seatLimitText(const QString &serverMessage);

public Q_SLOTS:
    /**
     * @brief Shows what @p code means (KioskError::title()/text()) and takes its next step
     * (KioskError::entry(code).next): moves to the screen that offers a way forward.
     */
    void handleError(ErrorCode code, const QString &message);

Q_SIGNALS:
    void clientChanged();
    void queueChanged();
    void walletChanged();
    void checkoutChanged();
    void screenChanged();
    void sessionChanged();
    void dateChanged();
    void noticeChanged();
    void idleTimeoutAppliesChanged();
    /** @brief The seat map and dates on screen are out of date; reload them. */
    void seatsInvalidated();
    /** @brief startOver() ran: forget anything typed or chosen on the start screen. */
    void sessionReset();

private:
    void setScreen(Screen screen);
    struct Notice
    {
        QString title;
        QString text;
    };
    /** @brief Shows what @p render writes now, and again on retranslate(). */
    void showNotice(KioskError::NoticeKind kind, std::optional<ErrorCode> code,
                    std::function<Notice()> render);
    void clearNotice();
    void admitted();
    /** @brief Forgets the checkout; a hold still HELD is given back to the server first. */
    void dropHold();
    void held();
    void paid();
    void reconnected();

    QPointer<ApiClient> m_client;
    QPointer<QueueSession> m_queue;
    QPointer<Wallet> m_wallet;
    QPointer<Checkout> m_checkout;
    Screen m_screen = StartScreen;
    QString m_userId;
    qint64 m_concertId = 0;
    QString m_concertTitle;
    QString m_concertVenue;
    QString m_date;
    KioskError::NoticeKind m_noticeKind = KioskError::InfoNotice;
    std::optional<ErrorCode> m_noticeCode;
    QString m_noticeTitle;
    QString m_noticeText;
    std::function<Notice()> m_noticeRender;
    bool m_lastIdleTimeoutApplies = true;
};
