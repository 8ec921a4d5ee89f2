// SPDX-License-Identifier: GPL-3.0-or-later
// Map drawing speed, offscreen into a 1920×1080 QImage on this thread (one core).
//
//   MapFrame/Static        the whole map (basemap, 30 sensor fans, 2,000 tracks with 300-state
//                          trails, 200 impact predictions with 50 % and 95 % ellipses, labels
//                          decluttered, legend) over a picture that did not change since the
//                          last frame: the usual frame, as tracks update at about 1 Hz and the
//                          frame clock runs at 30 Hz.
//   MapFrame/AllUpdated    the same, but every track has a new state (and every prediction a
//                          new ellipse) since the last frame: the worst case, not the usual.
//   MapFrame/BareFill      baseline: filling the same image with the sea colour, nothing else.
//                          (AllUpdated's setup of each frame, applying 2,000 updates to the
//                          picture, is outside the timing.)
//   MapPan/CachedBasemap   the basemap layer alone, the view dragged by a few pixels each
//                          frame, within the cached image's margin: a blit plus the graticule
//                          labels and country names.
//   MapPan/BareBlit        baseline: drawing a 1920×1080 image into another.
//
// The picture: 2,000 tracks from three nations over the theatre, each with 300 states one
// second apart (ballistic speeds, so a trail spans hundreds of kilometres), 200 of them with
// an impact prediction; 30 ground and ship radars with 600–2,000 km fans.
#include "core/picture.h"
#include "core/projection.h"
#include "widgets/basemaplayer.h"
#include "widgets/maprendercontext.h"
#include "widgets/maprenderer.h"
#include "widgets/mapviewport.h"
#include "widgets/sensorlayer.h"
#include "widgets/tracklayer.h"

#include <benchmark/benchmark.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <memory>
#include <random>

namespace cop {
namespace {

constexpr TimeUs kT0 = 1'800'000'000'000'000;
constexpr int kTracks = 2000;
constexpr int kTrailStates = 300;
constexpr int kPredictions = 200;
constexpr int kSensors = 30;
const QSize kFrameSize(1920, 1080);

std::shared_ptr<const Basemap> basemap()
{
    static const std::shared_ptr<const Basemap> loaded = [] {
        QString error;
        std::optional<Basemap> map = Basemap::loadEmbedded(&error);
        if (!map)
            qFatal("basemap: %s", qPrintable(error));
        return std::make_shared<const Basemap>(std::move(*map));
    }();
    return loaded;
}

TrackUpdate trackState(int track, int step, TimeUs timeUs)
{
    // Tracks start over North Korea and the Yellow Sea and fly east-north-east at 2–3 km/s
    // (about 0.025° of longitude a second), so 300 s of trail is 600–900 km.
    std::mt19937 random(static_cast<unsigned>(track));
    std::uniform_real_distribution<double> lat(33.0, 43.0), lon(122.0, 132.0), speed(0.02, 0.03);
    const double lat0 = lat(random), lon0 = lon(random), dLon = speed(random);
    TrackUpdate u;
    u.trackId = "T-" + std::to_string(track);
    u.timeUs = timeUs;
    u.position = {lat0 + 0.004 * step, lon0 + dLon * step, 100'000.0 + 500.0 * step};
    u.velocity = {2200.0, 400.0, 300.0};
    u.phase = TrackPhase::Midcourse;
    u.identity = Identity::Hostile;
    u.missileClass = MissileClass::MediumRange;
    if (track < kPredictions) {
        u.hasImpact = true;
        u.impact.point = {lat0 + 1.5, lon0 + 10.0, 0.0};
        u.impact.timeUs = kT0 + 600 * kMicrosPerSecond;
        // Shrinks a little with each state, so every update changes the ellipse.
        const double s = 1.0 + 1000.0 / (step + 10.0);
        u.impact.covarianceM2 = {4.0e8 * s, 1.0e8 * s, 2.0e8 * s};
    }
    return u;
}

MessageHeader header(int track, std::uint64_t sequence, TimeUs timeUs)
{
    static const std::string sources[] = {"JP-JADGE", "US-C2BMC", "KR-KAMD"};
    static const Nation nations[] = {Nation::Japan, Nation::UnitedStates, Nation::Korea};
    return {sources[track % 3], nations[track % 3], sequence, timeUs, timeUs};
}

void addStep(Picture &picture, int step)
{
    FeedBatch batch;
    batch.reserve(kTracks);
    const TimeUs timeUs = kT0 + step * kMicrosPerSecond;
    for (int t = 0; t < kTracks; ++t)
        batch.push_back({header(t, static_cast<std::uint64_t>(step * kTracks + t + 1), timeUs), trackState(t, step, timeUs)});
    picture.applyBatch(batch);
}

void addSensors(Picture &picture)
{
    FeedBatch batch;
    std::mt19937 random(7);
    std::uniform_real_distribution<double> lat(31.0, 43.0), lon(125.0, 142.0), az(0.0, 360.0), range(600e3, 2000e3);
    for (int i = 0; i < kSensors; ++i) {
        SensorStatus s;
        s.sensorId = "R-" + std::to_string(i);
        s.name = "Radar " + std::to_string(i);
        s.kind = i % 3 == 0 ? SensorKind::ShipRadar : SensorKind::GroundRadar;
        s.site = {lat(random), lon(random), 50.0};
        s.coverage = {az(random), 60.0, 1.0, 90.0, range(random)};
        s.state = i % 10 == 0 ? SensorState::Degraded : SensorState::Operational;
        s.timeUs = kT0;
        batch.push_back({header(i, 1'000'000 + static_cast<std::uint64_t>(i), kT0), s});
    }
    picture.applyBatch(batch);
}

struct MapScene
{
    Picture picture;
    MapRenderer renderer;
    MapViewport viewport{Projection(), kFrameSize};
    MapRenderContext context;
    QImage image{kFrameSize, QImage::Format_ARGB32_Premultiplied};
    int nextStep = kTrailStates;

    MapScene()
    {
        addSensors(picture);
        for (int step = 0; step < kTrailStates; ++step)
            addStep(picture, step);
        renderer.addLayer(std::make_unique<BasemapLayer>(basemap()));
        renderer.addLayer(std::make_unique<SensorLayer>());
        auto *tracks = static_cast<TrackLayer *>(renderer.addLayer(std::make_unique<TrackLayer>()));
        tracks->setTrailLength(kTrailStates * kMicrosPerSecond);
        context.picture = &picture;
        context.liveNowUs = kT0 + kTrailStates * kMicrosPerSecond;
    }

    void render()
    {
        QPainter painter(&image);
        renderer.render(painter, viewport, context);
    }
};

// Built once for the whole run: Google Benchmark calls a benchmark function several times
// while it settles the iteration count, and building the picture takes seconds.
MapScene &sharedScene()
{
    static MapScene scene;
    static const bool warmed = (scene.render(), true); // caches: basemap image, fans, ellipses, trails
    (void)warmed;
    return scene;
}

void MapFrameStatic(benchmark::State &state)
{
    MapScene &scene = sharedScene();
    for (auto _ : state) {
        scene.render();
        benchmark::DoNotOptimize(scene.image.constBits());
    }
    state.counters["tracks"] = static_cast<double>(scene.picture.trackCountAt(kTimeLive));
    state.counters["labels_placed"] = static_cast<double>(scene.renderer.lastLabels().placed().size());
}

void MapFrameAllUpdated(benchmark::State &state)
{
    MapScene scene;
    scene.render();
    for (auto _ : state) {
        state.PauseTiming();
        addStep(scene.picture, scene.nextStep++);
        scene.context.liveNowUs += kMicrosPerSecond;
        state.ResumeTiming();
        scene.render();
        benchmark::DoNotOptimize(scene.image.constBits());
    }
}

void MapFrameBareFill(benchmark::State &state)
{
    QImage image(kFrameSize, QImage::Format_ARGB32_Premultiplied);
    const QColor sea = MapTheme::dark().sea;
    for (auto _ : state) {
        QPainter painter(&image);
        painter.fillRect(image.rect(), sea);
        painter.end();
        benchmark::DoNotOptimize(image.constBits());
    }
}

void MapPanCachedBasemap(benchmark::State &state)
{
    BasemapLayer layer(basemap());
    MapViewport viewport(Projection(), kFrameSize);
    MapRenderContext context;
    QImage image(kFrameSize, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&image);
        layer.paint(painter, viewport, context);
    }
    const int rendersBefore = layer.renderCount();
    int step = 0;
    for (auto _ : state) {
        // Back and forth by 4 px a frame over ±200 px: well inside the cached margin.
        const double dx = (step / 50) % 2 == 0 ? 4.0 : -4.0;
        ++step;
        viewport.panByPixels(QPointF(dx, 1.0 - 2.0 * ((step / 25) % 2)));
        QPainter painter(&image);
        layer.paint(painter, viewport, context);
        painter.end();
        benchmark::DoNotOptimize(image.constBits());
    }
    state.counters["rebuilds"] = layer.renderCount() - rendersBefore;
}

void MapPanBareBlit(benchmark::State &state)
{
    QImage source(kFrameSize * 3 / 2, QImage::Format_ARGB32_Premultiplied);
    source.fill(Qt::darkBlue);
    QImage image(kFrameSize, QImage::Format_ARGB32_Premultiplied);
    for (auto _ : state) {
        QPainter painter(&image);
        painter.drawImage(QPointF(-100.0, -80.0), source);
        painter.end();
        benchmark::DoNotOptimize(image.constBits());
    }
}

} // namespace
} // namespace cop

// CPU time of the whole process: Qt's raster engine may hand parts of a fill to its own
// thread pool, and that work belongs to the frame too.
BENCHMARK(cop::MapFrameStatic)->Name("MapFrame/Static")->Unit(benchmark::kMillisecond)->MinTime(3.0)->MeasureProcessCPUTime();
BENCHMARK(cop::MapFrameAllUpdated)->Name("MapFrame/AllUpdated")->Unit(benchmark::kMillisecond)->Iterations(20)->MeasureProcessCPUTime();
BENCHMARK(cop::MapFrameBareFill)->Name("MapFrame/BareFill")->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(cop::MapPanCachedBasemap)->Name("MapPan/CachedBasemap")->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(cop::MapPanBareBlit)->Name("MapPan/BareBlit")->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

int main(int argc, char **argv)
{
    // Fonts and QImage painting need a GUI application; no display is used.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    // --save-frame=FILE.png: write the benchmark's frame to an image and exit, to look at what
    // is being timed.
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg.startsWith(QStringLiteral("--save-frame="))) {
            cop::MapScene &scene = cop::sharedScene();
            scene.render();
            return scene.image.save(arg.mid(13)) ? 0 : 1;
        }
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
