// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QApplication;

namespace cop {

// Dark by default: watch floors are dim and a bright window ruins night vision.
void applyApplicationTheme(QApplication &app, bool light);

} // namespace cop
