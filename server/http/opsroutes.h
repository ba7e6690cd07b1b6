#pragma once

class QHttpServer;

/**
 * @brief The routes for operators and integrators (api-contract.md, "For operators and
 * integrators"): `GET /metrics` (Prometheus text format, public, no database) and
 * `GET /api/v1/openapi.json` (the OpenAPI 3.1 document of the contract, from the Qt resource
 * `:/openapi.json`, built from `resources/openapi.json`). Both answer 405 to other methods and
 * work while the database is away.
 */
class OpsRoutes
{
public:
    /** @brief Registers both routes on @p server (as RouteRule, so they are counted too). */
    static void registerRoutes(QHttpServer &server);
};
