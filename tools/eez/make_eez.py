#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Approximate exclusive economic zones of Japan, the Republic of Korea and the United States
(Pacific), built from the embedded basemap's coastlines, written as GeoJSON.

An EEZ here is every point within 200 nautical miles of the nation's coast that is nearer to
that nation's coast than to any other state's: the median (equidistance) line wherever two
coasts are closer than 400 NM. It ignores baselines, negotiated boundaries, disputed islands
and the rules for rocks, and is rasterised on a 0.1° grid with distances on a sphere, so
boundaries are good to a few tens of kilometres. Replace it with an official data set for
anything more than a console's first warning (see docs/user-guide.md).

Usage: make_eez.py BASEMAP_BIN OUTPUT_GEOJSON
Python 3.9+, standard library only. Deterministic output.
"""
import heapq
import json
import math
import struct
import sys
import zlib

NM_M = 1852.0
EEZ_M = 200 * NM_M
EARTH_RADIUS_M = 6371008.8  # mean radius; good enough for an approximation at this grid size
CELL_DEG = 0.1
# Grid in a longitude frame continuous across the antimeridian: 100°E eastwards to 120°W.
LON0, LON1 = 100.0, 240.0
LAT0, LAT1 = -2.0, 76.0
PROTECTED = {"JP": "Japan", "KR": "Republic of Korea", "US": "United States"}


def read_varint(data, pos):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def read_svarint(data, pos):
    value, pos = read_varint(data, pos)
    return (value >> 1) ^ -(value & 1), pos


def read_basemap(path, wanted_level=2):
    """Yields (sovereign, [rings of (lat, lon)]) for each country at the wanted level."""
    data = open(path, "rb").read()
    if data[:8] != b"COPBMAP1":
        sys.exit("not a basemap file: " + path)
    version, levels, units, size, crc, _ = struct.unpack_from("<HHIIII", data, 8)
    payload = data[28:]
    if version != 1 or len(payload) != size or zlib.crc32(payload) != crc:
        sys.exit("basemap file is damaged or of another version")
    pos = 0
    for _ in range(levels):
        detail = payload[pos]
        (level_size,) = struct.unpack_from("<I", payload, pos + 1)
        pos += 5
        end = pos + level_size
        if detail != wanted_level:
            pos = end
            continue
        count, pos = read_varint(payload, pos)
        for _ in range(count):
            name_len = payload[pos]
            pos += 1 + name_len
            sovereign = payload[pos + 2:pos + 4].decode("ascii").strip("\0")
            pos += 6
            _, pos = read_svarint(payload, pos)
            _, pos = read_svarint(payload, pos)
            polygon_count, pos = read_varint(payload, pos)
            rings = []
            for _ in range(polygon_count):
                ring_count, pos = read_varint(payload, pos)
                for _ in range(ring_count):
                    point_count, pos = read_varint(payload, pos)
                    lat = lon = 0
                    ring = []
                    for _ in range(point_count):
                        d_lat, pos = read_svarint(payload, pos)
                        d_lon, pos = read_svarint(payload, pos)
                        lat += d_lat
                        lon += d_lon
                        ring.append((lat / units, lon / units))
                    rings.append(ring)
            yield sovereign, rings
        return


def to_frame(lon):
    return (lon - LON0) % 360.0 + LON0


def distance_m(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def nearest_coast_grid(basemap_path):
    """Dijkstra-like propagation of the nearest coast point over the grid (a vector distance
    transform): each cell ends with the nearest coast point its neighbours offered and the
    nation it belongs to. Stops spreading beyond the EEZ distance plus one cell."""
    rows = int(round((LAT1 - LAT0) / CELL_DEG))
    cols = int(round((LON1 - LON0) / CELL_DEG))
    best = {}  # (row, col) -> (distance, lat, lon, sovereign)
    heap = []
    for sovereign, rings in read_basemap(basemap_path):
        if not sovereign:
            continue
        for ring in rings:
            # Densify so no gap between coast points is wider than a cell.
            n = len(ring)
            for i in range(n):
                lat_a, lon_a = ring[i]
                lat_b, lon_b = ring[(i + 1) % n]
                lon_a, lon_b = to_frame(lon_a), to_frame(lon_b)
                if lon_b - lon_a > 180:
                    lon_b -= 360
                elif lon_b - lon_a < -180:
                    lon_b += 360
                steps = max(1, int(max(abs(lat_b - lat_a), abs(lon_b - lon_a)) / (CELL_DEG / 2)))
                for s in range(steps):
                    lat = lat_a + (lat_b - lat_a) * s / steps
                    lon = to_frame(lon_a + (lon_b - lon_a) * s / steps)
                    r = int((lat - LAT0) / CELL_DEG)
                    c = int((lon - LON0) / CELL_DEG)
                    if 0 <= r < rows and 0 <= c < cols:
                        cell_lat = LAT0 + (r + 0.5) * CELL_DEG
                        cell_lon = LON0 + (c + 0.5) * CELL_DEG
                        d = distance_m(cell_lat, cell_lon, lat, lon)
                        key = (r, c)
                        if key not in best or d < best[key][0]:
                            best[key] = (d, lat, lon, sovereign)
                            heapq.heappush(heap, (d, r, c))
    limit = EEZ_M + 2 * CELL_DEG * 111_000
    while heap:
        d, r, c = heapq.heappop(heap)
        if best[(r, c)][0] < d:
            continue
        _, lat, lon, sovereign = best[(r, c)]
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                nr, nc = r + dr, c + dc
                if (dr or dc) and 0 <= nr < rows and 0 <= nc < cols:
                    nd = distance_m(LAT0 + (nr + 0.5) * CELL_DEG, LON0 + (nc + 0.5) * CELL_DEG, lat, lon)
                    if nd <= limit and ((nr, nc) not in best or nd < best[(nr, nc)][0]):
                        best[(nr, nc)] = (nd, lat, lon, sovereign)
                        heapq.heappush(heap, (nd, nr, nc))
    return best


def trace_rings(cells):
    """Outlines of a set of grid cells as rings of grid vertices: outer rings counterclockwise
    in (lon, lat), holes clockwise. Collinear vertices are dropped."""
    edges = {}
    for r, c in cells:
        # Each side whose neighbour is outside, directed with the cell on its left.
        if (r - 1, c) not in cells:
            edges.setdefault((r, c), []).append((r, c + 1))
        if (r, c + 1) not in cells:
            edges.setdefault((r, c + 1), []).append((r + 1, c + 1))
        if (r + 1, c) not in cells:
            edges.setdefault((r + 1, c + 1), []).append((r + 1, c))
        if (r, c - 1) not in cells:
            edges.setdefault((r + 1, c), []).append((r, c))
    rings = []
    for start in sorted(edges):
        while edges.get(start):
            ring = [start]
            vertex = edges[start].pop()
            while vertex != start:
                ring.append(vertex)
                vertex = edges[vertex].pop()
            simplified = []
            n = len(ring)
            for i in range(n):
                a, b, cc = ring[i - 1], ring[i], ring[(i + 1) % n]
                if (b[0] - a[0]) * (cc[1] - b[1]) != (b[1] - a[1]) * (cc[0] - b[0]):
                    simplified.append(b)
            rings.append(simplified)
    return rings


def signed_area(ring):
    s = 0.0
    for i in range(len(ring)):
        (r1, c1), (r2, c2) = ring[i - 1], ring[i]
        s += c1 * r2 - c2 * r1
    return s / 2.0


def inside(ring, point):
    r, c = point
    result = False
    for i in range(len(ring)):
        (r1, c1), (r2, c2) = ring[i - 1], ring[i]
        if (r1 > r) != (r2 > r) and c < (c2 - c1) * (r - r1) / (r2 - r1) + c1:
            result = not result
    return result


def to_lonlat(ring):
    coords = [[round(LON0 + c * CELL_DEG, 4), round(LAT0 + r * CELL_DEG, 4)] for r, c in ring]
    # GeoJSON longitudes in [-180, 180] where the ring allows; rings east of 180 are shifted
    # whole, so each stays continuous (readers keep longitudes continuous along a ring).
    if min(p[0] for p in coords) >= 180.0:
        coords = [[round(x - 360.0, 4), y] for x, y in coords]
    coords.append(coords[0])
    return coords


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    best = nearest_coast_grid(sys.argv[1])
    features = []
    for code, name in PROTECTED.items():
        cells = {key for key, (d, _, _, sovereign) in best.items() if sovereign == code and d <= EEZ_M}
        rings = trace_rings(cells)
        outers = [r for r in rings if signed_area(r) > 0]
        holes = [r for r in rings if signed_area(r) < 0]
        outers.sort(key=lambda r: -signed_area(r))
        polygons = [[o] for o in outers]
        for hole in holes:
            # The hole sits inside the smallest outer ring that contains a point just off it.
            probe = (hole[0][0] + 0.5, hole[0][1] + 0.5)
            owners = [p for p in polygons if inside(p[0], probe)]
            if owners:
                min(owners, key=lambda p: signed_area(p[0])).append(hole)
        features.append({
            "type": "Feature",
            "properties": {
                "id": "eez:" + code,
                "name": name + " EEZ (approx.)",
                "nation": code,
                "kind": "eez",
                "severity": "warning",
            },
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[to_lonlat(ring) for ring in polygon] for polygon in polygons],
            },
        })
        print(f"{code}: {len(cells)} cells, {len(polygons)} polygons, {len(holes)} holes", file=sys.stderr)
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "description": "Approximate EEZs: 200 NM from the coast, median line between coasts "
                           "closer than 400 NM, 0.1 degree grid. Not an official boundary.",
            "source": "tools/eez/make_eez.py from the embedded Natural Earth basemap",
        },
        "features": features,
    }
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(collection, out, separators=(",", ":"))
        out.write("\n")


if __name__ == "__main__":
    main()
