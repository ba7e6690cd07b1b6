// The scalar formats of api-contract.md ("Conventions"): UUIDs, dates, ids, integers, strings,
// timestamps. Every reader must refuse what the contract calls malformed.

#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace JsonFields;

class tst_JsonFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalUuid_data();
    void canonicalUuid();
    void readUuid_data();
    void readUuid();

    void parseDate_data();
    void parseDate();
    void formatDate();
    void readDate_data();
    void readDate();

    void parseId_data();
    void parseId();

    void readInteger_data();
    void readInteger();
    void integerValueOfArrayElements();

    void readString_data();
    void readString();

    void formatTimestamp_data();
    void formatTimestamp();
    void parseTimestamp_data();
    void parseTimestamp();
    void timestampRoundTrip();
    void timestampOrNull();

    void strictJson_data();
    void strictJson();
};

namespace {

const QString kUuid = QStringLiteral("123e4567-e89b-12d3-a456-426614174000");

// {"v": <valueText>}, or {} for an empty valueText; fails the test on bad JSON.
QJsonObject objectWith(const QByteArray &valueText)
{
    const QByteArray text =
        valueText.isEmpty() ? QByteArray("{}") : QByteArray("{\"v\": ") + valueText + '}';
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in a test row: %s", text.constData());
    return document.object();
}

} // namespace

// --- UUIDs ---------------------------------------------------------------------------------

void tst_JsonFields::canonicalUuid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical"); // null: rejected

    QTest::addRow("canonical lower-case is accepted as is") << kUuid << kUuid;
    QTest::addRow("upper-case is accepted and lower-cased") << kUuid.toUpper() << kUuid;
    QTest::addRow("mixed case is accepted and lower-cased")
        << QStringLiteral("123E4567-e89b-12D3-A456-426614174000") << kUuid;
    QTest::addRow("braces are rejected") << u'{' + kUuid + u'}' << QString();
    QTest::addRow("urn form is rejected") << QStringLiteral("urn:uuid:") + kUuid << QString();
    QTest::addRow("no hyphens is rejected") << QString(kUuid).remove(u'-') << QString();
    QTest::addRow("one digit short is rejected") << kUuid.chopped(1) << QString();
    QTest::addRow("one digit long is rejected") << kUuid + u'0' << QString();
    QTest::addRow("non-hex digit is rejected")
        << QStringLiteral("123e4567-e89b-12d3-a456-42661417400g") << QString();
    QTest::addRow("hyphen in the wrong place is rejected")
        << QStringLiteral("123e456-7e89b-12d3-a456-426614174000") << QString();
    QTest::addRow("empty is rejected") << QString() << QString();
    QTest::addRow("leading space is rejected") << u' ' + kUuid << QString();
    QTest::addRow("trailing space is rejected") << kUuid + u' ' << QString();
    QTest::addRow("trailing newline is rejected") << kUuid + u'\n' << QString();
    QTest::addRow("full-width digit is rejected")
        << QStringLiteral("123e4567-e89b-12d3-a456-42661417400") + QChar(0xFF10) << QString();
}

void tst_JsonFields::canonicalUuid()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);

    const std::optional<QString> result = JsonFields::canonicalUuid(text);
    if (canonical.isNull()) {
        QVERIFY2(!result, qPrintable(result.value_or(QString())));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, canonical);
    }
}

void tst_JsonFields::readUuid_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("canonical"); // null: rejected
    QTest::addColumn<QString>("why");

    QTest::addRow("string UUID is read")
        << QByteArray("\"123E4567-E89B-12D3-A456-426614174000\"") << kUuid << QString();
    QTest::addRow("missing key names the field")
        << QByteArray() << QString() << QStringLiteral("v is required");
    QTest::addRow("number is rejected") << QByteArray("123") << QString() << QStringLiteral("v ");
    QTest::addRow("null is rejected") << QByteArray("null") << QString() << QStringLiteral("v ");
    QTest::addRow("escaped newline inside the string is rejected")
        << QByteArray("\"123e4567-e89b-12d3-a456-426614174000\\n\"") << QString()
        << QStringLiteral("v ");
}

void tst_JsonFields::readUuid()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, canonical);
    QFETCH(QString, why);

    QString reason;
    const auto result = JsonFields::readUuid(objectWith(value), QStringLiteral("v"), &reason);
    if (canonical.isNull()) {
        QVERIFY(!result);
        QVERIFY2(reason.startsWith(why), qPrintable(reason));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, canonical);
    }
}

// --- dates ---------------------------------------------------------------------------------

void tst_JsonFields::parseDate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("date"); // invalid: rejected

    QTest::addRow("plain date is accepted") << QStringLiteral("2027-03-01") << QDate(2027, 3, 1);
    QTest::addRow("29 February of a leap year is accepted")
        << QStringLiteral("2028-02-29") << QDate(2028, 2, 29);
    QTest::addRow("31 December is accepted") << QStringLiteral("2027-12-31") << QDate(2027, 12, 31);
    QTest::addRow("29 February of a common year is rejected")
        << QStringLiteral("2027-02-29") << QDate();
    QTest::addRow("30 February is rejected") << QStringLiteral("2027-02-30") << QDate();
    QTest::addRow("31 April is rejected") << QStringLiteral("2027-04-31") << QDate();
    QTest::addRow("month 13 is rejected") << QStringLiteral("2027-13-01") << QDate();
    QTest::addRow("month 0 is rejected") << QStringLiteral("2027-00-10") << QDate();
    QTest::addRow("day 0 is rejected") << QStringLiteral("2027-03-00") << QDate();
    QTest::addRow("unpadded month and day are rejected") << QStringLiteral("2027-3-1") << QDate();
    QTest::addRow("two-digit year is rejected") << QStringLiteral("27-03-01") << QDate();
    QTest::addRow("slashes are rejected") << QStringLiteral("2027/03/01") << QDate();
    QTest::addRow("timestamp is rejected") << QStringLiteral("2027-03-01T00:00:00Z") << QDate();
    QTest::addRow("leading space is rejected") << QStringLiteral(" 2027-03-01") << QDate();
    QTest::addRow("trailing newline is rejected") << QStringLiteral("2027-03-01\n") << QDate();
    QTest::addRow("empty is rejected") << QString() << QDate();
}

void tst_JsonFields::parseDate()
{
    QFETCH(QString, text);
    QFETCH(QDate, date);

    const std::optional<QDate> result = JsonFields::parseDate(text);
    if (!date.isValid()) {
        QVERIFY2(!result, qPrintable(result.value_or(QDate()).toString(Qt::ISODate)));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, date);
    }
}

void tst_JsonFields::formatDate()
{
    QCOMPARE(JsonFields::formatDate(QDate(2027, 3, 1)), QStringLiteral("2027-03-01"));
    QCOMPARE(JsonFields::formatDate(QDate(2027, 12, 31)), QStringLiteral("2027-12-31"));
    const QDate date(2028, 2, 29);
    QCOMPARE(JsonFields::parseDate(JsonFields::formatDate(date)), std::optional<QDate>(date));
}

void tst_JsonFields::readDate_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("why");

    QTest::addRow("date string is read")
        << QByteArray("\"2027-03-01\"") << QDate(2027, 3, 1) << QString();
    QTest::addRow("missing date names the field")
        << QByteArray() << QDate() << QStringLiteral("v is required");
    QTest::addRow("impossible date names the field")
        << QByteArray("\"2027-02-30\"") << QDate() << QStringLiteral("v must be a date");
    QTest::addRow("number is rejected")
        << QByteArray("20270301") << QDate() << QStringLiteral("v must be a date");
}

void tst_JsonFields::readDate()
{
    QFETCH(QByteArray, value);
    QFETCH(QDate, date);
    QFETCH(QString, why);

    QString reason;
    const auto result = JsonFields::readDate(objectWith(value), QStringLiteral("v"), &reason);
    if (!date.isValid()) {
        QVERIFY(!result);
        QVERIFY2(reason.startsWith(why), qPrintable(reason));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, date);
    }
}

// --- ids -----------------------------------------------------------------------------------

void tst_JsonFields::parseId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("id"); // 0: rejected

    QTest::addRow("1 is accepted") << QStringLiteral("1") << qint64(1);
    QTest::addRow("42 is accepted") << QStringLiteral("42") << qint64(42);
    QTest::addRow("2^63-1 is accepted") << QStringLiteral("9223372036854775807") << kMaxId;
    QTest::addRow("0 is rejected") << QStringLiteral("0") << qint64(0);
    QTest::addRow("-1 is rejected") << QStringLiteral("-1") << qint64(0);
    QTest::addRow("2^63 is rejected") << QStringLiteral("9223372036854775808") << qint64(0);
    QTest::addRow("20 digits are rejected") << QStringLiteral("12345678901234567890") << qint64(0);
    QTest::addRow("1.5 is rejected") << QStringLiteral("1.5") << qint64(0);
    QTest::addRow("abc is rejected") << QStringLiteral("abc") << qint64(0);
    QTest::addRow("empty is rejected") << QString() << qint64(0);
    QTest::addRow("plus sign is rejected") << QStringLiteral("+1") << qint64(0);
    QTest::addRow("leading space is rejected") << QStringLiteral(" 1") << qint64(0);
    QTest::addRow("trailing space is rejected") << QStringLiteral("1 ") << qint64(0);
    QTest::addRow("exponent is rejected") << QStringLiteral("1e3") << qint64(0);
    QTest::addRow("hex is rejected") << QStringLiteral("0x10") << qint64(0);
    QTest::addRow("full-width digit is rejected") << QString(QChar(0xFF11)) << qint64(0);
}

void tst_JsonFields::parseId()
{
    QFETCH(QString, text);
    QFETCH(qint64, id);

    const std::optional<qint64> result = JsonFields::parseId(text);
    if (id == 0) {
        QVERIFY2(!result, qPrintable(QString::number(result.value_or(0))));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, id);
    }
}

// --- integers inside JSON ------------------------------------------------------------------

void tst_JsonFields::readInteger_data()
{
    QTest::addColumn<QByteArray>("value"); // JSON text of "v"; empty: the key is missing
    QTest::addColumn<qint64>("min");
    QTest::addColumn<qint64>("max");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<QString>("why"); // the reason starts with this when rejected

    const QString notInteger = QStringLiteral("v must be an integer");
    const QString outOfRange = QStringLiteral("v must be between 1 and 10");

    QTest::addRow("7 within 1..10 is accepted")
        << QByteArray("7") << 1LL << 10LL << true << 7LL << QString();
    QTest::addRow("lower bound is accepted")
        << QByteArray("1") << 1LL << 10LL << true << 1LL << QString();
    QTest::addRow("upper bound is accepted")
        << QByteArray("10") << 1LL << 10LL << true << 10LL << QString();
    QTest::addRow("below the range is rejected")
        << QByteArray("0") << 1LL << 10LL << false << 0LL << outOfRange;
    QTest::addRow("above the range is rejected")
        << QByteArray("11") << 1LL << 10LL << false << 0LL << outOfRange;
    QTest::addRow("-1 is rejected")
        << QByteArray("-1") << 1LL << 10LL << false << 0LL << outOfRange;
    QTest::addRow("1.5 is rejected")
        << QByteArray("1.5") << 1LL << 10LL << false << 0LL << notInteger;
    QTest::addRow("string \"7\" is rejected")
        << QByteArray("\"7\"") << 1LL << 10LL << false << 0LL << notInteger;
    QTest::addRow("true is rejected")
        << QByteArray("true") << 1LL << 10LL << false << 0LL << notInteger;
    QTest::addRow("null is rejected")
        << QByteArray("null") << 1LL << 10LL << false << 0LL << notInteger;
    QTest::addRow("array is rejected")
        << QByteArray("[7]") << 1LL << 10LL << false << 0LL << notInteger;
    QTest::addRow("object is rejected")
        << QByteArray("{}") << 1LL << 10LL << false << 0LL << notInteger;
    QTest::addRow("missing key is rejected")
        << QByteArray() << 1LL << 10LL << false << 0LL << QStringLiteral("v is required");
    QTest::addRow("1e20 is rejected")
        << QByteArray("1e20") << 1LL << kMaxId << false << 0LL << notInteger;
    QTest::addRow("2^63 is rejected")
        << QByteArray("9223372036854775808") << 1LL << kMaxId << false << 0LL << notInteger;
    QTest::addRow("2^63-1 is accepted exactly")
        << QByteArray("9223372036854775807") << 1LL << kMaxId << true << kMaxId << QString();
    // Money must never pass through a double: 2^53+1 has no exact double.
    QTest::addRow("2^53+1 is accepted exactly") << QByteArray("9007199254740993") << 1LL << kMaxId
                                                << true << 9007199254740993LL << QString();
    QTest::addRow("10,000,000 in 1..10,000,000 is accepted")
        << QByteArray("10000000") << 1LL << 10'000'000LL << true << 10'000'000LL << QString();
    QTest::addRow("10,000,001 in 1..10,000,000 is rejected")
        << QByteArray("10000001") << 1LL << 10'000'000LL << false << 0LL
        << QStringLiteral("v must be between 1 and 10000000");
}

void tst_JsonFields::readInteger()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, min);
    QFETCH(qint64, max);
    QFETCH(bool, accepted);
    QFETCH(qint64, expected);
    QFETCH(QString, why);

    const QJsonObject object = objectWith(value);
    QString reason;
    const auto result = JsonFields::readInteger(object, QStringLiteral("v"), min, max, &reason);
    if (accepted) {
        QVERIFY2(result, qPrintable(reason));
        QCOMPARE(*result, expected);
    } else {
        QVERIFY2(!result, qPrintable(QString::number(result.value_or(0))));
        QVERIFY2(reason.startsWith(why), qPrintable(reason));
    }

    // The bare-value reader gives the same verdict.
    QString valueReason;
    const auto bare = JsonFields::integerValue(object.value(QLatin1String("v")),
                                               QStringLiteral("v"), min, max, &valueReason);
    QCOMPARE(bare, result);
    QCOMPARE(valueReason, reason);
}

void tst_JsonFields::integerValueOfArrayElements()
{
    const QJsonArray array = QJsonDocument::fromJson("[7, 7.5, \"7\"]").array();
    QCOMPARE(JsonFields::integerValue(array.at(0), QStringLiteral("seat"), 1, 50),
             std::optional<qint64>(7));
    QString why;
    QVERIFY(!JsonFields::integerValue(array.at(1), QStringLiteral("seat"), 1, 50, &why));
    QCOMPARE(why, QStringLiteral("seat must be an integer"));
    QVERIFY(!JsonFields::integerValue(array.at(2), QStringLiteral("seat"), 1, 50));
    QVERIFY(!JsonFields::integerValue(array.at(3), QStringLiteral("seat"), 1, 50)); // past the end
}

// --- strings -------------------------------------------------------------------------------

void tst_JsonFields::readString_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected"); // null: rejected

    QTest::addRow("plain string is read") << QByteArray("\"Hall\"") << QStringLiteral("Hall");
    QTest::addRow("surrounding spaces are trimmed")
        << QByteArray("\"  Seoul  \"") << QStringLiteral("Seoul");
    QTest::addRow("5 characters in 1..5 are accepted")
        << QByteArray("\"abcde\"") << QStringLiteral("abcde");
    QTest::addRow("6 characters in 1..5 are rejected") << QByteArray("\"abcdef\"") << QString();
    QTest::addRow("empty string is rejected") << QByteArray("\"\"") << QString();
    QTest::addRow("spaces only are rejected") << QByteArray("\"   \"") << QString();
    QTest::addRow("number is rejected") << QByteArray("5") << QString();
    QTest::addRow("null is rejected") << QByteArray("null") << QString();
    QTest::addRow("missing key is rejected") << QByteArray() << QString();
}

void tst_JsonFields::readString()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);

    QString why;
    const auto result = JsonFields::readString(objectWith(value), QStringLiteral("v"), 5, &why);
    if (expected.isNull()) {
        QVERIFY(!result);
        QVERIFY2(why.startsWith(QLatin1String("v ")), qPrintable(why));
    } else {
        QVERIFY2(result, qPrintable(why));
        QCOMPARE(*result, expected);
    }
}

// --- timestamps ----------------------------------------------------------------------------

void tst_JsonFields::formatTimestamp_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("text");

    QTest::addRow("UTC time is written with Z")
        << QDateTime(QDate(2027, 3, 1), QTime(10, 15, 30), Qt::UTC)
        << QStringLiteral("2027-03-01T10:15:30Z");
    QTest::addRow("single digits are zero-padded")
        << QDateTime(QDate(2027, 1, 2), QTime(3, 4, 5), Qt::UTC)
        << QStringLiteral("2027-01-02T03:04:05Z");
    QTest::addRow("other offsets are converted to UTC")
        << QDateTime(QDate(2027, 3, 1), QTime(19, 15, 30), Qt::OffsetFromUTC, 9 * 3600)
        << QStringLiteral("2027-03-01T10:15:30Z");
    QTest::addRow("conversion crosses midnight")
        << QDateTime(QDate(2027, 3, 1), QTime(1, 0, 0), Qt::OffsetFromUTC, 9 * 3600)
        << QStringLiteral("2027-02-28T16:00:00Z");
    QTest::addRow("milliseconds are not written")
        << QDateTime(QDate(2027, 3, 1), QTime(10, 15, 30, 999), Qt::UTC)
        << QStringLiteral("2027-03-01T10:15:30Z");
}

void tst_JsonFields::formatTimestamp()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, text);
    QCOMPARE(JsonFields::formatTimestamp(time), text);
}

void tst_JsonFields::parseTimestamp_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("time"); // invalid: rejected

    const QDate day(2027, 3, 1);
    QTest::addRow("contract example is accepted")
        << QStringLiteral("2027-03-01T10:15:30Z") << QDateTime(day, QTime(10, 15, 30), Qt::UTC);
    QTest::addRow("milliseconds are accepted") << QStringLiteral("2027-03-01T10:15:30.123Z")
                                               << QDateTime(day, QTime(10, 15, 30, 123), Qt::UTC);
    QTest::addRow("tenths are accepted") << QStringLiteral("2027-03-01T10:15:30.5Z")
                                         << QDateTime(day, QTime(10, 15, 30, 500), Qt::UTC);
    QTest::addRow("offset instead of Z is rejected")
        << QStringLiteral("2027-03-01T10:15:30+00:00") << QDateTime();
    QTest::addRow("Korean offset is rejected")
        << QStringLiteral("2027-03-01T19:15:30+09:00") << QDateTime();
    QTest::addRow("local time without Z is rejected")
        << QStringLiteral("2027-03-01T10:15:30") << QDateTime();
    QTest::addRow("space instead of T is rejected")
        << QStringLiteral("2027-03-01 10:15:30Z") << QDateTime();
    QTest::addRow("missing seconds are rejected")
        << QStringLiteral("2027-03-01T10:15Z") << QDateTime();
    QTest::addRow("30 February is rejected")
        << QStringLiteral("2027-02-30T10:15:30Z") << QDateTime();
    QTest::addRow("hour 25 is rejected") << QStringLiteral("2027-03-01T25:15:30Z") << QDateTime();
    QTest::addRow("minute 60 is rejected") << QStringLiteral("2027-03-01T10:60:30Z") << QDateTime();
    QTest::addRow("date alone is rejected") << QStringLiteral("2027-03-01") << QDateTime();
    QTest::addRow("trailing newline is rejected")
        << QStringLiteral("2027-03-01T10:15:30Z\n") << QDateTime();
    QTest::addRow("empty is rejected") << QString() << QDateTime();
}

void tst_JsonFields::parseTimestamp()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, time);

    const std::optional<QDateTime> result = JsonFields::parseTimestamp(text);
    if (!time.isValid()) {
        QVERIFY2(!result, qPrintable(result.value_or(QDateTime()).toString(Qt::ISODateWithMs)));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, time);
        QCOMPARE(result->timeSpec(), Qt::UTC);
    }
}

void tst_JsonFields::timestampRoundTrip()
{
    const QDateTime start(QDate(2027, 3, 1), QTime(0, 0, 0), Qt::UTC);
    for (qint64 seconds : {0LL, 1LL, 59LL, 3600LL, 86'399LL, 86'400LL * 366 + 12'345}) {
        const QDateTime time = start.addSecs(seconds);
        const auto parsed = JsonFields::parseTimestamp(JsonFields::formatTimestamp(time));
        QVERIFY(parsed);
        QCOMPARE(*parsed, time);
    }
}

void tst_JsonFields::timestampOrNull()
{
    QVERIFY(JsonFields::timestampOrNull(std::nullopt).isNull());
    QVERIFY(JsonFields::timestampOrNull(QDateTime()).isNull()); // invalid: null, not ""
    const QDateTime time(QDate(2027, 3, 1), QTime(10, 15, 30), Qt::UTC);
    QCOMPARE(JsonFields::timestampOrNull(time), QJsonValue(QStringLiteral("2027-03-01T10:15:30Z")));
}

void tst_JsonFields::strictJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("a plain object is accepted") << QByteArray(R"({"amount": 5000})") << true;
    QTest::addRow("negative and zero integers are accepted")
        << QByteArray(R"({"a": -1, "b": 0, "c": [1, 2]})") << true;
    QTest::addRow("nested objects may repeat a key of another object")
        << QByteArray(R"({"a": {"x": 1}, "b": {"x": 2}})") << true;
    QTest::addRow("a surrogate pair is accepted") << QByteArray(R"({"t": "\ud83c\udfb5"})") << true;
    QTest::addRow("raw UTF-8 is accepted")
        << QByteArray("{\"t\": \"\xec\x84\x9c\xec\x9a\xb8\"}") << true;
    QTest::addRow("escaped quote, slash and backslash are accepted")
        << QByteArray(R"({"t": "a\"b\/c\\d"})") << true;
    QTest::addRow("1e1 is refused") << QByteArray(R"({"amount": 1e1})") << false;
    QTest::addRow("1.0 is refused") << QByteArray(R"({"amount": 1.0})") << false;
    QTest::addRow("1. is refused") << QByteArray(R"({"amount": 1.})") << false;
    QTest::addRow("1E+2 in an array is refused") << QByteArray(R"({"s": [1, 1E+2]})") << false;
    QTest::addRow("a repeated key is refused") << QByteArray(R"({"a": 1, "a": 1})") << false;
    QTest::addRow("a repeated key spelt with an escape is refused")
        << QByteArray(R"({"a": 1, "\u0061": 2})") << false;
    QTest::addRow("an unpaired high surrogate is refused")
        << QByteArray(R"({"title": "\ud800"})") << false;
    QTest::addRow("an unpaired low surrogate is refused")
        << QByteArray(R"({"title": "x\udc00y"})") << false;
    QTest::addRow("a high surrogate before a letter is refused")
        << QByteArray(R"({"title": "\ud800\u0041"})") << false;
    QTest::addRow("an escaped NUL is refused") << QByteArray(R"({"title": "a\u0000"})") << false;
    QTest::addRow("an escaped newline is refused") << QByteArray(R"({"title": "a\nb"})") << false;
    QTest::addRow("a raw tab is refused") << QByteArray("{\"title\": \"a\tb\"}") << false;
    QTest::addRow("an encoded surrogate in UTF-8 is refused")
        << QByteArray("{\"t\": \"\xed\xa0\x80\"}") << false;
    QTest::addRow("a leading zero is refused") << QByteArray(R"({"a": 01})") << false;
    QTest::addRow("text after the value is refused") << QByteArray(R"({"a": 1} x)") << false;
    QTest::addRow("an unterminated string is refused") << QByteArray(R"({"a": "x)") << false;
    QTest::addRow("deep nesting is refused")
        << QByteArray(200, '[') + QByteArray(200, ']') << false;
}

void tst_JsonFields::strictJson()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);
    const auto problem = JsonFields::strictJsonProblem(body);
    QVERIFY2(problem.has_value() != accepted, qPrintable(problem.value_or(QStringLiteral("-"))));
    if (problem)
        QVERIFY(!problem->isEmpty());
}

QTEST_GUILESS_MAIN(tst_JsonFields)
#include "tst_jsonfields.moc"
