#pragma once

#include "payment.h"
#include "services/result.h"
#include "services/tokensigner.h"

#include <QByteArray>

#include <optional>

class Database;
class QueueService;
class TicketSigner;
struct Caller;

/**
 * @brief Payments (api-contract.md, "Payments").
 *
 * One transaction locks the reservation, then the token, then the balance row, then the
 * seats (always this order), takes the money only if the balance covers it, sells the seats,
 * confirms the reservation, records the payment and the ledger line, and expires the token.
 * Every method runs SQL: call it from a worker thread.
 */
class PaymentService
{
public:
    PaymentService(Database &database, QueueService &queue);

    /**
     * @brief The user's earlier payment made with @p idempotencyKey for @p reservationId, if
     * any: replayed with the same body even after the token expired. Errors: Unavailable.
     */
    Result<std::optional<Payment>> replay(const TokenClaims &claims, qint64 reservationId,
                                          const QByteArray &idempotencyKey);
    /**
     * @brief Pays reservation @p reservationId from the token user's balance.
     * Errors: NotFound, Forbidden (another user's), AlreadyPaid, TokenExpired, HoldExpired,
     * InsufficientBalance (nothing changes), InvalidArgument (the Idempotency-Key was used for
     * another reservation), Unavailable, Internal.
     */
    Result<Payment> pay(const TokenClaims &claims, qint64 reservationId,
                        const QByteArray &idempotencyKey);
    /**
     * @brief A counter payment (api-contract.md, "Box office": `POST /admin/payments`): pays
     * reservation @p reservationId from its user's balance, no queue token involved; audited as
     * `payment.create`. A repeat with the same @p idempotencyKey (for the reservation's user)
     * returns the same payment. Errors: NotFound, AlreadyPaid, HoldExpired (also RELEASED or
     * CANCELLED), InsufficientBalance (nothing changes), InvalidArgument (the key paid another
     * reservation), Unavailable, Internal.
     */
    Result<Payment> payAtCounter(const Caller &by, qint64 reservationId,
                                 const QByteArray &idempotencyKey);

    /** @brief Signs the `ticketCode` of the 201 bodies; without it they carry none. */
    void setTicketSigner(const TicketSigner *signer) { m_tickets = signer; }

private:
    Payment withTicket(Payment payment) const;

    Database &m_database;
    QueueService &m_queue;
    const TicketSigner *m_tickets = nullptr;
};
