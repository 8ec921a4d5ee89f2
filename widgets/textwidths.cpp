// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/textwidths.h"

namespace cop {

TextWidths::TextWidths(const QFont &font)
    : m_font(font)
    , m_metrics(font)
    , m_height(m_metrics.height())
{
    m_ascii.fill(-1.0);
}

double TextWidths::advance(char16_t c)
{
    if (c < m_ascii.size()) {
        double &w = m_ascii[c];
        if (w < 0.0)
            w = m_metrics.horizontalAdvance(QChar(c));
        return w;
    }
    auto found = m_other.constFind(c);
    if (found != m_other.constEnd())
        return *found;
    const double w = m_metrics.horizontalAdvance(QChar(c));
    m_other.insert(c, w);
    return w;
}

double TextWidths::width(const QString &text)
{
    double total = 0.0;
    for (const QChar c : text) {
        if (c.isSurrogate())
            return m_metrics.horizontalAdvance(text); // outside the map's alphabet: shape it
        total += advance(c.unicode());
    }
    return total;
}

} // namespace cop
