// The error codes of api-contract.md: wire names, HTTP statuses and the JSON error body.

#include "apierror.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

class tst_ApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wireNameAndStatus_data();
    void wireNameAndStatus();
    void everyCodeHasItsOwnName();
    void unknownNamesAreRejected_data();
    void unknownNamesAreRejected();
    void bodyShape();
    void bodyRoundTrip_data();
    void bodyRoundTrip();
    void malformedBodiesAreRejected_data();
    void malformedBodiesAreRejected();
};

namespace {

// Every enumerator, first to last; everyCodeHasItsOwnName() checks nothing is missing.
const QList<ErrorCode> kAllCodes{
    ErrorCode::InvalidArgument, ErrorCode::TokenInvalid,
    ErrorCode::TokenExpired,    ErrorCode::AdminKeyInvalid,
    ErrorCode::NotAdmitted,     ErrorCode::Forbidden,
    ErrorCode::NotFound,        ErrorCode::MethodNotAllowed,
    ErrorCode::SeatUnavailable, ErrorCode::InsufficientBalance,
    ErrorCode::AlreadyPaid,     ErrorCode::HoldExpired,
    ErrorCode::PayloadTooLarge, ErrorCode::Internal,
    ErrorCode::Unavailable,     ErrorCode::ApiKeyInvalid,
    ErrorCode::WrongConcert,    ErrorCode::Conflict,
    ErrorCode::SeatLimit,       ErrorCode::TicketInvalid,
    ErrorCode::TicketCancelled, ErrorCode::UriTooLong,
    ErrorCode::HeadersTooLarge, ErrorCode::TooManyRequests,
    ErrorCode::NotImplemented,
};

} // namespace

void tst_ApiError::wireNameAndStatus_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("status");

    // The table of api-contract.md, written out independently of apierror.cpp.
    const struct
    {
        ErrorCode code;
        const char *name;
        int status;
    } rows[] = {
        {ErrorCode::InvalidArgument, "INVALID_ARGUMENT", 400},
        {ErrorCode::TokenInvalid, "TOKEN_INVALID", 401},
        {ErrorCode::TokenExpired, "TOKEN_EXPIRED", 401},
        {ErrorCode::AdminKeyInvalid, "ADMIN_KEY_INVALID", 401},
        {ErrorCode::NotAdmitted, "NOT_ADMITTED", 403},
        {ErrorCode::Forbidden, "FORBIDDEN", 403},
        {ErrorCode::NotFound, "NOT_FOUND", 404},
        {ErrorCode::MethodNotAllowed, "METHOD_NOT_ALLOWED", 405},
        {ErrorCode::SeatUnavailable, "SEAT_UNAVAILABLE", 409},
        {ErrorCode::InsufficientBalance, "INSUFFICIENT_BALANCE", 409},
        {ErrorCode::AlreadyPaid, "ALREADY_PAID", 409},
        {ErrorCode::HoldExpired, "HOLD_EXPIRED", 410},
        {ErrorCode::PayloadTooLarge, "PAYLOAD_TOO_LARGE", 413},
        {ErrorCode::Internal, "INTERNAL", 500},
        {ErrorCode::Unavailable, "UNAVAILABLE", 503},
        // "Additions to v1"
        {ErrorCode::ApiKeyInvalid, "API_KEY_INVALID", 401},
        {ErrorCode::WrongConcert, "WRONG_CONCERT", 403},
        {ErrorCode::Conflict, "CONFLICT", 409},
        {ErrorCode::SeatLimit, "SEAT_LIMIT", 409},
        {ErrorCode::TicketInvalid, "TICKET_INVALID", 400},
        {ErrorCode::TicketCancelled, "TICKET_CANCELLED", 409},
        {ErrorCode::UriTooLong, "URI_TOO_LONG", 414},
        {ErrorCode::HeadersTooLarge, "HEADERS_TOO_LARGE", 431},
        {ErrorCode::TooManyRequests, "TOO_MANY_REQUESTS", 429},
        {ErrorCode::NotImplemented, "NOT_IMPLEMENTED", 501},
    };
    for (const auto &row : rows)
        QTest::addRow("%s is %d", row.name, row.status)
            << row.code << QString::fromLatin1(row.name) << row.status;
}

void tst_ApiError::wireNameAndStatus()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);
    QFETCH(int, status);

    QCOMPARE(errorCodeName(code), name);
    QCOMPARE(httpStatusOf(code), status);
    QCOMPARE((ApiError{code, {}}.httpStatus()), status);
    QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));
}

void tst_ApiError::everyCodeHasItsOwnName()
{
    QCOMPARE(kAllCodes.size(), 25);
    QCOMPARE(int(kAllCodes.last()), kAllCodes.size() - 1); // no enumerator left out of the list
    QSet<QString> names;
    for (ErrorCode code : kAllCodes) {
        const QString name = errorCodeName(code);
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));
    }
}

void tst_ApiError::unknownNamesAreRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addRow("lower-case name is rejected") << QStringLiteral("seat_unavailable");
    QTest::addRow("empty name is rejected") << QString();
    QTest::addRow("name with a trailing space is rejected") << QStringLiteral("NOT_FOUND ");
    QTest::addRow("name the contract lacks is rejected") << QStringLiteral("OK");
    QTest::addRow("HTTP status instead of a name is rejected") << QStringLiteral("404");
}

void tst_ApiError::unknownNamesAreRejected()
{
    QFETCH(QString, name);
    QVERIFY(!errorCodeFromName(name));
}

void tst_ApiError::bodyShape()
{
    const ApiError error{ErrorCode::SeatUnavailable, QStringLiteral("seat 7 is held")};
    const QJsonObject expected = QJsonDocument::fromJson(
                                     R"({"error": {"code": "SEAT_UNAVAILABLE",
                                                   "message": "seat 7 is held"}})")
                                     .object();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(error.toJson(), expected);
    QCOMPARE(error.toJson().keys(), QStringList{QStringLiteral("error")});
    QCOMPARE(error.toJson().value(QLatin1String("error")).toObject().keys(),
             (QStringList{QStringLiteral("code"), QStringLiteral("message")}));
}

void tst_ApiError::bodyRoundTrip_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");
    for (ErrorCode code : kAllCodes)
        QTest::addRow("%s survives JSON text", qPrintable(errorCodeName(code)))
            << code << QStringLiteral("why it failed: \"quoted\", ünïcödé, 좌석");
}

void tst_ApiError::bodyRoundTrip()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);

    const QByteArray text = QJsonDocument(ApiError{code, message}.toJson()).toJson();
    const auto parsed = ApiError::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY(parsed);
    QCOMPARE(parsed->code, code);
    QCOMPARE(parsed->message, message);
}

void tst_ApiError::malformedBodiesAreRejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("empty object is rejected") << QByteArray("{}");
    QTest::addRow("error as a string is rejected") << QByteArray(R"({"error": "NOT_FOUND"})");
    QTest::addRow("code outside the error object is rejected")
        << QByteArray(R"({"code": "NOT_FOUND", "message": "x"})");
    QTest::addRow("unknown code is rejected")
        << QByteArray(R"({"error": {"code": "TEAPOT", "message": "x"}})");
    QTest::addRow("numeric code is rejected")
        << QByteArray(R"({"error": {"code": 404, "message": "x"}})");
}

void tst_ApiError::malformedBodiesAreRejected()
{
    QFETCH(QByteArray, json);
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(!ApiError::fromJson(object));
}

QTEST_GUILESS_MAIN(tst_ApiError)
#include "tst_apierror.moc"
