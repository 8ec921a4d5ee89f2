// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpoint.h"

namespace cop {

bool isPlausibleEndpoint(const QString &endpoint, QString *why)
{
    const auto reject = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    const qsizetype schemeEnd = endpoint.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return reject(QStringLiteral("expected tcp://HOST:PORT, ipc://PATH or inproc://NAME"));
    const QString scheme = endpoint.left(schemeEnd);
    const QString rest = endpoint.mid(schemeEnd + 3);
    if (rest.isEmpty())
        return reject(QStringLiteral("nothing after %1://").arg(scheme));
    if (scheme == QLatin1String("tcp")) {
        const qsizetype colon = rest.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0)
            return reject(QStringLiteral("tcp endpoints need HOST:PORT"));
        const QString port = rest.mid(colon + 1);
        bool ok = false;
        const int number = port.toInt(&ok);
        if (port != QLatin1String("*") && (!ok || number < 1 || number > 65535))
            return reject(QStringLiteral("port must be 1..65535 (or * when binding)"));
        return true;
    }
    if (scheme == QLatin1String("ipc") || scheme == QLatin1String("inproc"))
        return true;
    return reject(QStringLiteral("unsupported transport '%1'").arg(scheme));
}

} // namespace cop
