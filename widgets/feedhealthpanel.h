// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/feedhealth.h"

#include <QWidget>

#include <vector>

class QDockWidget;
class QLabel;
class QTableView;

namespace cop {

class FeedHealthCharts;
class FeedHealthModel;

// The feed health panel: a table of every source's health (state, rate, latency, loss,
// restarts, clock, refused frames), the refused frames of the whole feed by reason, the failed
// CURVE handshakes of each network endpoint (a refused console receives nothing), and charts
// of rate and latency over the last minutes. Owns its dock.
class FeedHealthPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FeedHealthPanel(QWidget *parent = nullptr);

    QDockWidget *createDock(QWidget *parent);

    // snapshot from FeedHealth::snapshot; rejects from the subscriber's counters.
    void refresh(std::vector<SourceHealth> snapshot, const std::vector<RejectTally> &rejects,
                 TimeUs nowUs, bool replay);

    // Failed handshakes per network endpoint (FeedPipeline::handshakeTallies); none: the line
    // is hidden (an in-process feed has no handshake to fail).
    void setHandshakes(const std::vector<HandshakeTally> &handshakes);

    FeedHealthModel *model() const { return m_model; }
    FeedHealthCharts *charts() const { return m_charts; }
    QString rejectsText() const;
    QLabel *handshakesLabel() const { return m_handshakes; }

    static QString describeRejects(const std::vector<RejectTally> &rejects);
    static QString describeHandshakes(const std::vector<HandshakeTally> &handshakes);
    static QString explainHandshakes(const std::vector<HandshakeTally> &handshakes);

private:
    FeedHealthModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_rejects = nullptr;
    QLabel *m_handshakes = nullptr;
    FeedHealthCharts *m_charts = nullptr;
};

} // namespace cop
