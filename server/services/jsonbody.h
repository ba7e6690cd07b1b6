#pragma once

#include <QJsonObject>

/** @brief A response body built by a service as JSON (for ApiResponse::from). */
struct JsonBody
{
    QJsonObject json;
    [[nodiscard]] QJsonObject toJson() const { return json; }
};
