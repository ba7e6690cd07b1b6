#include "staffrole.h"

QString staffRoleName(StaffRole role)
{
    switch (role) {
    case StaffRole::Admin:
        return QStringLiteral("ADMIN");
    case StaffRole::Staff:
        return QStringLiteral("STAFF");
    case StaffRole::Terminal:
        return QStringLiteral("TERMINAL");
    case StaffRole::None:
        break;
    }
    return {};
}

QList<Area> allAreas()
{
    return {Area::Sell,  Area::Customers, Area::Concerts, Area::Sales,
            Area::Queue, Area::Door,      Area::Keys,     Area::Audit};
}

bool roleIsAdmin(StaffRole role)
{
    return role == StaffRole::Admin;
}

bool roleIsStaff(StaffRole role)
{
    return role == StaffRole::Staff || role == StaffRole::Admin;
}

bool roleMayOpen(StaffRole role, Area area)
{
    switch (area) {
    case Area::Sell:
        return role != StaffRole::None;
    case Area::Customers:
    case Area::Sales:
    case Area::Queue:
    case Area::Door:
        return roleIsStaff(role);
    case Area::Concerts:
    case Area::Keys:
    case Area::Audit:
        return roleIsAdmin(role);
    }
    return false;
}
