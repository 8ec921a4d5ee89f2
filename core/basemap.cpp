// SPDX-License-Identifier: GPL-3.0-or-later
#include "basemap.h"

#include <QFile>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace cop {

namespace {

// The file format is specified in tools/basemap/README.md; keep the two in step.
constexpr char kMagic[8] = {'C', 'O', 'P', 'B', 'M', 'A', 'P', '1'};
constexpr quint16 kVersion = 1;
constexpr quint16 kLevelCount = 3;
constexpr qsizetype kHeaderSize = 28;

// zlib's CRC-32 (IEEE 802.3 polynomial, reflected), as Python's zlib.crc32 writes it.
quint32 crc32(const char *data, qsizetype size)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (qsizetype i = 0; i < size; ++i)
        crc = table[(crc ^ static_cast<quint8>(data[i])) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

// Bounds-checked little-endian reader. Every read fails cleanly at the end of its window, so a
// truncated or hostile file can neither crash the reader nor make it allocate without limit.
class Reader
{
public:
    Reader(const char *data, qsizetype size)
        : m_data(data)
        , m_size(size)
    {
    }

    qsizetype remaining() const { return m_size - m_pos; }
    qsizetype position() const { return m_pos; }
    const char *current() const { return m_data + m_pos; }
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 (at byte %2)").arg(why).arg(m_pos);
    }

    bool bytes(char *out, qsizetype n)
    {
        if (failed() || n > remaining()) {
            fail(QStringLiteral("unexpected end of data"));
            return false;
        }
        std::memcpy(out, m_data + m_pos, static_cast<size_t>(n));
        m_pos += n;
        return true;
    }
    bool skip(qsizetype n)
    {
        if (failed() || n > remaining()) {
            fail(QStringLiteral("unexpected end of data"));
            return false;
        }
        m_pos += n;
        return true;
    }
    template<typename T>
    T fixed()
    {
        unsigned char raw[sizeof(T)] = {};
        if (!bytes(reinterpret_cast<char *>(raw), sizeof(T)))
            return T{};
        std::make_unsigned_t<T> value = 0;
        for (size_t i = 0; i < sizeof(T); ++i)
            value |= static_cast<std::make_unsigned_t<T>>(raw[i]) << (8 * i);
        return static_cast<T>(value);
    }
    // Unsigned LEB128, at most 32 bits.
    quint32 varint()
    {
        quint64 value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            const auto byte = fixed<quint8>();
            if (failed())
                return 0;
            value |= quint64(byte & 0x7Fu) << shift;
            if (!(byte & 0x80u)) {
                if (value > 0xFFFFFFFFu)
                    break;
                return static_cast<quint32>(value);
            }
        }
        fail(QStringLiteral("malformed variable-length integer"));
        return 0;
    }
    qint64 zigzag()
    {
        const quint32 v = varint();
        return (v & 1u) ? -qint64(v >> 1) - 1 : qint64(v >> 1);
    }
    // A count of items that each take at least minBytes: more than could fit is corruption.
    quint32 count(qsizetype minBytes, const char *what)
    {
        const quint32 n = varint();
        if (!failed() && qsizetype(n) > remaining() / minBytes)
            fail(QStringLiteral("%1 count %2 exceeds the data").arg(QLatin1String(what)).arg(n));
        return failed() ? 0 : n;
    }

private:
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    QString m_error;
};

QRectF ringBounds(const GeoRing &ring)
{
    double minLon = ring.front().lonDeg, maxLon = minLon;
    double minLat = ring.front().latDeg, maxLat = minLat;
    for (const LatLonDeg &p : ring) {
        minLon = std::min(minLon, p.lonDeg);
        maxLon = std::max(maxLon, p.lonDeg);
        minLat = std::min(minLat, p.latDeg);
        maxLat = std::max(maxLat, p.latDeg);
    }
    return QRectF(QPointF(minLon, minLat), QPointF(maxLon, maxLat));
}

// Closed-interval test: QRectF::contains treats an empty (zero-width) rectangle as containing
// nothing, but a degenerate bounding box still has points on it.
bool boundsContain(const QRectF &r, double latDeg, double lonDeg)
{
    return lonDeg >= r.left() && lonDeg <= r.right() && latDeg >= r.top() && latDeg <= r.bottom();
}

QString readIso(Reader &in)
{
    char code[2] = {};
    in.bytes(code, 2);
    if (code[0] == 0 && code[1] == 0)
        return {};
    const auto isUpper = [](char c) { return c >= 'A' && c <= 'Z'; };
    if (!isUpper(code[0]) || !isUpper(code[1])) {
        in.fail(QStringLiteral("invalid ISO 3166 alpha-2 code"));
        return {};
    }
    return QString::fromLatin1(code, 2);
}

bool readRing(Reader &in, double unitsPerDeg, GeoRing &ring)
{
    // Each point is at least two one-byte varints.
    const quint32 points = in.count(2, "point");
    if (in.failed())
        return false;
    if (points < 3) {
        in.fail(QStringLiteral("ring with fewer than three points"));
        return false;
    }
    const qint64 maxLat = qint64(90.0 * unitsPerDeg), minLon = qint64(-180.0 * unitsPerDeg),
                 maxLon = qint64(540.0 * unitsPerDeg);
    ring.reserve(points);
    qint64 lat = 0, lon = 0;
    for (quint32 i = 0; i < points; ++i) {
        lat += in.zigzag();
        lon += in.zigzag();
        if (in.failed())
            return false;
        if (lat < -maxLat || lat > maxLat || lon < minLon || lon > maxLon) {
            in.fail(QStringLiteral("coordinate out of range"));
            return false;
        }
        ring.push_back({double(lat) / unitsPerDeg, double(lon) / unitsPerDeg});
    }
    return true;
}

bool readCountry(Reader &in, double unitsPerDeg, BasemapCountry &country)
{
    const auto nameLength = in.fixed<quint8>();
    QByteArray name(nameLength, Qt::Uninitialized);
    if (!in.bytes(name.data(), nameLength))
        return false;
    country.name = QString::fromUtf8(name);
    country.isoA2 = readIso(in);
    country.sovereignIsoA2 = readIso(in);
    country.isoNumeric = in.fixed<qint16>();
    const qint64 labelLat = in.zigzag();
    const qint64 labelLon = in.zigzag();
    country.labelPoint = {double(labelLat) / unitsPerDeg, double(labelLon) / unitsPerDeg};
    if (std::abs(country.labelPoint.latDeg) > 90.0 || std::abs(country.labelPoint.lonDeg) > 180.0)
        in.fail(QStringLiteral("label point out of range"));

    // Minimum sizes: a polygon holds a ring count and a ring; a ring a count and three points.
    const quint32 polygons = in.count(8, "polygon");
    if (in.failed())
        return false;
    if (polygons == 0) {
        in.fail(QStringLiteral("country without polygons"));
        return false;
    }
    country.polygons.resize(polygons);
    for (GeoPolygon &polygon : country.polygons) {
        const quint32 rings = in.count(7, "ring");
        if (in.failed())
            return false;
        if (rings == 0) {
            in.fail(QStringLiteral("polygon without rings"));
            return false;
        }
        polygon.rings.resize(rings);
        for (GeoRing &ring : polygon.rings) {
            if (!readRing(in, unitsPerDeg, ring))
                return false;
        }
        polygon.boundsDeg = ringBounds(polygon.rings.front());
        country.boundsDeg = country.boundsDeg.isNull() ? polygon.boundsDeg
                                                       : country.boundsDeg | polygon.boundsDeg;
    }
    return true;
}

bool readLevel(Reader &in, int index, double unitsPerDeg, std::vector<BasemapCountry> &level)
{
    const auto detail = in.fixed<quint8>();
    const auto size = in.fixed<quint32>();
    if (in.failed())
        return false;
    if (detail != index) {
        in.fail(QStringLiteral("level %1 found where level %2 belongs").arg(detail).arg(index));
        return false;
    }
    if (qsizetype(size) > in.remaining()) {
        in.fail(QStringLiteral("level %1 is larger than the data").arg(index));
        return false;
    }
    // Parse the level in its own window so a wrong count cannot run into the next level.
    Reader body(in.current(), size);
    // A country takes at least 18 bytes: name length, codes, numeric, label, one polygon.
    const quint32 countries = body.count(18, "country");
    level.resize(countries);
    for (BasemapCountry &country : level) {
        if (!readCountry(body, unitsPerDeg, country))
            break;
    }
    if (!body.failed() && body.remaining() != 0)
        body.fail(QStringLiteral("trailing bytes"));
    if (body.failed()) {
        in.fail(QStringLiteral("level %1: %2").arg(index).arg(body.error()));
        return false;
    }
    return in.skip(size);
}

} // namespace

std::optional<Basemap> Basemap::fromData(const QByteArray &data, QString *error)
{
    const auto reject = [error](const QString &why) -> std::optional<Basemap> {
        if (error)
            *error = QStringLiteral("invalid basemap: %1").arg(why);
        return std::nullopt;
    };
    Reader in(data.constData(), data.size());
    char magic[8] = {};
    if (!in.bytes(magic, 8) || std::memcmp(magic, kMagic, 8) != 0)
        return reject(QStringLiteral("not a basemap file (bad magic)"));
    const auto version = in.fixed<quint16>();
    const auto levelCount = in.fixed<quint16>();
    const auto unitsPerDeg = in.fixed<quint32>();
    const auto payloadSize = in.fixed<quint32>();
    const auto payloadCrc = in.fixed<quint32>();
    in.fixed<quint32>(); // reserved
    if (in.failed())
        return reject(QStringLiteral("truncated header"));
    Q_ASSERT(in.position() == kHeaderSize);
    if (version != kVersion)
        return reject(
            QStringLiteral("unsupported version %1 (expected %2)").arg(version).arg(kVersion));
    if (levelCount != kLevelCount)
        return reject(QStringLiteral("%1 levels (expected %2)").arg(levelCount).arg(kLevelCount));
    if (unitsPerDeg == 0)
        return reject(QStringLiteral("zero coordinate scale"));
    if (qsizetype(payloadSize) != in.remaining())
        return reject(QStringLiteral("payload is %1 bytes but the header says %2 (truncated?)")
                          .arg(in.remaining())
                          .arg(payloadSize));
    if (crc32(in.current(), in.remaining()) != payloadCrc)
        return reject(QStringLiteral("checksum mismatch (corrupt data)"));

    Basemap map;
    for (int i = 0; i < kLevelCount; ++i) {
        if (!readLevel(in, i, double(unitsPerDeg), map.m_levels[i]))
            return reject(in.error());
    }
    if (in.remaining() != 0)
        return reject(QStringLiteral("trailing bytes after the last level"));
    return map;
}

std::optional<Basemap> Basemap::loadEmbedded(QString *error)
{
    QFile file(QStringLiteral(":/basemap/basemap.bin"));
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("embedded basemap not found: %1").arg(file.errorString());
        return std::nullopt;
    }
    return fromData(file.readAll(), error);
}

const std::vector<BasemapCountry> &Basemap::countries(BasemapDetail detail) const
{
    return m_levels[static_cast<int>(detail)];
}

bool Basemap::polygonContains(const GeoPolygon &polygon, double latDeg, double lonDeg)
{
    if (!boundsContain(polygon.boundsDeg, latDeg, lonDeg))
        return false;
    bool inside = false;
    for (const GeoRing &ring : polygon.rings) {
        for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const LatLonDeg &a = ring[i];
            const LatLonDeg &b = ring[j];
            if ((a.latDeg > latDeg) != (b.latDeg > latDeg)) {
                const double crossLon
                    = a.lonDeg
                      + (latDeg - a.latDeg) * (b.lonDeg - a.lonDeg) / (b.latDeg - a.latDeg);
                if (lonDeg < crossLon)
                    inside = !inside;
            }
        }
    }
    return inside;
}

const BasemapCountry *Basemap::countryAt(double latDeg, double lonDeg) const
{
    if (!std::isfinite(latDeg) || !std::isfinite(lonDeg) || std::abs(latDeg) > 90.0)
        return nullptr;
    // Rings are stored with continuous longitudes starting at or east of -180, so a point may
    // sit in a polygon under its own longitude or one turn further east.
    double lon = std::fmod(lonDeg, 360.0);
    if (lon < -180.0)
        lon += 360.0;
    else if (lon >= 180.0)
        lon -= 360.0;
    for (const BasemapCountry &country : countries(BasemapDetail::Fine)) {
        for (const double candidate : {lon, lon + 360.0}) {
            if (!boundsContain(country.boundsDeg, latDeg, candidate))
                continue;
            for (const GeoPolygon &polygon : country.polygons) {
                if (polygonContains(polygon, latDeg, candidate))
                    return &country;
            }
        }
    }
    return nullptr;
}

const BasemapCountry *Basemap::countryByIsoA2(const QString &isoA2, BasemapDetail detail) const
{
    if (isoA2.isEmpty())
        return nullptr;
    for (const BasemapCountry &country : countries(detail)) {
        if (country.isoA2.compare(isoA2, Qt::CaseInsensitive) == 0)
            return &country;
    }
    return nullptr;
}

} // namespace cop
