// SPDX-License-Identifier: GPL-3.0-or-later
#include "alert.h"

namespace cop {

QString alertKindName(AlertKind kind)
{
    switch (kind) {
    case AlertKind::LaunchDetected:
        return QStringLiteral("Launch detected");
    case AlertKind::ImpactThreat:
        return QStringLiteral("Impact threat");
    case AlertKind::Overflight:
        return QStringLiteral("Overflight");
    case AlertKind::TrackStale:
        return QStringLiteral("Track stale");
    case AlertKind::TrackLost:
        return QStringLiteral("Track lost");
    case AlertKind::SensorDegraded:
        return QStringLiteral("Sensor degraded");
    case AlertKind::SensorOffline:
        return QStringLiteral("Sensor offline");
    case AlertKind::SourceSilent:
        return QStringLiteral("Source silent");
    case AlertKind::SequenceGap:
        return QStringLiteral("Sequence gap");
    case AlertKind::HighLatency:
        return QStringLiteral("High latency");
    case AlertKind::NationalNotice:
        return QStringLiteral("National notice");
    }
    return QStringLiteral("Alert");
}

std::string_view alertKindCode(AlertKind kind)
{
    switch (kind) {
    case AlertKind::LaunchDetected:
        return "launch-detected";
    case AlertKind::ImpactThreat:
        return "impact-threat";
    case AlertKind::Overflight:
        return "overflight";
    case AlertKind::TrackStale:
        return "track-stale";
    case AlertKind::TrackLost:
        return "track-lost";
    case AlertKind::SensorDegraded:
        return "sensor-degraded";
    case AlertKind::SensorOffline:
        return "sensor-offline";
    case AlertKind::SourceSilent:
        return "source-silent";
    case AlertKind::SequenceGap:
        return "sequence-gap";
    case AlertKind::HighLatency:
        return "high-latency";
    case AlertKind::NationalNotice:
        return "national-notice";
    }
    return "alert";
}

std::string_view alertEventTypeCode(AlertEventType type)
{
    switch (type) {
    case AlertEventType::Raised:
        return "raise";
    case AlertEventType::Updated:
        return "update";
    case AlertEventType::Cleared:
        return "clear";
    case AlertEventType::Acknowledged:
        return "acknowledge";
    }
    return "event";
}

QString alertEndingName(AlertEnding ending)
{
    switch (ending) {
    case AlertEnding::None:
        return {};
    case AlertEnding::AllClear:
        return QStringLiteral("All clear");
    case AlertEnding::Impact:
        return QStringLiteral("Impact");
    case AlertEnding::Recovered:
        return QStringLiteral("Recovered");
    case AlertEnding::Ended:
        return QStringLiteral("Ended");
    case AlertEnding::AreasChanged:
        return QStringLiteral("Protected areas changed");
    }
    return {};
}

std::string_view alertEndingCode(AlertEnding ending)
{
    switch (ending) {
    case AlertEnding::None:
        return "";
    case AlertEnding::AllClear:
        return "all-clear";
    case AlertEnding::Impact:
        return "impact";
    case AlertEnding::Recovered:
        return "recovered";
    case AlertEnding::Ended:
        return "ended";
    case AlertEnding::AreasChanged:
        return "areas-changed";
    }
    return "";
}

} // namespace cop
