// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

class QCheckBox;
class QLabel;
class QListWidget;

namespace cop {

// What the console protects, as an operator chooses it: the nations whose territory and
// approximate EEZ count, and GeoJSON files of further areas. The same two things as the
// viewer's --protect and --areas options, with the same meaning.
struct ProtectedAreaChoice
{
    QString nations = QStringLiteral("JP,US,KR"); // codes, comma-separated; empty: none
    QStringList areaFiles;

    friend bool operator==(const ProtectedAreaChoice &, const ProtectedAreaChoice &) = default;
};

// The choice remembered between runs (QSettings group "alerts"); nothing saved yet: nullopt.
std::optional<ProtectedAreaChoice> loadProtectedAreaChoice(QSettings &settings);
void saveProtectedAreaChoice(QSettings &settings, const ProtectedAreaChoice &choice);

// Alerts → Protected areas…: a check box per nation and the list of area files. It only edits a
// ProtectedAreaChoice; whoever opened it builds and applies the areas (and refuses a choice
// whose files do not load, keeping the dialog open with the reason).
class ProtectedAreaDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ProtectedAreaDialog(const ProtectedAreaChoice &choice, QWidget *parent = nullptr);

    ProtectedAreaChoice choice() const;
    // Shows why the last attempt to apply the choice failed (or what it skipped).
    void showProblem(const QString &text);

    QCheckBox *nationBox(int index) const { return m_nationBoxes[static_cast<std::size_t>(index)]; }
    QListWidget *fileList() const { return m_files; }

private:
    void addFile();
    void removeFile();

    std::array<QCheckBox *, 3> m_nationBoxes {};
    QListWidget *m_files = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace cop
