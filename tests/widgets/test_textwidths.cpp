// SPDX-License-Identifier: GPL-3.0-or-later
// Label boxes are sized from per-character advances: they must match the shaped text closely
// enough that the text fits its box, for the strings the map's labels say.
#include "widgets/textwidths.h"

#include <QFont>
#include <QFontMetricsF>

#include <gtest/gtest.h>

namespace cop {
namespace {

TEST(TextWidths, SummedAdvancesMatchShapedLabelText)
{
    const QStringList texts{QStringLiteral("T-1317 MRBM"), QStringLiteral("250 km  2.26 km/s"),
                            QStringLiteral("MIDCOURSE  TTI 05:00"), QStringLiteral("IMPACT T\u221205:00"),
                            QStringLiteral("C13 \u00b7 50% / 95%"), QStringLiteral("L 04:50:47Z"),
                            QStringLiteral("STALE 42 s"), QString()};
    for (bool bold : {false, true}) {
        QFont font;
        font.setPixelSize(11);
        font.setBold(bold);
        TextWidths widths(font);
        const QFontMetricsF metrics(font);
        EXPECT_DOUBLE_EQ(widths.height(), metrics.height());
        for (const QString &text : texts) {
            const double shaped = metrics.horizontalAdvance(text);
            // Kerning is the only difference: a pixel or two over a label's line at most.
            EXPECT_NEAR(widths.width(text), shaped, 2.0) << text.toStdString() << " bold " << bold;
            // Asked again (from the cache): the same answer.
            EXPECT_DOUBLE_EQ(widths.width(text), widths.width(text));
        }
        EXPECT_EQ(widths.width(QString()), 0.0);
    }
}

} // namespace
} // namespace cop
