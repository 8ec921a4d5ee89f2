// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/basemap.h"

#include <QFile>
#include <QRandomGenerator>

#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <stdexcept>
#include <string>

namespace cop {

void PrintTo(const BasemapCountry &country, std::ostream *os)
{
    *os << country.name.toStdString() << " (" << country.isoA2.toStdString() << ")";
}

namespace {

// Loaded once: parsing the embedded file is the slow part of these tests.
const Basemap &embedded()
{
    static const std::optional<Basemap> map = [] {
        QString error;
        auto loaded = Basemap::loadEmbedded(&error);
        EXPECT_TRUE(loaded) << error.toStdString();
        return loaded;
    }();
    if (!map)
        throw std::runtime_error("embedded basemap missing");
    return *map;
}

QByteArray embeddedBytes()
{
    QFile file(QStringLiteral(":/basemap/basemap.bin"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

struct PlaceCase
{
    const char *name;
    double latDeg;
    double lonDeg;
    const char *isoA2;          // "" for sea
    const char *sovereignIsoA2; // "" for sea
};

void PrintTo(const PlaceCase &place, std::ostream *os)
{
    *os << place.name << " (" << place.latDeg << ", " << place.lonDeg << ")";
}

class BasemapCountryAt : public ::testing::TestWithParam<PlaceCase>
{
};

TEST_P(BasemapCountryAt, FindsTheCountryOrSea)
{
    const PlaceCase &place = GetParam();
    const BasemapCountry *country = embedded().countryAt(place.latDeg, place.lonDeg);
    if (*place.isoA2 == '\0' && *place.sovereignIsoA2 == '\0') {
        EXPECT_EQ(country, nullptr) << "found " << country->name.toStdString();
        return;
    }
    ASSERT_NE(country, nullptr);
    EXPECT_EQ(country->isoA2, QString::fromLatin1(place.isoA2)) << country->name.toStdString();
    EXPECT_EQ(country->sovereignIsoA2, QString::fromLatin1(place.sovereignIsoA2));
}

INSTANTIATE_TEST_SUITE_P(Theatre, BasemapCountryAt,
                         ::testing::Values(PlaceCase{"Tokyo", 35.68, 139.69, "JP", "JP"},
                                           PlaceCase{"Sapporo", 43.06, 141.35, "JP", "JP"},
                                           PlaceCase{"Naha", 26.21, 127.68, "JP", "JP"},
                                           PlaceCase{"Seoul", 37.57, 126.98, "KR", "KR"},
                                           PlaceCase{"Busan", 35.18, 129.08, "KR", "KR"},
                                           PlaceCase{"Pyongyang", 39.04, 125.76, "KP", "KP"},
                                           PlaceCase{"Vladivostok", 43.12, 131.89, "RU", "RU"},
                                           PlaceCase{"Chukotka past 180", 66.0, -174.0, "RU", "RU"},
                                           PlaceCase{"Beijing", 39.90, 116.41, "CN", "CN"},
                                           PlaceCase{"Taipei", 25.03, 121.56, "TW", "TW"},
                                           PlaceCase{"Guam", 13.45, 144.78, "GU", "US"},
                                           PlaceCase{"Saipan", 15.18, 145.75, "MP", "US"},
                                           PlaceCase{"Honolulu", 21.31, -157.86, "US", "US"},
                                           PlaceCase{"Anchorage", 61.22, -149.90, "US", "US"},
                                           PlaceCase{"Adak", 51.80, -176.70, "US", "US"},
                                           PlaceCase{"Washington", 38.90, -77.04, "US", "US"},
                                           PlaceCase{"Paris", 48.86, 2.35, "FR", "FR"},
                                           PlaceCase{"Sea of Japan", 39.5, 134.0, "", ""},
                                           PlaceCase{"Yellow Sea", 35.5, 123.5, "", ""},
                                           PlaceCase{"Pacific east of Japan", 35.0, 150.0, "", ""},
                                           // Lesotho is a hole in South Africa's polygon.
                                           PlaceCase{"Maseru", -29.31, 27.48, "LS", "LS"},
                                           PlaceCase{"Bloemfontein", -29.12, 26.21, "ZA", "ZA"}),
                         [](const ::testing::TestParamInfo<PlaceCase> &info) {
                             std::string name;
                             for (const char c : std::string(info.param.name))
                                 name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(Basemap, LevelsHavePlausibleFeatureCounts)
{
    const Basemap &map = embedded();
    const auto coarse = map.countries(BasemapDetail::Coarse).size();
    const auto medium = map.countries(BasemapDetail::Medium).size();
    const auto fine = map.countries(BasemapDetail::Fine).size();
    EXPECT_GE(coarse, 170u);
    EXPECT_GE(medium, 230u);
    EXPECT_GE(fine, 250u);
    EXPECT_LE(fine, 300u);
    EXPECT_LE(coarse, medium);
    EXPECT_LE(medium, fine);
}

TEST(Basemap, FineLevelIsMoreDetailedInTheTheatre)
{
    const auto points = [](const BasemapCountry *country) {
        size_t n = 0;
        for (const GeoPolygon &polygon : country->polygons) {
            for (const GeoRing &ring : polygon.rings)
                n += ring.size();
        }
        return n;
    };
    const Basemap &map = embedded();
    for (const char *code : {"JP", "KR", "KP"}) {
        SCOPED_TRACE(code);
        const auto *coarse = map.countryByIsoA2(QString::fromLatin1(code), BasemapDetail::Coarse);
        const auto *medium = map.countryByIsoA2(QString::fromLatin1(code), BasemapDetail::Medium);
        const auto *fine = map.countryByIsoA2(QString::fromLatin1(code), BasemapDetail::Fine);
        ASSERT_TRUE(coarse && medium && fine);
        EXPECT_LT(points(coarse), points(medium));
        EXPECT_LT(points(medium), points(fine));
    }
}

TEST(Basemap, CountriesHaveNamesCodesAndLabelsOnLand)
{
    const Basemap &map = embedded();
    const BasemapCountry *japan = map.countryByIsoA2(QStringLiteral("JP"), BasemapDetail::Fine);
    ASSERT_NE(japan, nullptr);
    EXPECT_EQ(japan->name, QStringLiteral("Japan"));
    EXPECT_EQ(japan->isoNumeric, 392);
    for (const char *code : {"JP", "KR", "KP", "CN", "RU", "US", "TW", "PH"}) {
        SCOPED_TRACE(code);
        const BasemapCountry *country
            = map.countryByIsoA2(QString::fromLatin1(code), BasemapDetail::Fine);
        ASSERT_NE(country, nullptr);
        EXPECT_EQ(map.countryAt(country->labelPoint.latDeg, country->labelPoint.lonDeg), country);
    }
}

TEST(Basemap, RingsAreValid)
{
    for (const auto detail : {BasemapDetail::Coarse, BasemapDetail::Medium, BasemapDetail::Fine}) {
        for (const BasemapCountry &country : embedded().countries(detail)) {
            ASSERT_FALSE(country.polygons.empty()) << country.name.toStdString();
            for (const GeoPolygon &polygon : country.polygons) {
                for (const GeoRing &ring : polygon.rings) {
                    ASSERT_GE(ring.size(), 3u);
                    for (size_t i = 1; i < ring.size(); ++i) {
                        // Continuous longitudes: no edge jumps across the whole map, except
                        // Antarctica's closing edge along the pole itself.
                        if (std::abs(ring[i].latDeg) == 90.0
                            && std::abs(ring[i - 1].latDeg) == 90.0)
                            continue;
                        ASSERT_LT(std::abs(ring[i].lonDeg - ring[i - 1].lonDeg), 180.0)
                            << country.name.toStdString();
                    }
                }
            }
        }
    }
}

TEST(Basemap, RejectsTruncatedData)
{
    const QByteArray good = embeddedBytes();
    ASSERT_FALSE(good.isEmpty());
    QString error;
    ASSERT_TRUE(Basemap::fromData(good, &error)) << error.toStdString();
    for (const qsizetype size : {qsizetype(0), qsizetype(7), qsizetype(8), qsizetype(27),
                                 qsizetype(28), qsizetype(100), good.size() / 2, good.size() - 1}) {
        SCOPED_TRACE(size);
        error.clear();
        EXPECT_FALSE(Basemap::fromData(good.left(size), &error));
        EXPECT_FALSE(error.isEmpty());
    }
    EXPECT_FALSE(Basemap::fromData(good + QByteArray(1, '\0'), &error));
}

TEST(Basemap, RejectsRandomBytesAndCorruption)
{
    QRandomGenerator random(20240601);
    QString error;
    for (int trial = 0; trial < 20; ++trial) {
        QByteArray noise(8 + random.bounded(4096), Qt::Uninitialized);
        for (char &c : noise)
            c = char(random.bounded(256));
        if (trial % 2)
            noise.replace(0, 8, "COPBMAP1"); // get past the magic, into the header checks
        error.clear();
        EXPECT_FALSE(Basemap::fromData(noise, &error));
        EXPECT_FALSE(error.isEmpty());
    }
    QByteArray flipped = embeddedBytes();
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x40);
    EXPECT_FALSE(Basemap::fromData(flipped, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("checksum"))) << error.toStdString();

    QByteArray wrongVersion = embeddedBytes();
    wrongVersion[8] = 2;
    EXPECT_FALSE(Basemap::fromData(wrongVersion, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("version"))) << error.toStdString();
}

// zlib's CRC-32, written independently of the reader's so the tests can forge valid files.
quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : data) {
        crc ^= static_cast<quint8>(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1u) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
    }
    return crc ^ 0xFFFFFFFFu;
}

QByteArray le32(quint32 value)
{
    QByteArray bytes(4, '\0');
    for (int i = 0; i < 4; ++i)
        bytes[i] = char((value >> (8 * i)) & 0xFFu);
    return bytes;
}

constexpr qsizetype kHeaderSize = 28;

// Header fields as the converter writes them, around any payload.
QByteArray withHeader(const QByteArray &payload)
{
    return QByteArray("COPBMAP1") + QByteArray::fromHex("01000300") + le32(100000)
           + le32(quint32(payload.size())) + le32(crc32(payload)) + le32(0) + payload;
}

TEST(Basemap, RejectsStructuralLiesBehindAValidChecksum)
{
    // Level 0 of 5 bytes: a country count of 0xFFFFFFFF as a varint, then nothing.
    const QByteArray level = QByteArray(1, '\0') + le32(5) + QByteArray::fromHex("ffffffff0f");
    QString error;
    EXPECT_FALSE(Basemap::fromData(withHeader(level), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("count"))) << error.toStdString();
}

TEST(Basemap, SurvivesCorruptionBehindAValidChecksum)
{
    // Damage the structure itself, then re-seal the checksum so the parser must cope: it may
    // reject or (if the damage only moved a coordinate) accept, but never crash or overrun.
    const QByteArray good = embeddedBytes();
    ASSERT_GT(good.size(), kHeaderSize + 4096);
    const QByteArray payload = good.mid(kHeaderSize);
    QRandomGenerator random(7);
    int rejected = 0;
    for (int trial = 0; trial < 40; ++trial) {
        QByteArray damaged = payload;
        const int pos = int(random.bounded(4096));
        damaged[pos] = char(random.bounded(256));
        if (trial % 4 == 0)
            damaged.truncate(pos + 1);
        QString error;
        if (!Basemap::fromData(withHeader(damaged), &error)) {
            EXPECT_FALSE(error.isEmpty());
            ++rejected;
        }
    }
    EXPECT_GT(rejected, 10);
}

} // namespace
} // namespace cop
