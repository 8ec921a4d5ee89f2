// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QString>

#include <array>

namespace cop {

// Widths of text in one font for sizing label boxes, from per-character advances measured
// once. The map sizes every track's label before decluttering drops most of them; shaping
// thousands of strings a frame (QFontMetricsF::horizontalAdvance runs HarfBuzz each time)
// cost more than drawing the labels that stay. The sum of advances ignores kerning, which in
// the map's Latin text only narrows a string, so the box is at most a pixel or two roomier than
// the shaped text.
class TextWidths
{
public:
    explicit TextWidths(const QFont &font);

    const QFont &font() const { return m_font; }
    const QFontMetricsF &metrics() const { return m_metrics; }
    double height() const { return m_height; }
    double width(const QString &text);

private:
    double advance(char16_t c);

    QFont m_font;
    QFontMetricsF m_metrics;
    double m_height = 0.0;
    std::array<double, 128> m_ascii{}; // negative: not measured yet
    QHash<char16_t, double> m_other;
};

} // namespace cop
