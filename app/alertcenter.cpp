// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertcenter.h"

#include "app/feedpipeline.h"

namespace cop {

AlertCenter::AlertCenter(FeedPipeline &pipeline, std::shared_ptr<const ProtectedAreaSet> areas,
                         QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_areas(std::move(areas))
    , m_engine(std::make_unique<AlertEngine>(m_areas))
{
    connect(&m_pipeline, &FeedPipeline::pictureChanged, this, &AlertCenter::pictureChanged);
}

AlertCenter::~AlertCenter() = default;

QString AlertCenter::operatorName()
{
    for (const char *variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("operator");
}

void AlertCenter::pictureChanged(const PictureChange &change)
{
    const Picture &picture = m_pipeline.picture();
    if (picture.messagesApplied() < m_messagesSeen) {
        m_engine = std::make_unique<AlertEngine>(m_areas);
        Q_EMIT alertsReset();
    }
    m_messagesSeen = picture.messagesApplied();
    announce(m_engine->update(picture, change, m_pipeline.nowUs()));
}

void AlertCenter::tick(TimeUs nowUs)
{
    announce(m_engine->update(m_pipeline.picture(), PictureChange {}, nowUs));
}

void AlertCenter::acknowledge(quint64 alertId)
{
    if (auto event = m_engine->acknowledge(alertId, operatorName(), m_pipeline.nowUs()))
        announce({*event});
}

void AlertCenter::setAreas(std::shared_ptr<const ProtectedAreaSet> areas)
{
    m_areas = areas ? std::move(areas) : std::make_shared<const ProtectedAreaSet>();
    announce(m_engine->setAreas(m_areas, m_pipeline.nowUs()));
    Q_EMIT areasChanged(m_areas);
}

void AlertCenter::announce(std::vector<AlertEvent> events)
{
    if (!events.empty())
        Q_EMIT alertEvents(events);
}

} // namespace cop
