// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/basemaplayer.h"

#include "widgets/maplabels.h"
#include "widgets/maprendercontext.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace cop {
namespace {

int detailIndex(BasemapDetail detail)
{
    return static_cast<int>(detail);
}

// Where a polyline in pixels first crosses the line coordinate == value (x if alongX, else y),
// with the other coordinate inside [minOther, maxOther].
std::optional<double> firstCrossing(const std::vector<QPointF> &pointsPx, bool alongX,
                                    double value, double minOther, double maxOther)
{
    for (std::size_t i = 1; i < pointsPx.size(); ++i) {
        const QPointF &p = pointsPx[i - 1];
        const QPointF &q = pointsPx[i];
        const double a = alongX ? p.x() : p.y();
        const double b = alongX ? q.x() : q.y();
        if ((a - value) * (b - value) > 0.0 || a == b)
            continue;
        const double t = (value - a) / (b - a);
        const double other = alongX ? p.y() + t * (q.y() - p.y()) : p.x() + t * (q.x() - p.x());
        if (other >= minOther && other <= maxOther)
            return other;
    }
    return std::nullopt;
}

} // namespace

BasemapLayer::BasemapLayer(std::shared_ptr<const Basemap> basemap)
    : m_basemap(std::move(basemap))
{
}

BasemapLayer::~BasemapLayer() = default;

BasemapDetail BasemapLayer::detailFor(double metresPerPixel)
{
    // Natural Earth's scales are good to roughly a pixel at these resolutions: 1:10m
    // vertices are ~1 km apart, 1:50m ~3 km, 1:110m ~10 km.
    if (metresPerPixel < 900.0)
        return BasemapDetail::Fine;
    if (metresPerPixel < 4000.0)
        return BasemapDetail::Medium;
    return BasemapDetail::Coarse;
}

double BasemapLayer::graticuleSpacingDegFor(double metresPerPixel)
{
    // 5° is about 550 km north-south; show it once that is a generous 400 px or more.
    return metresPerPixel < 1400.0 ? 5.0 : 10.0;
}

void BasemapLayer::paint(QPainter &painter, const MapViewport &viewport,
                         const MapRenderContext &context)
{
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    const QRectF visibleM = viewport.visibleRectM();
    const bool cacheValid = m_imageViewport
                            && m_imageViewport->projectionRevision() == viewport.projectionRevision()
                            && m_imageViewport->metresPerPixel() == viewport.metresPerPixel()
                            && m_imageViewport->visibleRectM().contains(visibleM)
                            && m_imageTheme == context.theme
                            && qFuzzyCompare(m_image.devicePixelRatio(), dpr);
    if (!cacheValid) {
        // Render a margin around the view, so dragging the map is a blit at an offset until
        // the margin runs out, not a new rendering per mouse move.
        MapViewport cover = viewport;
        const QSize marginPx(static_cast<int>(viewport.sizePx().width() * kCacheMarginFraction),
                             static_cast<int>(viewport.sizePx().height() * kCacheMarginFraction));
        cover.setSizePx(viewport.sizePx() + 2 * marginPx);
        m_image = QImage(cover.sizePx() * dpr, QImage::Format_ARGB32_Premultiplied);
        m_image.setDevicePixelRatio(dpr);
        m_image.fill(context.theme.sea);
        QPainter imagePainter(&m_image);
        imagePainter.setFont(painter.font());
        render(imagePainter, cover, context.theme);
        m_imageViewport = cover;
        m_imageTheme = context.theme;
        ++m_renderCount;
    }
    // Whole pixels, so the blit stays crisp.
    const QRectF coverM = m_imageViewport->visibleRectM();
    const double metresPerPixel = viewport.metresPerPixel();
    const QPointF offsetPx(std::round((coverM.left() - visibleM.left()) / metresPerPixel),
                           std::round((visibleM.bottom() - coverM.bottom()) / metresPerPixel));
    painter.drawImage(offsetPx, m_image);
    // Graticule labels sit on the edges of the view, so they are drawn per frame, not cached;
    // country names go to the label pass, which keeps them from under track labels.
    paintGraticuleLabels(painter, graticuleLabels(viewport), context.theme);
    if (m_basemap) {
        submitCountryNames(painter, viewport, projectedFor(detailFor(viewport.metresPerPixel()), viewport),
                           context);
    }
}

const ProjectedBasemap &BasemapLayer::projectedFor(BasemapDetail detail,
                                                   const MapViewport &viewport)
{
    DetailCache &cache = m_details[static_cast<std::size_t>(detailIndex(detail))];
    const std::vector<BasemapCountry> &countries = m_basemap->countries(detail);
    if (!cache.outlines)
        cache.outlines = classifyOutlines(countries);
    if (cache.projectionRevision != viewport.projectionRevision()) {
        cache.projected = projectBasemap(countries, *cache.outlines, viewport.projection());
        cache.projectionRevision = viewport.projectionRevision();
    }
    return cache.projected;
}

const std::vector<GraticuleLine> &BasemapLayer::graticuleFor(const MapViewport &viewport)
{
    const double spacingDeg = graticuleSpacingDegFor(viewport.metresPerPixel());
    if (m_graticule.projectionRevision != viewport.projectionRevision()
        || m_graticule.spacingDeg != spacingDeg) {
        m_graticule.lines = projectGraticule(viewport.projection(), spacingDeg);
        m_graticule.projectionRevision = viewport.projectionRevision();
        m_graticule.spacingDeg = spacingDeg;
    }
    return m_graticule.lines;
}

void BasemapLayer::render(QPainter &painter, const MapViewport &viewport, const MapTheme &theme)
{
    painter.setRenderHint(QPainter::Antialiasing, true);
    // The graticule lines go under the land: over the sea they help reading positions, over
    // land they would only clutter coastlines and borders.
    paintGraticuleLines(painter, viewport, theme);
    if (m_basemap) {
        const ProjectedBasemap &basemap
            = projectedFor(detailFor(viewport.metresPerPixel()), viewport);
        paintLand(painter, viewport, basemap, theme);
    }
}

void BasemapLayer::paintLand(QPainter &painter, const MapViewport &viewport,
                             const ProjectedBasemap &basemap, const MapTheme &theme) const
{
    const QRectF visibleM = viewport.visibleRectM();
    // One path for all visible land, filled once: filling countries one by one would leave
    // faint antialiased seams along every border.
    QPainterPath landM;
    landM.setFillRule(Qt::WindingFill);
    for (const ProjectedCountry &country : basemap.countries) {
        if (country.boundsM.intersects(visibleM))
            landM.addPath(country.landM);
    }
    painter.save();
    painter.setTransform(viewport.projectedToPixelTransform());
    painter.setPen(Qt::NoPen);
    painter.setBrush(theme.land);
    painter.drawPath(landM);
    painter.setBrush(Qt::NoBrush);

    QPen borderPen(theme.border, 1.0);
    borderPen.setCosmetic(true);
    borderPen.setDashPattern({5.0, 3.0});
    painter.setPen(borderPen);
    for (const ProjectedLines::Chunk &chunk : basemap.borders.chunks) {
        if (chunk.boundsM.intersects(visibleM))
            painter.drawPath(chunk.pathM);
    }
    QPen coastPen(theme.coastline, 1.2);
    coastPen.setCosmetic(true);
    coastPen.setJoinStyle(Qt::RoundJoin);
    painter.setPen(coastPen);
    for (const ProjectedLines::Chunk &chunk : basemap.coastlines.chunks) {
        if (chunk.boundsM.intersects(visibleM))
            painter.drawPath(chunk.pathM);
    }
    painter.restore();
}

void BasemapLayer::paintGraticuleLines(QPainter &painter, const MapViewport &viewport,
                                       const MapTheme &theme)
{
    const QTransform toPx = viewport.projectedToPixelTransform();
    painter.save();
    QPen linePen(theme.graticule, 1.0);
    linePen.setCosmetic(true);
    painter.setPen(linePen);
    std::vector<QPointF> piecePx;
    for (const GraticuleLine &line : graticuleFor(viewport)) {
        for (const std::vector<QPointF> &pieceM : line.piecesM) {
            piecePx.clear();
            for (const QPointF &p : pieceM)
                piecePx.push_back(toPx.map(p));
            painter.drawPolyline(piecePx.data(), static_cast<int>(piecePx.size()));
        }
    }
    painter.restore();
}

std::vector<BasemapLayer::GraticuleLabel> BasemapLayer::graticuleLabels(const MapViewport &viewport)
{
    // Keep labels clear of the furniture: the north arrow and scale bar on the right, the
    // legend bottom left. Parallels are labelled on the right edge, meridians along the top.
    constexpr double kLabelMarginPx = 40.0;
    constexpr double kRightEdgeTopMarginPx = 80.0;
    constexpr double kRightEdgeBottomMarginPx = 70.0;
    const QRectF area = viewport.rectPx();
    const QTransform toPx = viewport.projectedToPixelTransform();
    std::vector<GraticuleLabel> labels;
    std::vector<QPointF> piecePx;
    for (const GraticuleLine &line : graticuleFor(viewport)) {
        std::optional<double> labelAt;
        for (const std::vector<QPointF> &pieceM : line.piecesM) {
            piecePx.clear();
            for (const QPointF &p : pieceM)
                piecePx.push_back(toPx.map(p));
            labelAt = line.isParallel
                          ? firstCrossing(piecePx, true, area.right(),
                                          area.top() + kRightEdgeTopMarginPx,
                                          area.bottom() - kRightEdgeBottomMarginPx)
                          : firstCrossing(piecePx, false, area.top(), area.left() + kLabelMarginPx,
                                          area.right() - kLabelMarginPx);
            if (labelAt)
                break;
        }
        if (!labelAt)
            continue;
        const QString text = graticuleLabel(line.isParallel, line.valueDeg);
        if (line.isParallel)
            labels.push_back({QRectF(area.right() - 64.0, *labelAt - 14.0, 60.0, 13.0),
                              Qt::AlignRight | Qt::AlignBottom, text});
        else
            labels.push_back({QRectF(*labelAt + 3.0, area.top() + 3.0, 60.0, 13.0),
                              Qt::AlignLeft | Qt::AlignTop, text});
    }
    return labels;
}

void BasemapLayer::paintGraticuleLabels(QPainter &painter, const std::vector<GraticuleLabel> &labels,
                                        const MapTheme &theme) const
{
    QFont font = painter.font();
    font.setPixelSize(10);
    painter.save();
    painter.setFont(font);
    painter.setPen(theme.graticuleLabel);
    for (const GraticuleLabel &label : labels)
        painter.drawText(label.rectPx, label.alignment, label.text);
    painter.restore();
}

void BasemapLayer::submitCountryNames(QPainter &painter, const MapViewport &viewport,
                                      const ProjectedBasemap &basemap,
                                      const MapRenderContext &context) const
{
    const QRectF visibleM = viewport.visibleRectM();
    const double metresPerPixel = viewport.metresPerPixel();

    // Biggest countries first, so when two names would collide the larger country keeps its.
    std::vector<const ProjectedCountry *> candidates;
    for (const ProjectedCountry &country : basemap.countries) {
        if (country.labelVisible && !country.name.isEmpty() && country.boundsM.intersects(visibleM))
            candidates.push_back(&country);
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto *a, const auto *b) {
        return a->boundsM.width() * a->boundsM.height() > b->boundsM.width() * b->boundsM.height();
    });

    QFont font = painter.font();
    font.setPixelSize(12);
    font.setCapitalization(QFont::AllUppercase);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 1.5);
    const QFontMetricsF metrics(font);
    const QColor colour = context.theme.countryLabel;
    for (const ProjectedCountry *country : candidates) {
        const double widthPx = country->boundsM.width() / metresPerPixel;
        const double heightPx = country->boundsM.height() / metresPerPixel;
        const double textWidthPx = metrics.horizontalAdvance(country->name.toUpper());
        // A name much wider than its country would float over the sea and its neighbours.
        if (widthPx < 0.6 * textWidthPx || heightPx < 14.0)
            continue;
        MapLabel label;
        label.anchorPx = QRectF(viewport.projectedToPixel(country->labelM), QSizeF(0.0, 0.0));
        // Air round the name, so neighbouring names do not read as one.
        label.sizePx = QSizeF(textWidthPx + 16.0, metrics.height() + 8.0);
        label.priority = LabelPriority::CountryName;
        label.centred = true;
        const QString name = country->name;
        label.paint = [font, colour, name](QPainter &p, const QRectF &rect) {
            p.setFont(font);
            p.setPen(colour);
            p.drawText(rect, Qt::AlignCenter, name);
        };
        submitLabel(painter, context.labels, std::move(label), viewport.rectPx());
    }
}

} // namespace cop
