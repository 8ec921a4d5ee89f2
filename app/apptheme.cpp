// SPDX-License-Identifier: GPL-3.0-or-later
#include "apptheme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace cop {

void applyApplicationTheme(QApplication &app, bool light)
{
    // Fusion looks the same on every desktop, so screenshots in the guide match the screen.
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (light) {
        app.setPalette(app.style()->standardPalette());
        return;
    }
    QPalette palette;
    const QColor window(0x1d, 0x21, 0x26);
    const QColor base(0x15, 0x18, 0x1c);
    const QColor text(0xdc, 0xe1, 0xe6);
    const QColor highlight(0x3a, 0x6e, 0xa5);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::PlaceholderText, QColor(0x80, 0x88, 0x90));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x70, 0x76, 0x7c));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x70, 0x76, 0x7c));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x70, 0x76, 0x7c));
    app.setPalette(palette);
}

} // namespace cop
