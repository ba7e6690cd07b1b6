#include "services/accesscontrol.h"

#include "data/apikeyrepository.h"
#include "data/auditrepository.h"
#include "data/database.h"
#include "jsonfields.h"
#include "services/clock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcAudit, "concert.server.audit")

namespace {

const QString kBootstrapName = QStringLiteral("bootstrap");
constexpr int kPrefixLength = 11; // "ck_" and 8 characters of the key

bool sameDigest(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0; // constant time: no early exit on the first wrong byte
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

ApiError apiKeyInvalid()
{
    return ApiError{ErrorCode::ApiKeyInvalid, QStringLiteral("X-Api-Key is wrong or revoked")};
}

ApiKeyInfo infoOf(const ApiKeyRow &row)
{
    return ApiKeyInfo{
        row.id,     row.name,      keyRoleFromName(row.role).value_or(KeyRole::Terminal),
        row.prefix, row.createdAt, row.revokedAt,
        {}};
}

} // namespace

QString keyRoleName(KeyRole role)
{
    switch (role) {
    case KeyRole::Admin:
        return QStringLiteral("ADMIN");
    case KeyRole::Staff:
        return QStringLiteral("STAFF");
    case KeyRole::Terminal:
        return QStringLiteral("TERMINAL");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<KeyRole> keyRoleFromName(QStringView name)
{
    for (KeyRole role : {KeyRole::Admin, KeyRole::Staff, KeyRole::Terminal}) {
        if (name == keyRoleName(role))
            return role;
    }
    return std::nullopt;
}

QJsonObject ApiKeyInfo::toJson() const
{
    QJsonObject json{
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("role"), keyRoleName(role)},
        {QStringLiteral("prefix"), prefix},
        {QStringLiteral("createdAt"), JsonFields::formatTimestamp(createdAt)},
        {QStringLiteral("revokedAt"),
         JsonFields::timestampOrNull(revokedAt.isValid() ? std::optional<QDateTime>(revokedAt)
                                                         : std::nullopt)}};
    if (!key.isEmpty())
        json.insert(QStringLiteral("key"), key);
    return json;
}

QJsonObject AuditEntry::toJson() const
{
    return QJsonObject{{QStringLiteral("at"), JsonFields::formatTimestamp(at)},
                       {QStringLiteral("keyName"), keyName},
                       {QStringLiteral("action"), action},
                       {QStringLiteral("target"), target},
                       {QStringLiteral("detail"), detail}};
}

AccessControl::AccessControl(Database &database, const QString &bootstrapKey, int refreshMs)
    : m_database(database)
    , m_bootstrapHash(bootstrapKey.isEmpty() ? QByteArray() : hashKey(bootstrapKey.toUtf8()))
    , m_refreshMs(refreshMs)
    , m_table(std::make_shared<const KeyTable>())
{ }

AccessControl::~AccessControl()
{
    stop();
}

void AccessControl::start()
{
    if (m_thread)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("api-keys"));
    m_timer = new QTimer;
    m_timer->setInterval(m_refreshMs);
    m_timer->moveToThread(m_thread);
    QObject::connect(
        m_timer, &QTimer::timeout, m_timer, [this]() { (void)refresh(); }, Qt::DirectConnection);
    QObject::connect(m_thread, &QThread::finished, m_timer, &QObject::deleteLater);
    m_thread->start();
    QMetaObject::invokeMethod(
        m_timer,
        [this]() {
            (void)refresh();
            m_timer->start();
        },
        Qt::QueuedConnection);
}

void AccessControl::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_timer, &QTimer::stop, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_timer = nullptr;
}

std::shared_ptr<const AccessControl::KeyTable> AccessControl::table() const
{
    QMutexLocker locker(&m_mutex);
    return m_table;
}

void AccessControl::remember(const QByteArray &hash, const KeyEntry &entry)
{
    QMutexLocker locker(&m_mutex);
    auto copy = std::make_shared<KeyTable>(*m_table);
    const auto it = copy->constFind(hash);
    KeyEntry merged = entry;
    merged.revoked = entry.revoked || (it != copy->cend() && it->revoked); // revocation is final
    copy->insert(hash, merged);
    m_table = std::move(copy);
}

Result<Done> AccessControl::refresh()
{
    auto rows = m_database.run<QList<ApiKeyRow>>([](DbSession &session) {
        return Result<QList<ApiKeyRow>>(ApiKeyRepository(session).all());
    });
    if (!rows)
        return rows.error(); // keep the last table until the database answers again
    auto fresh = std::make_shared<KeyTable>();
    for (const ApiKeyRow &row : rows.value())
        fresh->insert(row.hash,
                      KeyEntry{row.id, row.name,
                               keyRoleFromName(row.role).value_or(KeyRole::Terminal),
                               row.revokedAt.isValid()});
    QMutexLocker locker(&m_mutex);
    // A key revoked here after the read above stays revoked: revocation is final.
    for (auto it = m_table->cbegin(); it != m_table->cend(); ++it) {
        if (it->revoked && fresh->contains(it.key()))
            (*fresh)[it.key()].revoked = true;
    }
    m_table = std::move(fresh);
    return Done{};
}

AccessControl::Decision AccessControl::judgeKey(const KeyEntry *entry, Permission permission) const
{
    Decision decision;
    if (!entry || entry->revoked) {
        decision.verdict = Decision::Verdict::Denied;
        decision.error = apiKeyInvalid();
        return decision;
    }
    bool allowed = false;
    switch (permission) {
    case Permission::Admin:
        allowed = entry->role == KeyRole::Admin;
        break;
    case Permission::Staff:
        allowed = entry->role == KeyRole::Admin || entry->role == KeyRole::Staff;
        break;
    case Permission::Charge:
        allowed = true;
        break;
    }
    if (!allowed) {
        decision.verdict = Decision::Verdict::Denied;
        decision.error = ApiError{
            ErrorCode::Forbidden,
            QStringLiteral("a %1 key may not call this route").arg(keyRoleName(entry->role))};
        return decision;
    }
    decision.verdict = Decision::Verdict::Allowed;
    decision.caller = Caller{entry->id, entry->name, entry->role};
    return decision;
}

AccessControl::Decision AccessControl::decide(const Credentials &credentials,
                                              Permission permission) const
{
    Decision decision;
    if (credentials.hasAdminKey && !m_bootstrapHash.isEmpty()
        && sameDigest(hashKey(credentials.adminKey), m_bootstrapHash)) {
        decision.verdict = Decision::Verdict::Allowed;
        decision.caller = Caller{0, kBootstrapName, KeyRole::Admin};
        return decision;
    }
    if (!credentials.hasApiKey) {
        decision.verdict = Decision::Verdict::Denied;
        if (permission == Permission::Charge)
            decision.error = ApiError{
                ErrorCode::ApiKeyInvalid,
                QStringLiteral("charges need X-Api-Key of a TERMINAL, STAFF or ADMIN key")};
        else if (m_bootstrapHash.isEmpty() && credentials.hasAdminKey)
            decision.error =
                ApiError{ErrorCode::AdminKeyInvalid,
                         QStringLiteral("the server has no admin key; use an X-Api-Key")};
        else
            decision.error = ApiError{ErrorCode::AdminKeyInvalid,
                                      QStringLiteral("X-Admin-Key is missing or wrong")};
        return decision;
    }
    const QByteArray hash = hashKey(credentials.apiKey);
    const std::shared_ptr<const KeyTable> keys = table();
    const auto it = keys->constFind(hash);
    if (it == keys->cend())
        return decision; // Unknown: not in the table (yet)
    return judgeKey(&*it, permission);
}

Result<Caller> AccessControl::authorize(const Credentials &credentials, Permission permission)
{
    Decision decision = decide(credentials, permission);
    if (decision.verdict == Decision::Verdict::Unknown) {
        const QByteArray hash = hashKey(credentials.apiKey);
        auto row = m_database.run<std::optional<ApiKeyRow>>([&](DbSession &session) {
            return Result<std::optional<ApiKeyRow>>(ApiKeyRepository(session).findByHash(hash));
        });
        if (!row)
            return row.error();
        if (!row.value() || !sameDigest(row.value()->hash, hash))
            return apiKeyInvalid();
        const KeyEntry entry{row.value()->id, row.value()->name,
                             keyRoleFromName(row.value()->role).value_or(KeyRole::Terminal),
                             row.value()->revokedAt.isValid()};
        remember(hash, entry);
        decision = judgeKey(&entry, permission);
    }
    if (decision.verdict != Decision::Verdict::Allowed)
        return decision.error;
    return decision.caller;
}

std::optional<Caller> AccessControl::knownKey(const QByteArray &apiKey) const
{
    const Decision decision = decide(Credentials{false, {}, true, apiKey}, Permission::Charge);
    if (decision.verdict != Decision::Verdict::Allowed)
        return std::nullopt;
    return decision.caller;
}

bool AccessControl::isKnownKey(const Credentials &credentials) const
{
    if (!credentials.hasApiKey)
        return false;
    if (!m_bootstrapHash.isEmpty() && sameDigest(hashKey(credentials.apiKey), m_bootstrapHash))
        return true;
    return knownKey(credentials.apiKey).has_value();
}

QString AccessControl::generateKey()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return QStringLiteral("ck_")
        + QString::fromLatin1(
               bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray AccessControl::hashKey(const QByteArray &key)
{
    return QCryptographicHash::hash(key, QCryptographicHash::Sha256);
}

Result<ApiKeyInfo> AccessControl::createKey(const Caller &by, const QString &name, KeyRole role)
{
    const QString key = generateKey();
    ApiKeyRow row{
        0, name, keyRoleName(role), key.left(kPrefixLength), hashKey(key.toLatin1()), Clock::now(),
        {}};
    auto created = m_database.transaction<ApiKeyInfo>([&](DbSession &session) {
        ApiKeyRow stored = row;
        stored.id = ApiKeyRepository(session).insert(row);
        record(session, by, QStringLiteral("key.create"),
               QStringLiteral("api-key/%1").arg(stored.id),
               QJsonObject{{QStringLiteral("name"), name},
                           {QStringLiteral("role"), keyRoleName(role)},
                           {QStringLiteral("prefix"), stored.prefix}});
        ApiKeyInfo info = infoOf(stored);
        info.key = key;
        return Result<ApiKeyInfo>(info);
    });
    if (created)
        remember(row.hash, KeyEntry{created->id, name, role, false});
    return created;
}

Result<ListPage<ApiKeyInfo>> AccessControl::listKeys(int page, int size)
{
    return m_database.run<ListPage<ApiKeyInfo>>([&](DbSession &session) {
        ApiKeyRepository repository(session);
        ListPage<ApiKeyInfo> result;
        result.page = page;
        result.size = size;
        result.total = repository.count();
        if (qint64(page - 1) * size < result.total) {
            for (const ApiKeyRow &row : repository.page(page, size))
                result.items.append(infoOf(row));
        }
        return Result<ListPage<ApiKeyInfo>>(result);
    });
}

Result<Done> AccessControl::revokeKey(const Caller &by, qint64 id)
{
    const QDateTime now = Clock::now();
    auto revoked = m_database.transaction<ApiKeyRow>([&](DbSession &session) -> Result<ApiKeyRow> {
        ApiKeyRepository repository(session);
        std::optional<ApiKeyRow> row = repository.find(id);
        if (!row)
            return ApiError{ErrorCode::NotFound, QStringLiteral("no API key %1").arg(id)};
        if (repository.revoke(id, now))
            record(session, by, QStringLiteral("key.revoke"), QStringLiteral("api-key/%1").arg(id),
                   QJsonObject{{QStringLiteral("name"), row->name},
                               {QStringLiteral("role"), row->role},
                               {QStringLiteral("prefix"), row->prefix}});
        return *row;
    });
    if (!revoked)
        return revoked.error();
    remember(revoked->hash,
             KeyEntry{revoked->id, revoked->name,
                      keyRoleFromName(revoked->role).value_or(KeyRole::Terminal), true});
    return Done{};
}

Result<ListPage<AuditEntry>> AccessControl::audit(int page, int size)
{
    return m_database.run<ListPage<AuditEntry>>([&](DbSession &session) {
        AuditRepository repository(session);
        ListPage<AuditEntry> result;
        result.page = page;
        result.size = size;
        result.total = repository.count();
        if (qint64(page - 1) * size < result.total) {
            for (const AuditRow &row : repository.page(page, size))
                result.items.append(
                    AuditEntry{row.at, row.keyName, row.action, row.target, row.detail});
        }
        return Result<ListPage<AuditEntry>>(result);
    });
}

void AccessControl::record(const Caller &by, const QString &action, const QString &target,
                           const QJsonObject &detail)
{
    const Result<Done> written = m_database.run<Done>([&](DbSession &session) {
        record(session, by, action, target, detail);
        return Result<Done>(Done{});
    });
    if (!written)
        qCWarning(lcAudit) << "audit row not written:" << by.keyName << action << target << "-"
                           << written.error().message;
}

void AccessControl::record(DbSession &session, const Caller &by, const QString &action,
                           const QString &target, const QJsonObject &detail)
{
    AuditRepository(session).insert(AuditRow{Clock::now(), by.keyName, action, target, detail});
}
