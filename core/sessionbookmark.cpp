// SPDX-License-Identifier: GPL-3.0-or-later
#include "sessionbookmark.h"

#include "sessionformat.h"
#include "sqlite.h"

namespace cop {

bool appendSessionBookmark(const std::string &sessionPath, const OperatorAction &bookmark,
                           std::string *error)
{
    const auto fail = [&](const std::string &why) {
        if (error)
            *error = why;
        return false;
    };
    sqlite3 *raw = nullptr;
    // No CREATE: a missing file is an error, not a new database.
    const int rc = sqlite3_open_v2(sessionPath.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
    sqlite::Database db(raw);
    if (rc != SQLITE_OK)
        return fail("cannot open '" + sessionPath + "' for writing: " + sqlite::lastError(raw));
    // The replay reads the file meanwhile: wait a moment for its read to finish, never fail on it.
    sqlite3_busy_timeout(db.get(), 2000);
    sqlite::Statement identity(db.get(), "SELECT * FROM pragma_application_id");
    if (!identity.isValid() || identity.step() != SQLITE_ROW
        || static_cast<std::int32_t>(identity.columnInt64(0)) != kSessionApplicationId)
        return fail("'" + sessionPath + "' is not a COP session");
    sqlite::Statement insert(
        db.get(),
        "INSERT INTO operator_actions (time_us, playhead_time_us, action, operator, alert_id, note)"
        " VALUES (?1, ?2, 'bookmark', ?3, NULL, ?4)");
    if (!insert.isValid())
        return fail("cannot write to '" + sessionPath + "': " + sqlite::lastError(db.get()));
    insert.bindInt64(1, bookmark.timeUs);
    if (bookmark.playheadTimeUs != kTimeUnset)
        insert.bindInt64(2, bookmark.playheadTimeUs);
    insert.bindText(3, bookmark.operatorName);
    if (!bookmark.note.empty())
        insert.bindText(4, bookmark.note);
    if (!insert.execute())
        return fail("cannot write to '" + sessionPath + "': " + sqlite::lastError(db.get()));
    return true;
}

} // namespace cop
