// SPDX-License-Identifier: GPL-3.0-or-later
#include "allowlistsource.h"

#include "curvecertificate.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace cop::net {

namespace fs = std::filesystem;

namespace {

// Name, size and modification time: enough to notice an edit, a new file or a removed one.
void describe(const fs::path &path, std::string &out)
{
    std::error_code error;
    const auto status = fs::status(path, error);
    out += path.string();
    if (error || !fs::exists(status)) {
        out += "|missing\n";
        return;
    }
    const auto modified = fs::last_write_time(path, error);
    out += '|' + std::to_string(error ? 0 : modified.time_since_epoch().count());
    if (fs::is_regular_file(status)) {
        const auto size = fs::file_size(path, error);
        out += '|' + std::to_string(error ? 0 : size);
    }
    out += '\n';
}

} // namespace

AllowListSource::AllowListSource(std::vector<std::string> paths)
    : m_paths(std::move(paths))
    , m_fingerprint(fingerprint())
{ }

bool AllowListSource::changed()
{
    std::string now = fingerprint();
    if (now == m_fingerprint)
        return false;
    m_fingerprint = std::move(now);
    return true;
}

bool AllowListSource::load(std::set<std::string> &keys, std::string *error) const
{
    std::set<std::string> fresh;
    for (const std::string &path : m_paths) {
        if (!loadCurveAllowList(path, fresh, error))
            return false;
    }
    keys = std::move(fresh);
    return true;
}

std::string AllowListSource::fingerprint() const
{
    std::string out;
    for (const std::string &path : m_paths) {
        describe(path, out);
        std::error_code error;
        if (!fs::is_directory(path, error))
            continue;
        // Sorted, so the same folder always gives the same text whatever order it lists in.
        std::vector<fs::path> entries;
        for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error))
            entries.push_back(it->path());
        std::sort(entries.begin(), entries.end());
        for (const fs::path &entry : entries)
            describe(entry, out);
    }
    return out;
}

} // namespace cop::net
