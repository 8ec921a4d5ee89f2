// SPDX-License-Identifier: GPL-3.0-or-later
#include "protectedareadialog.h"

#include "core/domain.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cop {

namespace {
const QString kNationsKey = QStringLiteral("alerts/protectNations");
const QString kFilesKey = QStringLiteral("alerts/areaFiles");
} // namespace

std::optional<ProtectedAreaChoice> loadProtectedAreaChoice(QSettings &settings)
{
    if (!settings.contains(kNationsKey))
        return std::nullopt;
    ProtectedAreaChoice choice;
    choice.nations = settings.value(kNationsKey).toString();
    choice.areaFiles = settings.value(kFilesKey).toStringList();
    return choice;
}

void saveProtectedAreaChoice(QSettings &settings, const ProtectedAreaChoice &choice)
{
    settings.setValue(kNationsKey, choice.nations);
    settings.setValue(kFilesKey, choice.areaFiles);
}

ProtectedAreaDialog::ProtectedAreaDialog(const ProtectedAreaChoice &choice, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Protected areas"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        QStringLiteral("An impact ellipse meeting a nation's territory raises a critical alert, "
                       "meeting its EEZ a warning. EEZs are approximate (200 nautical miles from "
                       "the coast, median lines between neighbours); load an official data set "
                       "as GeoJSON for exact ones."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    const QStringList selected = choice.nations.toUpper().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (std::size_t i = 0; i < kAllNations.size(); ++i) {
        const Nation nation = kAllNations[i];
        const QString code = QString::fromLatin1(nationCode(nation));
        auto *box = new QCheckBox(
            QStringLiteral("%1 (%2): territory and approximate EEZ").arg(nationName(nation), code), this);
        box->setObjectName(QStringLiteral("protect") + code);
        box->setChecked(selected.contains(code));
        layout->addWidget(box);
        m_nationBoxes[i] = box;
    }

    layout->addWidget(new QLabel(QStringLiteral("Further areas from GeoJSON files:"), this));
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("areaFiles"));
    m_files->addItems(choice.areaFiles);
    layout->addWidget(m_files);
    auto *fileButtons = new QHBoxLayout;
    auto *add = new QPushButton(QStringLiteral("&Add GeoJSON file…"), this);
    auto *remove = new QPushButton(QStringLiteral("&Remove"), this);
    fileButtons->addWidget(add);
    fileButtons->addWidget(remove);
    fileButtons->addStretch(1);
    layout->addLayout(fileButtons);
    connect(add, &QPushButton::clicked, this, &ProtectedAreaDialog::addFile);
    connect(remove, &QPushButton::clicked, this, &ProtectedAreaDialog::removeFile);

    auto *note = new QLabel(
        QStringLiteral("Applying a change ends every open impact and overflight alert with "
                       "\"Protected areas changed\"; the rules then judge each missile in flight "
                       "against the new areas and raise fresh alerts where a threat remains."),
        this);
    note->setWordWrap(true);
    layout->addWidget(note);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("areaProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #e08a00;"));
    m_problem->hide();
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(QStringLiteral("&Apply"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(520, 420);
}

ProtectedAreaChoice ProtectedAreaDialog::choice() const
{
    ProtectedAreaChoice out;
    QStringList codes;
    for (std::size_t i = 0; i < kAllNations.size(); ++i) {
        if (m_nationBoxes[i]->isChecked())
            codes.append(QString::fromLatin1(nationCode(kAllNations[i])));
    }
    out.nations = codes.join(QLatin1Char(','));
    for (int row = 0; row < m_files->count(); ++row)
        out.areaFiles.append(m_files->item(row)->text());
    return out;
}

void ProtectedAreaDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void ProtectedAreaDialog::addFile()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, QStringLiteral("Load protected areas"), QString(),
        QStringLiteral("GeoJSON (*.geojson *.json);;All files (*)"));
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (m_files->findItems(absolute, Qt::MatchExactly).isEmpty())
            m_files->addItem(absolute);
    }
}

void ProtectedAreaDialog::removeFile()
{
    delete m_files->currentItem();
}

} // namespace cop
