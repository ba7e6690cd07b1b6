// The Korean translation is complete: lupdate runs over the kiosk's sources into a copy of each
// .ts file (the repository's files stay untouched), and the test fails on any Korean entry that
// is unfinished or new (a string added to the sources without a translation), on a translation
// that drops a placeholder (%1, %n), and on an English plural without its forms.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    bool unfinished = false;
    QStringList translations;
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            current =
                Message{context,
                        {},
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes")};
        } else if (name == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            current.unfinished = type == QLatin1String("unfinished")
                || type == QLatin1String("vanished") || type == QLatin1String("obsolete");
            if (!current.numerus)
                current.translations << xml.readElementText();
            else {
                while (xml.readNextStartElement())
                    current.translations << xml.readElementText();
            }
            messages << current;
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d|n)"));
    QSet<QString> found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found << match.captured(0);
    return found;
}

} // namespace

class TestKioskTranslations : public QObject
{
    Q_OBJECT

private:
    /** lupdate over the sources into a copy of @p tsFile; the copy's messages. */
    QList<Message> refreshed(const QString &tsFile)
    {
        const QString copy = m_temp.filePath(QFileInfo(tsFile).fileName());
        QFile::remove(copy);
        if (!QFile::copy(tsFile, copy))
            return {};
        QProcess lupdate;
        lupdate.start(QStringLiteral(KIOSK_LUPDATE),
                      {QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral("-no-obsolete"), QStringLiteral("-silent"),
                       QStringLiteral("@" KIOSK_I18N_SOURCE_LIST), QStringLiteral("-ts"), copy});
        if (!lupdate.waitForFinished(60000) || lupdate.exitCode() != 0) {
            qWarning() << "lupdate failed:" << lupdate.readAllStandardError();
            return {};
        }
        QString error;
        const QList<Message> messages = readTs(copy, &error);
        if (!error.isEmpty())
            qWarning() << copy << error;
        return messages;
    }

    QTemporaryDir m_temp;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_temp.isValid()); }

    void everyKoreanEntryIsTranslated()
    {
        const QList<Message> messages =
            refreshed(QStringLiteral(KIOSK_TS_DIR "/concert-kiosk_ko.ts"));
        QVERIFY(messages.size() >= 150);
        QStringList missing;
        for (const Message &message : messages) {
            const bool empty = message.translations.isEmpty()
                || std::any_of(message.translations.cbegin(), message.translations.cend(),
                               [](const QString &text) { return text.trimmed().isEmpty(); });
            if (message.unfinished || empty)
                missing << message.context + QStringLiteral(": ") + message.source;
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("%1 Korean entries unfinished or missing (run the "
                                           "concert_kiosk_lib_lupdate target, then translate):\n")
                                .arg(missing.size())
                            + missing.join(QLatin1Char('\n'))));
    }

    void koreanKeepsEveryPlaceholder()
    {
        QString error;
        const QList<Message> messages =
            readTs(QStringLiteral(KIOSK_TS_DIR "/concert-kiosk_ko.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList broken;
        for (const Message &message : messages) {
            QSet<QString> wanted = placeholders(message.source);
            for (const QString &translation : message.translations) {
                QSet<QString> have = placeholders(translation);
                if (message.numerus) { // Korean has one form; %n may be left implicit
                    wanted.remove(QStringLiteral("%n"));
                    have.remove(QStringLiteral("%n"));
                }
                if (have != wanted)
                    broken << message.source + QStringLiteral(" → ") + translation;
            }
        }
        QVERIFY2(broken.isEmpty(), qPrintable(broken.join(QLatin1Char('\n'))));
    }

    void everyEnglishPluralHasItsForms()
    {
        const QList<Message> messages =
            refreshed(QStringLiteral(KIOSK_TS_DIR "/concert-kiosk_en.ts"));
        QVERIFY(!messages.isEmpty());
        int plurals = 0;
        QStringList missing;
        for (const Message &message : messages) {
            if (!message.numerus)
                continue;
            ++plurals;
            if (message.unfinished || message.translations.size() != 2)
                missing << message.source;
        }
        QVERIFY(plurals >= 8);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestKioskTranslations)
#include "tst_kiosktranslations.moc"
