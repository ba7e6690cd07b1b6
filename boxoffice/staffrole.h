#pragma once

#include <QList>
#include <QString>

/**
 * @brief What a key may do (api-contract.md, "Keys, staff and audit"): ADMIN calls every admin
 * route, STAFF only the routes marked (staff), TERMINAL only charges. None: not signed in.
 */
enum class StaffRole { None, Terminal, Staff, Admin };

/** @brief "ADMIN", "STAFF", "TERMINAL" or "" for None. */
[[nodiscard]] QString staffRoleName(StaffRole role);

/** @brief The box office's areas, in the order of the side list and of Ctrl+1..Ctrl+8. */
enum class Area { Sell, Customers, Concerts, Sales, Queue, Door, Keys, Audit };

/** @brief Every area, in order. */
[[nodiscard]] QList<Area> allAreas();

/**
 * @brief Whether a key of @p role may use @p area at all. TERMINAL: Sell (cash top-ups only);
 * STAFF: Sell, Customers, Sales, Queue (figures only), Door; ADMIN: every area.
 */
[[nodiscard]] bool roleMayOpen(StaffRole role, Area area);

/** @brief Whether @p role may call the ADMIN-only writes (concert changes, queue steering). */
[[nodiscard]] bool roleIsAdmin(StaffRole role);

/** @brief Whether @p role may call the (staff) routes: counter sale, lookup, cancel, check-in. */
[[nodiscard]] bool roleIsStaff(StaffRole role);
