// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <set>
#include <string>
#include <vector>

namespace cop::net {

// The certificate files and folders a publisher's allow-list was read from, watched so that
// a running publisher picks up an edited list — a partner's new console key, a key withdrawn —
// without a restart that would cut every console watching it.
class AllowListSource
{
public:
    AllowListSource() = default;
    explicit AllowListSource(std::vector<std::string> paths);

    bool empty() const { return m_paths.empty(); }
    const std::vector<std::string> &paths() const { return m_paths; }

    // True when a file or folder changed (added, removed, rewritten) since construction or the
    // last call that returned true. Cheap: only file metadata is read.
    bool changed();
    // Reads every path again into `keys` (replaced). False, with the file and reason, if any
    // file is malformed or missing: `keys` is then left as it was.
    bool load(std::set<std::string> &keys, std::string *error) const;

private:
    std::string fingerprint() const;

    std::vector<std::string> m_paths;
    std::string m_fingerprint;
};

} // namespace cop::net
