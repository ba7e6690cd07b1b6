#pragma once

#include "apiclient.h"
#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

/**
 * @brief A customer's prepaid balance (api-contract.md, "Balance"): reads it with
 * `GET /api/v1/users/{userId}/balance` and adds money with `POST .../balance/charge`.
 */
class Wallet : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("apiclient.h")
    Q_PROPERTY(ApiClient *client READ client WRITE setClient NOTIFY clientChanged)
    /** @brief Canonical UUID of the customer; setting it reloads the balance. */
    Q_PROPERTY(QString userId READ userId WRITE setUserId NOTIFY userIdChanged)
    /** @brief Balance in KRW (>= 0); 0 until known. */
    Q_PROPERTY(qint64 balance READ balance NOTIFY balanceChanged)
    /** @brief True once the server told us the balance of userId. */
    Q_PROPERTY(bool known READ known NOTIFY balanceChanged)
    /** @brief True while a charge is in flight. */
    Q_PROPERTY(bool charging READ charging NOTIFY chargingChanged)
    /** @brief Largest single charge in KRW (10,000,000). */
    Q_PROPERTY(qint64 maxCharge READ maxCharge CONSTANT)

public:
    explicit Wallet(QObject *parent = nullptr);

    [[nodiscard]] ApiClient *client() const { return m_client; }
    void setClient(ApiClient *client);
    [[nodiscard]] QString userId() const { return m_userId; }
    void setUserId(const QString &userId);
    [[nodiscard]] qint64 balance() const { return m_balance; }
    [[nodiscard]] bool known() const { return m_known; }
    [[nodiscard]] bool charging() const { return m_charging; }
    [[nodiscard]] qint64 maxCharge() const;

    /** @brief True for an amount the server accepts for one charge: 1..10,000,000 KRW. */
    [[nodiscard]] Q_INVOKABLE bool isValidCharge(qint64 amount) const;
    /**
     * @brief Adds @p amount KRW. Returns false without a request for an invalid amount, while
     * another charge is in flight, or without a customer. charged() follows on success.
     * Each top-up carries an `Idempotency-Key`; a retry of the same amount after a top-up that
     * got no answer (or a 5xx) sends the same key, so the server adds the money once
     * (api-contract.md, "Balance: safe retries").
     */
    Q_INVOKABLE bool charge(qint64 amount);
    Q_INVOKABLE void refresh();
    /** @brief Takes a balance the server reported elsewhere (e.g. after a payment). */
    void setBalance(qint64 balance);

Q_SIGNALS:
    void clientChanged();
    void userIdChanged();
    void balanceChanged();
    void chargingChanged();
    /** @brief @p amount KRW were added; balance() is the new total. */
    void charged(qint64 amount);

private:
    void setCharging(bool charging);

    QPointer<ApiClient> m_client;
    QString m_userId;
    qint64 m_balance = 0;
    bool m_known = false;
    bool m_charging = false;
    quint64 m_generation = 0;
    // "Balance: safe retries": the Idempotency-Key of a top-up whose answer never arrived, kept
    // for a retry of the same amount so the server adds the money once.
    QByteArray m_idempotencyKey;
    qint64 m_idempotencyAmount = 0;
};
