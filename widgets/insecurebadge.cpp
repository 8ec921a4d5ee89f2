// SPDX-License-Identifier: GPL-3.0-or-later
#include "insecurebadge.h"

#include <QLabel>

namespace cop {

QLabel *createInsecureBadge(QWidget *parent)
{
    auto *badge = new QLabel(QStringLiteral("INSECURE"), parent);
    badge->setObjectName(QStringLiteral("insecureBadge"));
    // Red on both themes: this is a warning, not a state.
    badge->setStyleSheet(QStringLiteral(
        "QLabel { background: #c62828; color: #ffffff; font-weight: bold; padding: 1px 6px; }"));
    badge->setToolTip(QStringLiteral(
        "The live feed arrives without CURVE (--insecure): it is neither encrypted nor "
        "authenticated, so anyone on the network could read or forge it. See docs/security.md."));
    return badge;
}

} // namespace cop
