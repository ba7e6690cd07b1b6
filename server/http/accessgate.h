#pragma once

#include "http/httpedge.h"
#include "services/accesscontrol.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include <functional>
#include <optional>

/**
 * @brief Where routes meet AccessControl (api-contract.md, "Keys, staff and audit"): every
 * route that needs a key goes through withCaller(), so the rules live in one place.
 */
namespace AccessGate {

/** @brief The `X-Admin-Key` and `X-Api-Key` headers of @p request. */
[[nodiscard]] Credentials credentialsOf(const QHttpServerRequest &request);

using Work = std::function<ApiResponse(const Caller &)>;

/**
 * @brief Answers 401/403 when the caller may not have @p permission, then @p inputError (400)
 * if set, else runs @p work on the worker pool with the caller.
 *
 * Known keys and the bootstrap key are judged from memory on the HTTP thread (no database
 * round trip); a key not in the in-memory table is looked up on the pool first. Authorization
 * comes before input errors, so nobody learns anything about a route they may not call.
 */
void withCaller(HttpEdge &edge, AccessControl &access, const QHttpServerRequest &request,
                QHttpServerResponder &responder, Permission permission,
                std::optional<ApiError> inputError, Work work);

/** @brief An answer from memory on the HTTP thread, or std::nullopt to take the worker path. */
using MemoryWork = std::function<std::optional<ApiResponse>(const Caller &)>;

/**
 * @brief withCaller() for routes served from memory (hot paths, e.g. seat maps): when the
 * caller is judged on the HTTP thread and the input is valid, @p fromMemory answers there with
 * no thread hop and no database round trip; when it cannot (std::nullopt) or the key must be
 * looked up first, @p work runs on the worker pool as in withCaller().
 */
void withCaller(HttpEdge &edge, AccessControl &access, const QHttpServerRequest &request,
                QHttpServerResponder &responder, Permission permission,
                std::optional<ApiError> inputError, MemoryWork fromMemory, Work work);

} // namespace AccessGate
