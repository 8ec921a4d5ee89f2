// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowscreenshot.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace cop {

void scheduleWindowScreenshot(QWidget &window, const QString &path, double afterS)
{
    QTimer::singleShot(static_cast<int>(afterS * 1000.0), &window, [&window, path] {
        const QPixmap pixmap = window.grab();
        const bool saved = pixmap.save(path, "PNG");
        if (saved)
            std::fprintf(stderr, "cop-viewer: screenshot written to %s\n", qPrintable(path));
        else
            std::fprintf(stderr, "cop-viewer: cannot write screenshot to %s\n", qPrintable(path));
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

} // namespace cop
