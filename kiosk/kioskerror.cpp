#include "kioskerror.h"

#include <QCoreApplication>

#include <array>

namespace KioskError {

namespace {

// The texts every "ask staff" row shares.
constexpr const char *kStaffText = QT_TRANSLATE_NOOP(
    "KioskError", "Please try again. If it keeps happening, ask a member of staff (code %1).");
constexpr const char *kWrongTitle = QT_TRANSLATE_NOOP("KioskError", "Something went wrong");

// One row per contract code. Order carries no meaning; tst_kioskcontroller checks that every
// ErrorCode (read from its QMetaEnum) has exactly one row.
constexpr std::array kTable{
    Entry{ErrorCode::InvalidArgument, ErrorNotice, NextStep::Stay,
          QT_TRANSLATE_NOOP("KioskError", "That was not accepted"), kStaffText},
    Entry{ErrorCode::TokenInvalid, WarningNotice, NextStep::Requeue,
          QT_TRANSLATE_NOOP("KioskError", "Your place in the queue was not recognised"),
          QT_TRANSLATE_NOOP("KioskError",
                            "We have put you back in the queue. You will be let "
                            "in again shortly.")},
    Entry{ErrorCode::TokenExpired, WarningNotice, NextStep::Requeue,
          QT_TRANSLATE_NOOP("KioskError", "Your shopping time is over"),
          QT_TRANSLATE_NOOP("KioskError",
                            "Each customer has a limited time to shop. You are "
                            "back in the queue and will be let in again shortly.")},
    Entry{ErrorCode::AdminKeyInvalid, ErrorNotice, NextStep::Stay, kWrongTitle, kStaffText},
    Entry{ErrorCode::NotAdmitted, InfoNotice, NextStep::AwaitTurn,
          QT_TRANSLATE_NOOP("KioskError", "It is not your turn yet"),
          QT_TRANSLATE_NOOP("KioskError", "Please wait in the queue a little longer.")},
    Entry{ErrorCode::Forbidden, ErrorNotice, NextStep::RepickSeats,
          QT_TRANSLATE_NOOP("KioskError", "That reservation is not yours"),
          QT_TRANSLATE_NOOP("KioskError", "Please pick your seats again.")},
    Entry{ErrorCode::NotFound, ErrorNotice, NextStep::StepBack,
          QT_TRANSLATE_NOOP("KioskError", "No longer available"),
          QT_TRANSLATE_NOOP("KioskError",
                            "That concert or reservation no longer exists. Please "
                            "choose again.")},
    Entry{ErrorCode::MethodNotAllowed, ErrorNotice, NextStep::Stay, kWrongTitle, kStaffText},
    Entry{ErrorCode::SeatUnavailable, WarningNotice, NextStep::RepickSeats,
          QT_TRANSLATE_NOOP("KioskError", "Those seats were just taken"),
          QT_TRANSLATE_NOOP("KioskError",
                            "Someone else got one of your seats a moment ago. The "
                            "map is up to date — please pick your seats again.")},
    Entry{ErrorCode::InsufficientBalance, WarningNotice, NextStep::TopUp,
          QT_TRANSLATE_NOOP("KioskError", "Not enough balance"),
          QT_TRANSLATE_NOOP("KioskError", "Add money to your balance below, then pay again.")},
    Entry{ErrorCode::AlreadyPaid, InfoNotice, NextStep::StartOver,
          QT_TRANSLATE_NOOP("KioskError", "Already paid"),
          QT_TRANSLATE_NOOP("KioskError",
                            "This reservation was paid already — the seats are "
                            "yours.")},
    Entry{ErrorCode::HoldExpired, WarningNotice, NextStep::RepickSeats,
          QT_TRANSLATE_NOOP("KioskError", "Your seat hold has ended"),
          QT_TRANSLATE_NOOP("KioskError",
                            "Seats are held for a few minutes only and the time "
                            "ran out. They are free again — please pick your "
                            "seats once more.")},
    Entry{ErrorCode::PayloadTooLarge, ErrorNotice, NextStep::Stay, kWrongTitle, kStaffText},
    Entry{ErrorCode::Internal, ErrorNotice, NextStep::Stay, kWrongTitle, kStaffText},
    Entry{ErrorCode::Unavailable, RetryingNotice, NextStep::Retry,
          QT_TRANSLATE_NOOP("KioskError", "Cannot reach the ticket service"),
          QT_TRANSLATE_NOOP("KioskError",
                            "Retrying by itself — there is no need to do "
                            "anything. Your place and your seats are kept.")},
    // Additions to v1 (December 2026)
    Entry{ErrorCode::ApiKeyInvalid, ErrorNotice, NextStep::Stay,
          QT_TRANSLATE_NOOP("KioskError", "Top-ups are not possible at this kiosk right now"),
          QT_TRANSLATE_NOOP("KioskError",
                            "The ticket service did not accept this kiosk's "
                            "terminal key. Please ask a member of staff "
                            "(code %1).")},
    Entry{ErrorCode::WrongConcert, WarningNotice, NextStep::Requeue,
          QT_TRANSLATE_NOOP("KioskError", "Your place in the queue was for another concert"),
          QT_TRANSLATE_NOOP("KioskError",
                            "We have put you in the queue for this concert. You "
                            "will be let in shortly.")},
    Entry{ErrorCode::Conflict, ErrorNotice, NextStep::Stay,
          QT_TRANSLATE_NOOP("KioskError", "That clashes with an earlier request"), kStaffText},
    Entry{ErrorCode::SeatLimit, WarningNotice, NextStep::KeepSeats,
          QT_TRANSLATE_NOOP("KioskError", "Seat limit reached"),
          QT_TRANSLATE_NOOP("KioskError",
                            "Each customer can hold or buy only a limited number "
                            "of seats for this concert. Please choose fewer "
                            "seats.")},
    Entry{ErrorCode::TicketInvalid, ErrorNotice, NextStep::Stay,
          QT_TRANSLATE_NOOP("KioskError", "This ticket code is not valid"), kStaffText},
    Entry{ErrorCode::TicketCancelled, ErrorNotice, NextStep::Stay,
          QT_TRANSLATE_NOOP("KioskError", "This ticket was cancelled"),
          QT_TRANSLATE_NOOP("KioskError", "Please ask a member of staff (code %1).")},
    Entry{ErrorCode::UriTooLong, ErrorNotice, NextStep::Stay, kWrongTitle, kStaffText},
    Entry{ErrorCode::HeadersTooLarge, ErrorNotice, NextStep::Stay, kWrongTitle, kStaffText},
    Entry{ErrorCode::TooManyRequests, WarningNotice, NextStep::Stay,
          QT_TRANSLATE_NOOP("KioskError", "Many people are joining right now"),
          QT_TRANSLATE_NOOP("KioskError",
                            "The ticket service asked this kiosk to wait a "
                            "moment. It tries again by itself — please stay.")},
    Entry{ErrorCode::NotImplemented, ErrorNotice, NextStep::Stay, kWrongTitle, kStaffText},
};

constexpr Entry kFallback{ErrorCode::Internal, ErrorNotice, NextStep::Stay, kWrongTitle,
                          kStaffText};

const Entry *find(ErrorCode code)
{
    for (const Entry &row : kTable) {
        if (row.code == code)
            return &row;
    }
    return nullptr;
}

} // namespace

const Entry &entry(ErrorCode code)
{
    const Entry *row = find(code);
    return row ? *row : kFallback;
}

bool hasEntry(ErrorCode code)
{
    return find(code) != nullptr;
}

QString title(ErrorCode code)
{
    return QCoreApplication::translate("KioskError", entry(code).title);
}

QString text(ErrorCode code)
{
    QString text = QCoreApplication::translate("KioskError", entry(code).text);
    if (text.contains(QLatin1String("%1")))
        text = text.arg(errorCodeName(code));
    return text;
}

bool isTransient(ErrorCode code)
{
    return entry(code).next == NextStep::Retry;
}

} // namespace KioskError
