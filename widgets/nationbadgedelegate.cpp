// SPDX-License-Identifier: GPL-3.0-or-later
#include "nationbadgedelegate.h"

#include "widgets/nationpalette.h"

#include <QApplication>
#include <QPainter>

namespace cop {

namespace {
constexpr qreal kBadgeWidthPx = 24.0;
constexpr qreal kGapPx = 3.0;
} // namespace

NationBadgeDelegate::NationBadgeDelegate(int nationsRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_nationsRole(nationsRole)
{ }

void NationBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // Background and selection as any other cell, then the badges instead of the text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QVariantList nations = index.data(m_nationsRole).toList();
    const qreal height = std::min<qreal>(option.rect.height() - 4.0, 14.0);
    qreal x = option.rect.left() + 4.0;
    const qreal y = option.rect.center().y() - height / 2.0 + 0.5;
    for (const QVariant &value : nations) {
        const int n = value.toInt();
        if (n < 0 || n >= kNationCount)
            continue;
        paintNationBadge(*painter, QRectF(x, y, kBadgeWidthPx, height), kAllNations[static_cast<std::size_t>(n)]);
        x += kBadgeWidthPx + kGapPx;
    }
}

QSize NationBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    const auto count = static_cast<int>(index.data(m_nationsRole).toList().size());
    return {std::max(base.width(), 8 + count * static_cast<int>(kBadgeWidthPx + kGapPx)), base.height()};
}

} // namespace cop
