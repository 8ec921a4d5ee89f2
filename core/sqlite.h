// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace cop::sqlite {

// Thin RAII over the sqlite3 C API, just what the session store needs: a connection, prepared
// statements with positional binds, and error text. Not thread-safe; one connection per thread.

struct DatabaseCloser
{
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;

struct StatementFinalizer
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};

class Statement
{
public:
    Statement() = default;
    // Compiles sql on db; check isValid() and the connection's errmsg on failure.
    Statement(sqlite3 *db, std::string_view sql);

    bool isValid() const { return m_statement != nullptr; }
    sqlite3_stmt *get() const { return m_statement.get(); }

    // Positional binds, 1-based like SQLite's. Text and blobs are copied only if transient.
    void bindInt64(int index, std::int64_t value);
    void bindText(int index, std::string_view text);
    void bindBlob(int index, std::string_view bytes);
    void bindNull(int index);

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    void reset();
    // Runs a statement that returns no rows, then resets it for the next use; true on
    // SQLITE_DONE.
    bool execute();

    std::int64_t columnInt64(int column) const;
    std::string_view columnText(int column) const;
    std::string_view columnBlob(int column) const;
    bool columnIsNull(int column) const;

private:
    std::unique_ptr<sqlite3_stmt, StatementFinalizer> m_statement;
};

// Runs one or more statements without results; false with SQLite's message in error.
bool execute(sqlite3 *db, const char *sql, std::string *error = nullptr);

// The connection's last error as "message (code)".
std::string lastError(sqlite3 *db);

} // namespace cop::sqlite
