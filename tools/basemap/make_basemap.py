#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Convert Natural Earth country outlines (TopoJSON from the world-atlas package) into the
compact basemap.bin that COP Viewer embeds. Standard library only; see README.md for the
format and the exact command."""

import argparse
import json
import os
import struct
import sys
import zlib

MAGIC = b"COPBMAP1"
VERSION = 1
UNITS_PER_DEG = 100000  # coordinates stored as integers of 1e-5 degree (about 1 m)

# Fine (1:10m) detail is kept where operators look closely: Korea, Japan, China, the Russian
# Far East, the western Pacific with Guam, Hawaii and Alaska. Longitudes past 180 are the same
# boxes seen from the unwrapped rings (see unwrap_ring). (minLon, minLat, maxLon, maxLat)
FINE_BOXES = [(95.0, -5.0, 180.0, 72.0), (180.0, 15.0, 218.0, 72.0), (-180.0, 15.0, -142.0, 72.0)]
# Outside the Fine boxes a Medium (1:50m) polygon stands in. It is used when its bounds miss the
# boxes shrunk by this margin, so a landmass whose 1:10m and 1:50m bounds differ slightly at a
# box edge is never lost (at worst it appears twice, harmless for fill and point-in-polygon).
FALLBACK_MARGIN_DEG = 0.5

# ISO 3166-1 numeric -> alpha-2 (ISO 3166-1, as published in the Debian iso-codes tables).
ISO_NUMERIC_TO_A2 = dict(item.split(":") for item in " ".join([
    "004:AF 008:AL 010:AQ 012:DZ 016:AS 020:AD 024:AO 028:AG 031:AZ 032:AR 036:AU 040:AT",
    "044:BS 048:BH 050:BD 051:AM 052:BB 056:BE 060:BM 064:BT 068:BO 070:BA 072:BW 074:BV",
    "076:BR 084:BZ 086:IO 090:SB 092:VG 096:BN 100:BG 104:MM 108:BI 112:BY 116:KH 120:CM",
    "124:CA 132:CV 136:KY 140:CF 144:LK 148:TD 152:CL 156:CN 158:TW 162:CX 166:CC 170:CO",
    "174:KM 175:YT 178:CG 180:CD 184:CK 188:CR 191:HR 192:CU 196:CY 203:CZ 204:BJ 208:DK",
    "212:DM 214:DO 218:EC 222:SV 226:GQ 231:ET 232:ER 233:EE 234:FO 238:FK 239:GS 242:FJ",
    "246:FI 248:AX 250:FR 254:GF 258:PF 260:TF 262:DJ 266:GA 268:GE 270:GM 275:PS 276:DE",
    "288:GH 292:GI 296:KI 300:GR 304:GL 308:GD 312:GP 316:GU 320:GT 324:GN 328:GY 332:HT",
    "334:HM 336:VA 340:HN 344:HK 348:HU 352:IS 356:IN 360:ID 364:IR 368:IQ 372:IE 376:IL",
    "380:IT 384:CI 388:JM 392:JP 398:KZ 400:JO 404:KE 408:KP 410:KR 414:KW 417:KG 418:LA",
    "422:LB 426:LS 428:LV 430:LR 434:LY 438:LI 440:LT 442:LU 446:MO 450:MG 454:MW 458:MY",
    "462:MV 466:ML 470:MT 474:MQ 478:MR 480:MU 484:MX 492:MC 496:MN 498:MD 499:ME 500:MS",
    "504:MA 508:MZ 512:OM 516:NA 520:NR 524:NP 528:NL 531:CW 533:AW 534:SX 535:BQ 540:NC",
    "548:VU 554:NZ 558:NI 562:NE 566:NG 570:NU 574:NF 578:NO 580:MP 581:UM 583:FM 584:MH",
    "585:PW 586:PK 591:PA 598:PG 600:PY 604:PE 608:PH 612:PN 616:PL 620:PT 624:GW 626:TL",
    "630:PR 634:QA 638:RE 642:RO 643:RU 646:RW 652:BL 654:SH 659:KN 660:AI 662:LC 663:MF",
    "666:PM 670:VC 674:SM 678:ST 682:SA 686:SN 688:RS 690:SC 694:SL 702:SG 703:SK 704:VN",
    "705:SI 706:SO 710:ZA 716:ZW 724:ES 728:SS 729:SD 732:EH 740:SR 744:SJ 748:SZ 752:SE",
    "756:CH 760:SY 762:TJ 764:TH 768:TG 772:TK 776:TO 780:TT 784:AE 788:TN 792:TR 795:TM",
    "796:TC 798:TV 800:UG 804:UA 807:MK 818:EG 826:GB 831:GG 832:JE 833:IM 834:TZ 840:US",
    "850:VI 854:BF 858:UY 860:UZ 862:VE 876:WF 882:WS 887:YE 894:ZM",
]).split())

# Natural Earth features without an ISO numeric id (world-atlas leaves the id empty).
NAME_TO_A2 = {"Kosovo": "XK"}

# Territories and their sovereign state, so that "is this their territory" holds for Guam
# (US) or Hong Kong (CN). Anything not listed with an alpha-2 is its own sovereign.
DEPENDENCY_SOVEREIGN = {
    "US": "AS GU MP PR VI UM",
    "CN": "HK MO",
    "GB": "AI BM FK GG GI GS IM IO JE KY MS PN SH TC VG",
    "FR": "BL GF GP MF MQ NC PF PM RE TF WF YT",
    "NL": "AW BQ CW SX",
    "DK": "FO GL",
    "AU": "CC CX HM NF",
    "NZ": "CK NU TK",
    "NO": "BV SJ",
    "FI": "AX",
}
A2_TO_SOVEREIGN = {a2: sov for sov, terrs in DEPENDENCY_SOVEREIGN.items() for a2 in terrs.split()}
# Features with no code of their own but a clear sovereign.
NAME_TO_SOVEREIGN = {
    "USNB Guantanamo Bay": "US",
    "Akrotiri": "GB",
    "Dhekelia": "GB",
    "Coral Sea Is.": "AU",
    "Indian Ocean Ter.": "AU",
    "Ashmore and Cartier Is.": "AU",
    "Clipperton I.": "FR",
    "Baikonur": "KZ",
}

LEVELS = [("Coarse", "countries-110m.json"), ("Medium", "countries-50m.json"),
          ("Fine", "countries-10m.json")]


def load_topojson(path):
    """Return [(id, name, [polygon]), ...]; a polygon is [ring], a ring [(lon, lat)] open."""
    with open(path, encoding="utf-8") as f:
        topo = json.load(f)
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:  # quantised, delta-encoded positions
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out[:-1] if len(out) > 1 and out[0] == out[-1] else out

    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        features.append((geom.get("id"), geom["properties"]["name"],
                         [[ring(r) for r in p] for p in polys]))
    return features


def unwrap_ring(ring):
    """Make longitudes continuous: world-atlas rings that cross the antimeridian jump between
    +180 and -180. A ring that winds once around a pole (Antarctica) is closed along the pole."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180.0:
            lon -= 360.0
        while lon - prev < -180.0:
            lon += 360.0
        out.append((lon, lat))
    span = out[-1][0] - out[0][0]
    if abs(span) > 180.0:  # encircles a pole: walk along it back to the start
        pole = -90.0 if sum(p[1] for p in out) < 0 else 90.0
        out.append((out[-1][0], pole))
        out.append((out[0][0], pole))
    return out


def shift(ring, deg):
    return [(lon + deg, lat) for lon, lat in ring] if deg else ring


def quantise(ring):
    """Integer (lat, lon) units; drops repeated points and rings that collapse."""
    q = []
    for lon, lat in ring:
        p = (round(lat * UNITS_PER_DEG), round(lon * UNITS_PER_DEG))
        if not q or q[-1] != p:
            q.append(p)
    while len(q) > 1 and q[0] == q[-1]:
        q.pop()
    if len(q) < 3 or signed_area(q) == 0:
        return None
    return q


def signed_area(q):
    """Twice the signed area in (lon, lat) units, counterclockwise positive."""
    s = 0
    for i in range(len(q)):
        lat1, lon1 = q[i - 1]
        lat2, lon2 = q[i]
        s += lon1 * lat2 - lon2 * lat1
    return s


def bounds(q):
    lats = [p[0] for p in q]
    lons = [p[1] for p in q]
    return min(lons), min(lats), max(lons), max(lats)  # units


def normalise_polygon(rings):
    """Unwrap, quantise, orient (outer counterclockwise, holes clockwise), and put every ring
    of the polygon into one longitude frame whose minimum is at or east of -180."""
    outer = quantise(unwrap_ring(rings[0]))
    if outer is None:
        return None
    b = bounds(outer)
    if b[0] < -180 * UNITS_PER_DEG:
        outer = [(lat, lon + 360 * UNITS_PER_DEG) for lat, lon in outer]
        b = bounds(outer)
    if signed_area(outer) < 0:
        outer.reverse()
    result = [outer]
    mid = (b[0] + b[2]) / 2
    for hole in rings[1:]:
        h = quantise(unwrap_ring(hole))
        if h is None:
            continue
        hb = bounds(h)
        k = round((mid - (hb[0] + hb[2]) / 2) / (360 * UNITS_PER_DEG))
        h = [(lat, lon + k * 360 * UNITS_PER_DEG) for lat, lon in h]
        if signed_area(h) > 0:
            h.reverse()
        result.append(h)
    return result


def intersects(b, boxes, margin=0.0):
    u = UNITS_PER_DEG
    return any(b[0] <= (bx1 - margin) * u and b[2] >= (bx0 + margin) * u and
               b[1] <= (by1 - margin) * u and b[3] >= (by0 + margin) * u
               for bx0, by0, bx1, by1 in boxes)


def label_point(polygon):
    """Inside the polygon: the middle of its widest span along the latitude of its centroid."""
    outer = polygon[0]
    a = signed_area(outer)
    cy = sum((outer[i - 1][0] + outer[i][0]) *
             (outer[i - 1][1] * outer[i][0] - outer[i][1] * outer[i - 1][0])
             for i in range(len(outer))) / (3.0 * a)
    xs = []
    for ring in polygon:
        for i in range(len(ring)):
            (y1, x1), (y2, x2) = ring[i - 1], ring[i]
            if (y1 > cy) != (y2 > cy):
                xs.append(x1 + (cy - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    best = max(((xs[i + 1] - xs[i], (xs[i] + xs[i + 1]) / 2) for i in range(0, len(xs) - 1, 2)),
               default=(0, (bounds(outer)[0] + bounds(outer)[2]) / 2))
    lon = best[1]
    while lon >= 180 * UNITS_PER_DEG:
        lon -= 360 * UNITS_PER_DEG
    return round(cy), round(lon)


def codes(fid, name):
    if name in NAME_TO_SOVEREIGN:  # e.g. Ashmore and Cartier Is. carry Australia's id 036
        return -1, "", NAME_TO_SOVEREIGN[name]
    num = int(fid) if fid is not None and str(fid).isdigit() else -1
    a2 = ISO_NUMERIC_TO_A2.get(str(fid).zfill(3), "") if num >= 0 else NAME_TO_A2.get(name, "")
    sov = A2_TO_SOVEREIGN.get(a2, a2) if a2 else NAME_TO_SOVEREIGN.get(name, "")
    return num, a2, sov


def build_level(features, fallback=None):
    """Countries of one level. With fallback (the Medium level's features), polygons outside
    FINE_BOXES come from the fallback instead, keeping the level world-complete but small."""
    medium = {}
    if fallback is not None:
        for fid, name, polys in fallback:
            medium[(fid, name)] = polys
    countries = []
    for fid, name, polys in features:
        norm = [p for p in (normalise_polygon(r) for r in polys) if p]
        if fallback is not None and (fid, name) in medium:
            fine = [p for p in norm if intersects(bounds(p[0]), FINE_BOXES)]
            coarse = [p for p in (normalise_polygon(r) for r in medium[(fid, name)]) if p]
            coarse = [p for p in coarse
                      if not intersects(bounds(p[0]), FINE_BOXES, FALLBACK_MARGIN_DEG)]
            norm = fine + coarse
        if not norm:
            continue
        largest = max(norm, key=lambda p: signed_area(p[0]))
        num, a2, sov = codes(fid, name)
        countries.append({"name": name, "a2": a2, "sov": sov, "num": num,
                          "label": label_point(largest), "polygons": norm})
    countries.sort(key=lambda c: c["name"])
    return countries


def varint(n):
    assert n >= 0
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(n):
    return varint((n << 1) if n >= 0 else ((-n << 1) - 1))


def encode_level(index, countries):
    body = bytearray(varint(len(countries)))
    for c in countries:
        name = c["name"].encode("utf-8")
        assert len(name) < 256
        body += struct.pack("<B", len(name)) + name
        body += c["a2"].encode("ascii").ljust(2, b"\0") + c["sov"].encode("ascii").ljust(2, b"\0")
        body += struct.pack("<h", c["num"])
        body += zigzag(c["label"][0]) + zigzag(c["label"][1])
        body += varint(len(c["polygons"]))
        for poly in c["polygons"]:
            body += varint(len(poly))
            for ring in poly:
                body += varint(len(ring))
                plat = plon = 0
                for lat, lon in ring:
                    body += zigzag(lat - plat) + zigzag(lon - plon)
                    plat, plon = lat, lon
    return struct.pack("<BI", index, len(body)) + body


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("world_atlas_dir", help="unpacked world-atlas package directory")
    parser.add_argument("output", help="basemap.bin to write")
    args = parser.parse_args()

    loaded = [load_topojson(os.path.join(args.world_atlas_dir, f)) for _, f in LEVELS]
    levels = [build_level(loaded[0]), build_level(loaded[1]),
              build_level(loaded[2], fallback=loaded[1])]
    payload = b"".join(encode_level(i, c) for i, c in enumerate(levels))
    header = MAGIC + struct.pack("<HHIIII", VERSION, len(levels), UNITS_PER_DEG, len(payload),
                                 zlib.crc32(payload) & 0xFFFFFFFF, 0)
    with open(args.output, "wb") as f:
        f.write(header + payload)

    for (label, _), countries in zip(LEVELS, levels):
        rings = sum(len(p) for c in countries for p in c["polygons"])
        points = sum(len(r) for c in countries for p in c["polygons"] for r in p)
        print(f"{label}: {len(countries)} countries, {rings} rings, {points} points")
    print(f"{args.output}: {len(header) + len(payload)} bytes")
    unknown = sorted(c["name"] for c in levels[2] if not c["a2"])
    if unknown:
        print("no ISO alpha-2:", ", ".join(unknown), file=sys.stderr)


if __name__ == "__main__":
    main()
