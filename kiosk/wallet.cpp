#include "wallet.h"

#include "apiclient.h"
#include "balance.h"

#include <QUuid>

Wallet::Wallet(QObject *parent)
    : QObject(parent)
{ }

void Wallet::setClient(ApiClient *client)
{
    if (m_client == client)
        return;
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (m_client)
        connect(m_client, &ApiClient::reconnected, this, [this]() {
            if (!m_known)
                refresh();
        });
    Q_EMIT clientChanged();
    refresh();
}

void Wallet::setUserId(const QString &userId)
{
    if (m_userId == userId)
        return;
    ++m_generation;
    m_userId = userId;
    m_balance = 0;
    m_known = false;
    m_idempotencyKey.clear();
    setCharging(false);
    Q_EMIT userIdChanged();
    Q_EMIT balanceChanged();
    refresh();
}

qint64 Wallet::maxCharge() const
{
    return kMaxChargeAmount;
}

bool Wallet::isValidCharge(qint64 amount) const
{
    return amount >= 1 && amount <= kMaxChargeAmount;
}

bool Wallet::charge(qint64 amount)
{
    if (!m_client || m_userId.isEmpty() || m_charging || !isValidCharge(amount))
        return false;
    setCharging(true);
    const quint64 generation = m_generation;
    // A retry of a top-up that got no answer reuses its key (api-contract.md, "Balance: safe
    // retries"): if the first one did reach the server, the money is added once.
    if (m_idempotencyKey.isEmpty() || m_idempotencyAmount != amount) {
        m_idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
        m_idempotencyAmount = amount;
    }
    m_client->postAs<Balance>(
        QStringLiteral("/api/v1/users/%1/balance/charge").arg(m_userId),
        ChargeRequest{amount}.toJson(), this,
        [this, generation, amount](const Balance &balance) {
            if (generation != m_generation)
                return;
            setCharging(false);
            m_idempotencyKey.clear();
            setBalance(balance.balance);
            Q_EMIT charged(amount);
        },
        [this, generation](const ApiClient::Failure &failure) {
            if (generation != m_generation)
                return;
            setCharging(false);
            // An answered 4xx settled this top-up: the next one is a new charge.
            if (failure.kind == ApiClient::Failure::Kind::Answered && failure.httpStatus < 500)
                m_idempotencyKey.clear();
        },
        ApiClient::Auth::ApiKey, // `--charges key` servers take top-ups only with a key
        m_idempotencyKey);
    return true;
}

void Wallet::refresh()
{
    if (!m_client || m_userId.isEmpty())
        return;
    const quint64 generation = m_generation;
    m_client->getAs<Balance>(
        QStringLiteral("/api/v1/users/%1/balance").arg(m_userId), this,
        [this, generation](const Balance &balance) {
            if (generation == m_generation)
                setBalance(balance.balance);
        },
        {}, ApiClient::Auth::None);
}

void Wallet::setBalance(qint64 balance)
{
    if (m_known && m_balance == balance)
        return;
    m_balance = balance;
    m_known = true;
    Q_EMIT balanceChanged();
}

void Wallet::setCharging(bool charging)
{
    if (m_charging == charging)
        return;
    m_charging = charging;
    Q_EMIT chargingChanged();
}
