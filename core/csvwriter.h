// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace cop {

// Builds RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma,
// a quote, a line break or leading/trailing space, quotes inside doubled. UTF-8. Spreadsheets
// and Python's csv module read it back exactly, free text (an alert's line, a bookmark's note)
// included.
class CsvWriter
{
public:
    void addRow(const QStringList &fields);
    const QByteArray &data() const { return m_data; }
    int rows() const { return m_rows; }

    static QString quoted(const QString &field);

private:
    QByteArray m_data;
    int m_rows = 0;
};

// Reads CSV as CsvWriter writes it (RFC 4180), for tests and round trips. False if a quote
// is left open.
bool parseCsv(const QByteArray &data, QList<QStringList> *rows);

} // namespace cop
