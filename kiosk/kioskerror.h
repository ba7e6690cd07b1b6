#pragma once

#include "apierror.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

/**
 * @brief The contract's ErrorCode (common/apierror.h) in QML, as `ErrorCode.SeatUnavailable`.
 *
 * The values are not copied: this registers the enum that common/ declares (with Q_ENUM_NS,
 * Qt::Core only) as a foreign namespace of the Concert.Kiosk module, so common/ stays free of
 * QML and a code added there appears here by itself.
 */
namespace ErrorCodeForeign {
Q_NAMESPACE
QML_FOREIGN_NAMESPACE(ErrorCodes)
QML_NAMED_ELEMENT(ErrorCode)
} // namespace ErrorCodeForeign

/**
 * @brief What the kiosk tells the customer after each error code, and what it does next: one
 * table keyed by ErrorCode (kioskerror.cpp). Adding a code to the contract means one row here;
 * a code without a row falls back to "Something went wrong, ask staff" (and tst_kioskcontroller
 * fails until the row exists).
 */
namespace KioskError {
Q_NAMESPACE
QML_ELEMENT

/** @brief How a notice looks. */
enum NoticeKind {
    InfoNotice, ///< something changed, nothing is wrong
    WarningNotice, ///< the customer's plan changed (seat taken, hold ended): the way forward
    ErrorNotice, ///< something failed; try again or ask staff
    RetryingNotice, ///< the server is unreachable; the kiosk retries by itself
};
Q_ENUM_NS(NoticeKind)

/** @brief What the kiosk does after an error, besides showing the notice. */
enum class NextStep {
    Stay, ///< nothing: the customer stays where they are and reads the notice
    Requeue, ///< the queue token is gone or of another room: back to the queue with a new one
    AwaitTurn, ///< the token is still WAITING: back to the queue screen, ask for the status
    RepickSeats, ///< the hold is gone or refused: back to the seat map, reloaded
    KeepSeats, ///< the hold was refused but the selection may be changed: stay on the seat map
    TopUp, ///< the balance is short: stay at checkout, say how much is missing, reread it
    StartOver, ///< nothing is left to do in this session (e.g. paid already)
    StepBack, ///< the reservation (checkout → seats) or the concert (seats, queue → start) is gone
    Retry, ///< the server is unreachable or busy: the kiosk retries by itself
};

/** @brief One row of the table. Texts are QT_TRANSLATE_NOOP("KioskError", ...) sources. */
struct Entry
{
    ErrorCode code;
    NoticeKind kind;
    NextStep next;
    const char *title; ///< the notice's headline
    /** @brief The explanation and next step; "%1" (when present) is the code's wire name. */
    const char *text;
};

/** @brief The row of @p code; a "Something went wrong" row for a code the table lacks. */
[[nodiscard]] const Entry &entry(ErrorCode code);
/** @brief True when @p code has its own row (false means the fallback row is used). */
[[nodiscard]] bool hasEntry(ErrorCode code);
/** @brief The translated headline for @p code, e.g. "Those seats were just taken". */
[[nodiscard]] QString title(ErrorCode code);
/** @brief The translated explanation and next step for @p code. */
[[nodiscard]] QString text(ErrorCode code);
/** @brief True for codes after which the same request may simply be sent again later. */
[[nodiscard]] bool isTransient(ErrorCode code);

} // namespace KioskError
