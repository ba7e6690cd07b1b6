#include "kioskerror.h"

namespace KioskError {

Code fromErrorCode(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return InvalidArgument;
    case ErrorCode::TokenInvalid:
        return TokenInvalid;
    case ErrorCode::TokenExpired:
        return TokenExpired;
    case ErrorCode::AdminKeyInvalid:
        return AdminKeyInvalid;
    case ErrorCode::NotAdmitted:
        return NotAdmitted;
    case ErrorCode::Forbidden:
        return Forbidden;
    case ErrorCode::NotFound:
        return NotFound;
    case ErrorCode::MethodNotAllowed:
        return MethodNotAllowed;
    case ErrorCode::SeatUnavailable:
        return SeatUnavailable;
    case ErrorCode::InsufficientBalance:
        return InsufficientBalance;
    case ErrorCode::AlreadyPaid:
        return AlreadyPaid;
    case ErrorCode::HoldExpired:
        return HoldExpired;
    case ErrorCode::PayloadTooLarge:
        return PayloadTooLarge;
    case ErrorCode::Internal:
        return Internal;
    case ErrorCode::Unavailable:
        return Unavailable;
    }
    return Internal;
}

QString name(Code code)
{
    switch (code) {
    case None:
        return QStringLiteral("NONE");
    case Unreachable:
        return QStringLiteral("UNREACHABLE");
    case BadResponse:
        return QStringLiteral("BAD_RESPONSE");
    default:
        break;
    }
    for (ErrorCode wire :
         {ErrorCode::InvalidArgument, ErrorCode::TokenInvalid, ErrorCode::TokenExpired,
          ErrorCode::AdminKeyInvalid, ErrorCode::NotAdmitted, ErrorCode::Forbidden,
          ErrorCode::NotFound, ErrorCode::MethodNotAllowed, ErrorCode::SeatUnavailable,
          ErrorCode::InsufficientBalance, ErrorCode::AlreadyPaid, ErrorCode::HoldExpired,
          ErrorCode::PayloadTooLarge, ErrorCode::Internal, ErrorCode::Unavailable}) {
        if (fromErrorCode(wire) == code)
            return errorCodeName(wire);
    }
    return QStringLiteral("UNKNOWN");
}

bool isTransient(Code code)
{
    return code == Unavailable || code == Unreachable;
}

} // namespace KioskError
