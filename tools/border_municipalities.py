# Border municipalities for IronTraceCore AreaGroup+Table.swift: Mexican municipalities whose boundary
# comes within THRESH km (default 5) of a US border state (CA, AZ, NM, TX). Reads the simplified INEGI
# Marco Geoestadistico (geometria_mx/mx_municipios.topojson) and US Census cartographic boundaries
# (geometria_us/geom_us_states.geojson). Prints: code, state with the longest boundary within THRESH km,
# then per state the nearest distance and the boundary length within THRESH km.
# Usage: python3 tools/border_municipalities.py 5
import json, numpy as np, sys
THRESH = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
t = json.load(open('/work/shared/data/geometria_mx/mx_municipios.topojson'))
sx, sy = t['transform']['scale']; tx, ty = t['transform']['translate']
arcs = []
for a in t['arcs']:
    x = y = 0; pts = []
    for dx, dy in a:
        x += dx; y += dy; pts.append((x * sx + tx, y * sy + ty))
    arcs.append(np.array(pts))
def ring_pts(ring):
    out = []
    for i in ring:
        out.append(arcs[i] if i >= 0 else arcs[~i][::-1])
    return np.vstack(out)
us = json.load(open('/work/shared/data/geometria_us/geom_us_states.geojson'))
segs = {}
for f in us['features']:
    ab = f['properties']['abbr']
    if ab not in ('CA', 'AZ', 'NM', 'TX'): continue
    g = f['geometry']; polys = g['coordinates'] if g['type'] == 'MultiPolygon' else [g['coordinates']]
    S = []
    for p in polys:
        for r in p:
            r = np.array(r)
            S.append(np.hstack([r[:-1], r[1:]]))
    S = np.vstack(S)
    # keep only segments south of 33.5N (the border region)
    S = S[(S[:, 1] < 33.5) | (S[:, 3] < 33.5)]
    segs[ab] = S
def dist_km(P, S):
    # min distance from points P (n,2) to segments S (m,4), equirectangular at 30N
    kx, ky = 96.5, 111.0
    P = P * [kx, ky]; A = S[:, :2] * [kx, ky]; B = S[:, 2:] * [kx, ky]
    best = np.full(len(P), np.inf)
    for k in range(0, len(A), 2000):
        a = A[k:k+2000]; b = B[k:k+2000]; ab = b - a
        ap = P[:, None, :] - a[None]
        L = (ab ** 2).sum(1); L[L == 0] = 1e-12
        u = np.clip((ap * ab[None]).sum(2) / L[None], 0, 1)
        d = ((ap - u[..., None] * ab[None]) ** 2).sum(2) ** 0.5
        best = np.minimum(best, d.min(1))
    return best
res = []
for g in t['objects']['municipios']['geometries']:
    mid = g['properties']['id']
    if mid[:2] not in ('02', '26', '08', '05', '19', '28'): continue
    rings = g['arcs'] if g['type'] == 'Polygon' else [r for p in g['arcs'] for r in p]
    P = np.vstack([ring_pts(r) for r in rings])
    if P[:, 1].max() < 24.5: continue
    d = {ab: dist_km(P, S) for ab, S in segs.items()}
    near = {ab: v.min() for ab, v in d.items()}
    # length of boundary within THRESH km of each state: count vertices
    seglen = (((P[1:]-P[:-1])*[96.5,111.0])**2).sum(1)**0.5
    cnt = {ab: float(seglen[(v[1:] <= THRESH) & (v[:-1] <= THRESH)].sum()) for ab, v in d.items()}
    if min(near.values()) <= THRESH:
        res.append((mid, near, cnt))
for mid, near, cnt in res:
    best = max(cnt, key=lambda s: (cnt[s], -near[s]))  # longest boundary; ties: the nearest
    print(mid, best, ' '.join(f"{k}:{near[k]:.1f}km/{cnt[k]:.0f}km" for k in sorted(near)))
print(len(res), file=sys.stderr)
