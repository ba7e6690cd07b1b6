#pragma once

#include "boxofficeclient.h"

#include <QJsonObject>
#include <QString>

/**
 * @brief What the door shows for one scan (`POST /api/v1/admin/checkins`, api-contract.md
 * "Box office"): green for a first entry, amber for a ticket already checked in, red for a
 * cancelled ticket (409 TICKET_CANCELLED), a forged or malformed code (400 TICKET_INVALID) or
 * anything else that went wrong.
 */
struct DoorVerdict
{
    enum class Light { Green, Amber, Red };
    enum class Kind { FirstEntry, AlreadyIn, Cancelled, Forged, Failed };

    Light light = Light::Red;
    Kind kind = Kind::Failed;
    QString headline; ///< one or two words, large: "ENTER", "ALREADY IN", ...
    QString detail; ///< seats, date, when it was first scanned, or the error's message

    /** @brief The verdict of a 200 check-in answer. */
    static DoorVerdict fromCheckIn(const QJsonObject &answer);
    /** @brief The verdict of a failed check-in. */
    static DoorVerdict fromFailure(const BoxOfficeClient::Failure &failure);
};
