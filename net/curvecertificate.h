// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace cop::net {

// A CurveZMQ key pair as ZeroMQ's certificate files hold it (czmq's zcert format, ZPL text):
// keys in Z85, 40 characters each. A public certificate holds only the public key and may be
// handed to anyone; its secret twin, the same file name with "_secret" appended, also holds
// the secret key and is readable by its owner only.
struct CurveCertificate
{
    std::string publicKey; // Z85, 40 characters
    std::string secretKey; // Z85, 40 characters; empty in a public certificate

    bool hasSecret() const { return !secretKey.empty(); }
};

// Appended to a certificate's file name for its secret twin (czmq's convention).
inline constexpr std::string_view kSecretCertificateSuffix = "_secret";
// Certificate files are a few hundred bytes; anything much larger is not one.
inline constexpr std::size_t kMaxCertificateFileBytes = 64 * 1024;

// True for 40 characters of the Z85 alphabet that decode to a 32-byte key.
bool isValidZ85Key(std::string_view key);

// A fresh key pair from libsodium (through libzmq). nullopt if libzmq was built without CURVE.
std::optional<CurveCertificate> generateCurveCertificate();

// Parses certificate text. Both keys are checked; when both are present, the secret key must
// belong to the public one. nullopt with a reason for anything else.
std::optional<CurveCertificate> parseCurveCertificate(std::string_view text, std::string *error);

// The text of the public certificate, or of the secret one (both keys).
std::string formatCurveCertificate(const CurveCertificate &certificate, bool withSecret);

// Writes path (public) and path + "_secret" (created with mode 0600). Refuses to replace an
// existing file unless overwrite.
bool saveCurveCertificate(const CurveCertificate &certificate, const std::string &path,
                          bool overwrite, std::string *error);

// Reads a public or secret certificate file; the error names the file.
std::optional<CurveCertificate> loadCurveCertificate(const std::string &path, std::string *error);

// Reads a key pair for this end of a connection: the file itself if it holds the secret key,
// else its "_secret" twin. Refuses a secret file that others may read (like ssh does).
std::optional<CurveCertificate> loadCurveKeyPair(const std::string &path, std::string *error);

// Adds the public keys of an allow-list: one certificate file, or every certificate in a
// directory (secret files skipped, so a directory of key pairs can be used as it is).
// A malformed file fails the whole list: a key silently missing would lock out a partner.
bool loadCurveAllowList(const std::string &fileOrDirectory, std::set<std::string> &publicKeys,
                        std::string *error);

} // namespace cop::net
