// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlite.h"

namespace cop::sqlite {

Statement::Statement(sqlite3 *db, std::string_view sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &statement, nullptr)
        == SQLITE_OK)
        m_statement.reset(statement);
    else
        sqlite3_finalize(statement);
}

void Statement::bindInt64(int index, std::int64_t value)
{
    sqlite3_bind_int64(get(), index, value);
}

void Statement::bindText(int index, std::string_view text)
{
    // SQLITE_STATIC: every caller keeps the bytes alive until the step that uses them.
    sqlite3_bind_text(get(), index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void Statement::bindBlob(int index, std::string_view bytes)
{
    sqlite3_bind_blob(get(), index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(get(), index);
}

int Statement::step()
{
    return sqlite3_step(get());
}

void Statement::reset()
{
    sqlite3_reset(get());
    sqlite3_clear_bindings(get());
}

bool Statement::execute()
{
    const int rc = step();
    reset();
    return rc == SQLITE_DONE;
}

std::int64_t Statement::columnInt64(int column) const
{
    return sqlite3_column_int64(get(), column);
}

std::string_view Statement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(get(), column));
    if (!text)
        return {};
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(get(), column))};
}

std::string_view Statement::columnBlob(int column) const
{
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(get(), column));
    if (!bytes)
        return {};
    return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(get(), column))};
}

bool Statement::columnIsNull(int column) const
{
    return sqlite3_column_type(get(), column) == SQLITE_NULL;
}

bool execute(sqlite3 *db, const char *sql, std::string *error)
{
    char *message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    if (error)
        *error = message ? message : lastError(db);
    sqlite3_free(message);
    return false;
}

std::string lastError(sqlite3 *db)
{
    if (!db)
        return "no database connection";
    return std::string(sqlite3_errmsg(db)) + " (code "
        + std::to_string(sqlite3_extended_errcode(db)) + ")";
}

} // namespace cop::sqlite
