"""Builds the simplified map geometry embedded in IronTraceCharts from ../shared/data:
- geometria_mx/mx_states.topojson and mx_municipios.topojson (INEGI Marco Geoestadístico, simplified
  by D. Valle-Jones in mxmaps, BSD-3-Clause),
- geometria_us/geom_us_states.geojson (US Census cartographic boundaries, public domain).
Arcs are simplified (Douglas-Peucker) before rings are assembled, so shared borders stay shared.
Output lines: `AREA|lon,lat lon,lat ...;next ring ...` with coordinates in thousandths of a degree.
Usage: python3 tools/make_geometry.py ../shared/data Sources/IronTraceCharts/Resources
"""
import json
import os
import sys


def dp(points, tol):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, idx = d, i
        if best > tol:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(points, keep) if k]


def topo(path, tol, prefix_for):
    t = json.load(open(path))
    sx, sy = t["transform"]["scale"]
    tx, ty = t["transform"]["translate"]
    arcs = []
    raw = []
    for arc in t["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(dp(pts, tol))
        raw.append(pts)
    (obj,) = t["objects"].values()
    out = []
    for g in obj["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        def assemble(source):
            rings = []
            for poly in polys:
                for ring in poly:
                    pts = []
                    for a in ring:
                        seg = source[a] if a >= 0 else list(reversed(source[~a]))
                        pts.extend(seg if not pts else seg[1:])
                    if len(pts) >= 4:
                        rings.append(pts)
            return rings

        # Areas too small to survive simplification keep their full outline.
        rings = assemble(arcs) or assemble(raw)
        out.append((prefix_for(g["properties"]["id"]), rings))
    return out


def geo(path, tol):
    g = json.load(open(path))
    out = []
    for f in g["features"]:
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        rings = []
        for poly in polys:
            for ring in poly:
                pts = dp([(p[0], p[1]) for p in ring], tol)
                if len(pts) >= 4:
                    rings.append(pts)
        out.append(("US-" + f["properties"]["abbr"], rings))
    return out


def write(path, areas, header):
    with open(path, "w") as f:
        f.write(header)
        for area, rings in sorted(areas):
            text = ";".join(" ".join(f"{round(x * 1000)},{round(y * 1000)}" for x, y in r) for r in rings)
            f.write(f"{area}|{text}\n")


data, out = sys.argv[1], sys.argv[2]
mx_note = "# INEGI Marco Geoestadístico via diegovalle/mxmaps (BSD-3-Clause), simplified by tools/make_geometry.py\n"
write(os.path.join(out, "mx_states.txt"), topo(os.path.join(data, "geometria_mx/mx_states.topojson"), 0.02, lambda i: f"MX-{int(i):02d}"), mx_note)
write(os.path.join(out, "mx_municipalities.txt"), topo(os.path.join(data, "geometria_mx/mx_municipios.topojson"), 0.012, lambda i: f"MX-{int(i):05d}"), mx_note)
write(os.path.join(out, "us_states.txt"), geo(os.path.join(data, "geometria_us/geom_us_states.geojson"), 0.03),
      "# US Census Bureau cartographic boundary files (public domain), simplified by tools/make_geometry.py\n")
