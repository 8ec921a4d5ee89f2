// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QLabel;
class QWidget;

namespace cop {

// The status bar's red "INSECURE" badge: live data reaches this console over the network
// without CURVE (started with --insecure), so anyone on the path could read or forge it.
QLabel *createInsecureBadge(QWidget *parent);

} // namespace cop
