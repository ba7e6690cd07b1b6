#include "http/accessgate.h"

Credentials AccessGate::credentialsOf(const QHttpServerRequest &request)
{
    return Credentials{
        HttpEdge::hasHeader(request, "X-Admin-Key"), HttpEdge::header(request, "X-Admin-Key"),
        HttpEdge::hasHeader(request, "X-Api-Key"), HttpEdge::header(request, "X-Api-Key")};
}

void AccessGate::withCaller(HttpEdge &edge, AccessControl &access,
                            const QHttpServerRequest &request, QHttpServerResponder &responder,
                            Permission permission, std::optional<ApiError> inputError, Work work)
{
    withCaller(edge, access, request, responder, permission, std::move(inputError), MemoryWork(),
               std::move(work));
}

void AccessGate::withCaller(HttpEdge &edge, AccessControl &access,
                            const QHttpServerRequest &request, QHttpServerResponder &responder,
                            Permission permission, std::optional<ApiError> inputError,
                            MemoryWork fromMemory, Work work)
{
    const Credentials credentials = credentialsOf(request);
    const AccessControl::Decision decision = access.decide(credentials, permission);
    using Verdict = AccessControl::Decision::Verdict;
    switch (decision.verdict) {
    case Verdict::Denied:
        HttpEdge::write(responder, ApiResponse::error(decision.error));
        return;
    case Verdict::Allowed:
        if (inputError) {
            HttpEdge::write(responder, ApiResponse::error(*inputError));
            return;
        }
        if (fromMemory) {
            if (const std::optional<ApiResponse> answer = fromMemory(decision.caller)) {
                HttpEdge::write(responder, *answer);
                return;
            }
        }
        edge.dispatch(std::move(responder), [work = std::move(work), caller = decision.caller]() {
            return work(caller);
        });
        return;
    case Verdict::Unknown:
        break;
    }
    edge.dispatch(std::move(responder),
                  [&access, credentials, permission, inputError, work = std::move(work)]() {
                      const Result<Caller> caller = access.authorize(credentials, permission);
                      if (!caller)
                          return ApiResponse::error(caller.error());
                      if (inputError)
                          return ApiResponse::error(*inputError);
                      return work(caller.value());
                  });
}
