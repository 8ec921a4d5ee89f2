// SPDX-License-Identifier: GPL-3.0-or-later
#include "curvecertificate.h"

#include <zmq.h>

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace cop::net {

namespace {

constexpr std::size_t kZ85KeyLength = 40;
constexpr std::size_t kBinaryKeyLength = 32;
constexpr std::string_view kZ85Alphabet
    = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
      ".-:+=^!/*?&<>()[]{}@%$#";

bool fail(std::string *error, std::string message)
{
    if (error)
        *error = std::move(message);
    return false;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

bool isNameCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || std::strchr("$-_@.&+/", c) != nullptr;
}

// One "name = value" line of ZPL (ZeroMQ's property language, RFC 4). False if malformed.
bool parseValue(std::string_view rest, std::string &value)
{
    rest = trimmed(rest);
    if (rest.empty())
        return false;
    const char quote = rest.front();
    if (quote == '"' || quote == '\'') {
        const std::size_t end = rest.find(quote, 1);
        if (end == std::string_view::npos)
            return false;
        value.assign(rest.substr(1, end - 1));
        const std::string_view after = trimmed(rest.substr(end + 1));
        return after.empty() || after.front() == '#';
    }
    const std::size_t end = rest.find_first_of(" \t#");
    value.assign(rest.substr(0, end));
    return true;
}

std::optional<std::string> readSmallFile(const std::string &path, std::string *error)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        fail(error, path + ": no such file");
        return std::nullopt;
    }
    if (!std::filesystem::is_regular_file(path, ec)) {
        fail(error, path + ": not a regular file");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        fail(error, path + ": cannot read (" + std::strerror(errno) + ")");
        return std::nullopt;
    }
    std::string text(kMaxCertificateFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxCertificateFileBytes) {
        fail(error, path + ": too large for a certificate");
        return std::nullopt;
    }
    return text;
}

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc {};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return buffer;
}

bool writeFile(const std::string &path, const std::string &text, mode_t mode, bool overwrite,
               std::string *error)
{
    const int flags = O_WRONLY | O_CREAT | (overwrite ? O_TRUNC : O_EXCL);
    const int fd = ::open(path.c_str(), flags, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            return fail(error, path + ": already exists (give --force to replace it)");
        return fail(error, path + ": cannot create (" + std::strerror(errno) + ")");
    }
    // An existing file keeps its old mode through O_TRUNC: set it again.
    bool ok = ::fchmod(fd, mode) == 0;
    std::size_t written = 0;
    while (ok && written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        if (ok)
            written += static_cast<std::size_t>(n);
    }
    ok = (::close(fd) == 0) && ok;
    if (!ok)
        return fail(error, path + ": cannot write (" + std::strerror(errno) + ")");
    return true;
}

} // namespace

bool isValidZ85Key(std::string_view key)
{
    if (key.size() != kZ85KeyLength)
        return false;
    if (!std::all_of(key.begin(), key.end(),
                     [](char c) { return kZ85Alphabet.find(c) != std::string_view::npos; }))
        return false;
    // Z85 can spell values beyond 32 bits per 5 characters; libzmq refuses those.
    std::array<std::uint8_t, kBinaryKeyLength> binary {};
    const std::string terminated(key);
    return zmq_z85_decode(binary.data(), terminated.c_str()) != nullptr;
}

std::optional<CurveCertificate> generateCurveCertificate()
{
    std::array<char, kZ85KeyLength + 1> publicKey {};
    std::array<char, kZ85KeyLength + 1> secretKey {};
    if (zmq_curve_keypair(publicKey.data(), secretKey.data()) != 0)
        return std::nullopt;
    return CurveCertificate {publicKey.data(), secretKey.data()};
}

std::optional<CurveCertificate> parseCurveCertificate(std::string_view text, std::string *error)
{
    if (text.size() > kMaxCertificateFileBytes) {
        fail(error, "too large for a certificate");
        return std::nullopt;
    }
    if (text.find('\0') != std::string_view::npos) {
        fail(error, "not a text file");
        return std::nullopt;
    }
    // Section names by depth (4 spaces a level); only curve/public-key and curve/secret-key
    // matter, the rest (metadata) is read for its syntax and ignored.
    std::vector<std::string> sections;
    CurveCertificate certificate;
    bool publicSeen = false;
    int lineNumber = 0;
    std::size_t position = 0;
    while (position <= text.size()) {
        const std::size_t end = std::min(text.find('\n', position), text.size());
        const std::string_view line = text.substr(position, end - position);
        position = end + 1;
        ++lineNumber;
        const std::string_view content = trimmed(line);
        if (content.empty() || content.front() == '#')
            continue;
        const auto lineError = [&](const std::string &why) {
            fail(error, "line " + std::to_string(lineNumber) + ": " + why);
            return std::nullopt;
        };
        std::size_t indent = 0;
        while (indent < line.size() && line[indent] == ' ')
            ++indent;
        if (line[indent] == '\t')
            return lineError("indent with spaces, not tabs");
        if (indent % 4 != 0)
            return lineError("indentation must be a multiple of 4 spaces");
        const std::size_t depth = indent / 4;
        if (depth > sections.size())
            return lineError("indented deeper than its section");
        sections.resize(depth);
        std::size_t nameEnd = 0;
        while (nameEnd < content.size() && isNameCharacter(content[nameEnd]))
            ++nameEnd;
        if (nameEnd == 0)
            return lineError("expected a name");
        const std::string name(content.substr(0, nameEnd));
        const std::string_view rest = trimmed(content.substr(nameEnd));
        if (rest.empty() || rest.front() == '#') {
            sections.push_back(name);
            continue;
        }
        if (rest.front() != '=')
            return lineError("expected '=' after '" + name + "'");
        std::string value;
        if (!parseValue(rest.substr(1), value))
            return lineError("malformed value of '" + name + "'");
        if (sections.size() != 1 || sections.front() != "curve")
            continue;
        if (name == "public-key") {
            certificate.publicKey = value;
            publicSeen = true;
        } else if (name == "secret-key") {
            certificate.secretKey = value;
            if (value.empty())
                return lineError("empty secret-key");
        }
        sections.push_back(name); // a value may have children too
    }
    if (!publicSeen) {
        fail(error, "no curve public-key: not a ZeroMQ certificate");
        return std::nullopt;
    }
    if (!isValidZ85Key(certificate.publicKey)) {
        fail(error, "public-key is not a 40-character Z85 CURVE key");
        return std::nullopt;
    }
    if (certificate.hasSecret()) {
        if (!isValidZ85Key(certificate.secretKey)) {
            fail(error, "secret-key is not a 40-character Z85 CURVE key");
            return std::nullopt;
        }
        std::array<char, kZ85KeyLength + 1> derived {};
        if (zmq_curve_public(derived.data(), certificate.secretKey.c_str()) != 0
            || certificate.publicKey != derived.data()) {
            fail(error, "secret-key does not belong to public-key");
            return std::nullopt;
        }
    }
    return certificate;
}

std::string formatCurveCertificate(const CurveCertificate &certificate, bool withSecret)
{
    std::ostringstream out;
    out << "#   ****  Generated on " << utcNow() << " by cop-keygen  ****\n";
    if (withSecret) {
        out << "#   ZeroMQ CURVE **Secret** Certificate\n"
               "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n";
    } else {
        out << "#   ZeroMQ CURVE Public Certificate\n"
               "#   Exchange securely, or use a secure mechanism to verify the contents\n"
               "#   of this file after exchange.\n";
    }
    out << "\nmetadata\ncurve\n    public-key = \"" << certificate.publicKey << "\"\n";
    if (withSecret)
        out << "    secret-key = \"" << certificate.secretKey << "\"\n";
    return out.str();
}

bool saveCurveCertificate(const CurveCertificate &certificate, const std::string &path,
                          bool overwrite, std::string *error)
{
    if (!certificate.hasSecret() || !isValidZ85Key(certificate.publicKey))
        return fail(error, "not a complete key pair");
    const std::string secretPath = path + std::string(kSecretCertificateSuffix);
    // The secret first, so a failure leaves no public certificate without its pair.
    return writeFile(secretPath, formatCurveCertificate(certificate, true), 0600, overwrite, error)
        && writeFile(path, formatCurveCertificate(certificate, false), 0644, overwrite, error);
}

std::optional<CurveCertificate> loadCurveCertificate(const std::string &path, std::string *error)
{
    const auto text = readSmallFile(path, error);
    if (!text)
        return std::nullopt;
    std::string why;
    auto certificate = parseCurveCertificate(*text, &why);
    if (!certificate)
        fail(error, path + ": " + why);
    return certificate;
}

std::optional<CurveCertificate> loadCurveKeyPair(const std::string &path, std::string *error)
{
    auto certificate = loadCurveCertificate(path, error);
    if (!certificate)
        return std::nullopt;
    std::string secretPath = path;
    if (!certificate->hasSecret()) {
        secretPath = path + std::string(kSecretCertificateSuffix);
        std::string why;
        auto secret = loadCurveCertificate(secretPath, &why);
        if (!secret || !secret->hasSecret()) {
            fail(error,
                 path + " holds only a public key, and its secret twin cannot be used: "
                     + (secret ? secretPath + ": no secret-key" : why));
            return std::nullopt;
        }
        if (secret->publicKey != certificate->publicKey) {
            fail(error, secretPath + ": its key pair is not the one in " + path);
            return std::nullopt;
        }
        certificate = std::move(secret);
    }
    struct stat status
    {
    };
    if (::stat(secretPath.c_str(), &status) == 0 && (status.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
        fail(error,
             secretPath + ": secret key readable by others (mode " + mode
                 + "); make it private with chmod 600");
        return std::nullopt;
    }
    return certificate;
}

bool loadCurveAllowList(const std::string &fileOrDirectory, std::set<std::string> &publicKeys,
                        std::string *error)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(fileOrDirectory, ec)) {
        const auto certificate = loadCurveCertificate(fileOrDirectory, error);
        if (!certificate)
            return false;
        publicKeys.insert(certificate->publicKey);
        return true;
    }
    std::vector<std::string> files;
    for (const auto &entry : std::filesystem::directory_iterator(fileOrDirectory, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file(ec) || name.starts_with('.')
            || name.ends_with(kSecretCertificateSuffix))
            continue;
        files.push_back(entry.path().string());
    }
    if (ec)
        return fail(error, fileOrDirectory + ": cannot list (" + ec.message() + ")");
    if (files.empty())
        return fail(error, fileOrDirectory + ": no certificates in this folder");
    std::sort(files.begin(), files.end());
    for (const std::string &file : files) {
        const auto certificate = loadCurveCertificate(file, error);
        if (!certificate)
            return false;
        publicKeys.insert(certificate->publicKey);
    }
    return true;
}

} // namespace cop::net
