#include "apierror.h"

#include <array>
#include <utility>

namespace {

struct CodeInfo
{
    ErrorCode code;
    const char *name;
    int status;
};

constexpr std::array kCodes{
    CodeInfo{ErrorCode::InvalidArgument, "INVALID_ARGUMENT", 400},
    CodeInfo{ErrorCode::TokenInvalid, "TOKEN_INVALID", 401},
    CodeInfo{ErrorCode::TokenExpired, "TOKEN_EXPIRED", 401},
    CodeInfo{ErrorCode::AdminKeyInvalid, "ADMIN_KEY_INVALID", 401},
    CodeInfo{ErrorCode::NotAdmitted, "NOT_ADMITTED", 403},
    CodeInfo{ErrorCode::Forbidden, "FORBIDDEN", 403},
    CodeInfo{ErrorCode::NotFound, "NOT_FOUND", 404},
    CodeInfo{ErrorCode::MethodNotAllowed, "METHOD_NOT_ALLOWED", 405},
    CodeInfo{ErrorCode::SeatUnavailable, "SEAT_UNAVAILABLE", 409},
    CodeInfo{ErrorCode::InsufficientBalance, "INSUFFICIENT_BALANCE", 409},
    CodeInfo{ErrorCode::AlreadyPaid, "ALREADY_PAID", 409},
    CodeInfo{ErrorCode::HoldExpired, "HOLD_EXPIRED", 410},
    CodeInfo{ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE", 413},
    CodeInfo{ErrorCode::Internal, "INTERNAL", 500},
    CodeInfo{ErrorCode::Unavailable, "UNAVAILABLE", 503},
    CodeInfo{ErrorCode::ApiKeyInvalid, "API_KEY_INVALID", 401},
    CodeInfo{ErrorCode::WrongConcert, "WRONG_CONCERT", 403},
    CodeInfo{ErrorCode::Conflict, "CONFLICT", 409},
    CodeInfo{ErrorCode::SeatLimit, "SEAT_LIMIT", 409},
    CodeInfo{ErrorCode::TicketInvalid, "TICKET_INVALID", 400},
    CodeInfo{ErrorCode::TicketCancelled, "TICKET_CANCELLED", 409},
    CodeInfo{ErrorCode::UriTooLong, "URI_TOO_LONG", 414},
    CodeInfo{ErrorCode::HeadersTooLarge, "HEADERS_TOO_LARGE", 431},
    CodeInfo{ErrorCode::TooManyRequests, "TOO_MANY_REQUESTS", 429},
    CodeInfo{ErrorCode::NotImplemented, "NOT_IMPLEMENTED", 501},
};

const CodeInfo &infoOf(ErrorCode code)
{
    for (const CodeInfo &info : kCodes) {
        if (info.code == code)
            return info;
    }
    Q_UNREACHABLE();
    return kCodes.back();
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    return QString::fromLatin1(infoOf(code).name);
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (const CodeInfo &info : kCodes) {
        if (name == QLatin1String(info.name))
            return info.code;
    }
    return std::nullopt;
}

int httpStatusOf(ErrorCode code)
{
    return infoOf(code).status;
}

QJsonObject ApiError::toJson() const
{
    return QJsonObject{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), errorCodeName(code)},
                     {QStringLiteral("message"), message}}},
    };
}

std::optional<ApiError> ApiError::fromJson(const QJsonObject &json)
{
    const QJsonObject error = json.value(QLatin1String("error")).toObject();
    const std::optional<ErrorCode> code =
        errorCodeFromName(error.value(QLatin1String("code")).toString());
    if (!code)
        return std::nullopt;
    return ApiError{*code, error.value(QLatin1String("message")).toString()};
}
