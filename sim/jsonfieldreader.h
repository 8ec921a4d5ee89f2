// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

namespace cop::sim {

// Reads one JSON object's fields for the simulator's editable files, remembering where the
// object is in the file ("launches[2]") so a bad value is reported as "launches[2].apogeeKm:
// must be a number from 10 to 10000". Every read checks type and range; nothing throws.
class JsonFieldReader
{
public:
    JsonFieldReader(const QJsonObject &object, std::string path)
        : m_object(object)
        , m_path(std::move(path))
    { }

    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }

    bool number(const char *key, double &out, double min, double max, std::string *error) const
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < min
            || v.toDouble() > max) {
            *error = field(key) + ": must be a number from " + format(min) + " to " + format(max);
            return false;
        }
        out = v.toDouble();
        return true;
    }

    // A number that may be left out; out keeps its value then.
    bool optionalNumber(const char *key, double &out, double min, double max,
                        std::string *error) const
    {
        return !has(key) || number(key, out, min, max, error);
    }

    bool text(const char *key, std::string &out, std::string *error) const
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            *error = field(key) + ": must be a non-empty string";
            return false;
        }
        out = v.toString().toStdString();
        return true;
    }

    std::string field(const char *key) const { return m_path.empty() ? key : m_path + "." + key; }
    const std::string &path() const { return m_path; }
    const QJsonObject &object() const { return m_object; }

    static std::string format(double v)
    {
        char text[32];
        std::snprintf(text, sizeof text, "%g", v);
        return text;
    }

private:
    QJsonObject m_object;
    std::string m_path;
};

} // namespace cop::sim
