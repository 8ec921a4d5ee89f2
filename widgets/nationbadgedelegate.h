// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace cop {

// Paints a cell's nations (the model's NationsRole: a list of Nation values) as the coloured
// badges the map legend uses, so a nation looks the same on every view.
class NationBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit NationBadgeDelegate(int nationsRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_nationsRole;
};

} // namespace cop
