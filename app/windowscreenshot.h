// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;

namespace cop {

// After afterS seconds, renders window into path (PNG) and quits the application with exit
// code 0, or 1 if the file cannot be written. Works on the offscreen platform too.
void scheduleWindowScreenshot(QWidget &window, const QString &path, double afterS);

} // namespace cop
