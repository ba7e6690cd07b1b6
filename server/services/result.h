#pragma once

#include "apierror.h"

#include <utility>
#include <variant>

/**
 * @brief The outcome of a service call: a value, or the contract error that explains why not.
 *
 * Services return Result<T> instead of throwing (style.md rule 4); the HTTP edge turns the
 * error into its status code and JSON body in one place (HttpEdge::errorResponse()).
 */
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(ApiError error)
        : m_value(std::move(error))
    { }
    Result(ErrorCode code, QString message)
        : m_value(ApiError{code, std::move(message)})
    { }

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const { return std::get<T>(m_value); }
    [[nodiscard]] T &value() { return std::get<T>(m_value); }
    [[nodiscard]] const ApiError &error() const { return std::get<ApiError>(m_value); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

private:
    std::variant<T, ApiError> m_value;
};

/** @brief A Result that carries no value on success. */
struct Done
{
};
