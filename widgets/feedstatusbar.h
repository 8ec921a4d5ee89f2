// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/feedhealth.h"
#include "core/picture.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QMouseEvent;
class QHBoxLayout;

namespace cop {

// Transport-level health of the feed, gathered by the app from the subscriber (the widget
// layer does not link the network layer).
struct FeedTransportHealth
{
    std::uint64_t messagesAccepted = 0;
    std::uint64_t messagesRejected = 0;
    std::uint64_t disconnects = 0;
    std::size_t queuedMessages = 0;
    int endpointCount = 0;
    bool demo = false;
    bool replay = false; // a recorded session, not the live feed
};

// The status bar's feed health: one badge per source (nation colour, id, state: live, silent
// for N s, gaps), then totals. Never lets a silent or lossy feed look healthy.
class FeedStatusBar : public QWidget
{
    Q_OBJECT

public:
    explicit FeedStatusBar(QWidget *parent = nullptr);

    // nowUs is the viewer's clock in receive time, to judge silence.
    void refresh(const Picture &picture, const FeedTransportHealth &transport, TimeUs nowUs);

    // The text of each source badge, for tests and accessibility.
    QStringList sourceTexts() const;
    QString totalsText() const;

Q_SIGNALS:
    // The operator clicked the badges: the health panel has the details.
    void clicked();

protected:
    void mousePressEvent(QMouseEvent *event) override;

private:
    QHBoxLayout *m_sourcesLayout = nullptr;
    std::vector<QLabel *> m_sourceLabels;
    QLabel *m_totals = nullptr;
};

} // namespace cop
