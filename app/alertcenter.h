// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/alertengine.h"

#include <QObject>

#include <memory>
#include <vector>

namespace cop {

class FeedPipeline;

// Runs the alert rules beside the viewer's Picture: once per applied batch, and on the frame
// clock so silence and stale tracks are noticed when nothing arrives. Records acknowledgements
// with the operator's login name. The panel and banner only display what it announces.
class AlertCenter : public QObject
{
    Q_OBJECT

public:
    AlertCenter(FeedPipeline &pipeline, std::shared_ptr<const ProtectedAreaSet> areas,
                QObject *parent = nullptr);
    ~AlertCenter() override;

    // Time-driven rules at the console's clock (FeedPipeline::nowUs(): the wall clock live,
    // the playhead in a replay, so a replay raises what the live run raised).
    void tick(TimeUs nowUs);
    void acknowledge(quint64 alertId);
    // Protects another set of areas from now on, without a restart: open impact-threat and
    // overflight alerts end with "Protected areas changed" (AlertEngine::setAreas).
    void setAreas(std::shared_ptr<const ProtectedAreaSet> areas);
    std::shared_ptr<const ProtectedAreaSet> areas() const { return m_areas; }
    const AlertEngine &engine() const { return *m_engine; }

    // The operator as the system knows them: the login name.
    static QString operatorName();

Q_SIGNALS:
    void alertEvents(const std::vector<cop::AlertEvent> &events);
    // The picture started again (a replay seeked backwards): every alert shown is void.
    void alertsReset();
    void areasChanged(std::shared_ptr<const cop::ProtectedAreaSet> areas);

private:
    void pictureChanged(const PictureChange &change);
    void announce(std::vector<AlertEvent> events);

    FeedPipeline &m_pipeline;
    std::shared_ptr<const ProtectedAreaSet> m_areas;
    std::unique_ptr<AlertEngine> m_engine;
    std::uint64_t m_messagesSeen = 0;
};

} // namespace cop
