# Independent check of `irontrace report did` on the assault-weapons-ban design: INEGI municipal
# homicides (the Total column, year of registration) and INEGI census populations (1990-2010 and 2020
# exports) interpolated geometrically between censuses, with python csv only (no IronTrace code).
# Border municipalities are read from the table in Sources/IronTraceCore/Places/AreaGroup+Table.swift.
# Usage: python3 tools/awb_did_check.py [FIRST LAST BREAK_YEAR BREAK_MONTH]   (default 1998 2008 2004 9)
# Data: ../shared/data or $IRONTRACE_SHARED_DATA.
import csv, math, os, sys
here = os.path.dirname(os.path.abspath(__file__))
D = os.environ.get('IRONTRACE_SHARED_DATA') or os.path.join(here, '..', '..', 'shared', 'data')
table = open(os.path.join(here, '..', 'Sources', 'IronTraceCore', 'Places', 'AreaGroup+Table.swift'), encoding='utf-8').read()
rows = [l.strip().split('|') for l in table.splitlines() if l.strip().startswith('MX-') and l.count('|') == 3]
treated = [r[0][3:] for r in rows if r[1] in ('AZ', 'NM', 'TX')]
control = [r[0][3:] for r in rows if r[1] == 'CA']
def num(s):
    s = s.strip().replace(',', '')
    return float(s) if s else None
def key(k):
    k = k.strip()
    p = k.split()
    return p[0] + p[1] if len(p) == 2 and p[0].isdigit() else None
hom = {}
for y in range(1990, 2016):
    for r in csv.reader(open(f'{D}/inegi_homicidios_municipio_mes_1990_2015/{y}.csv', encoding='latin-1')):
        if len(r) > 2 and key(r[0]):
            v = num(r[2]); hom[(key(r[0]), y)] = v or 0
pop = {}
for r in csv.reader(open(f'{D}/poblacion_mx/inegi_censos_1990_2010_poblacion_municipio_raw.csv', encoding='latin-1')):
    if len(r) > 7 and key(r[0]) and r[2] == 'Total':
        for y, v in zip((1990, 1995, 2000, 2005, 2010), r[3:8]):
            if num(v) is not None: pop.setdefault(key(r[0]), {})[y] = num(v)
for r in csv.reader(open(f'{D}/poblacion_mx/inegi_censo2020_poblacion_municipio_raw.csv', encoding='latin-1')):
    if len(r) > 2 and key(r[0]) and num(r[2]) is not None:
        pop.setdefault(key(r[0]), {})[2020] = num(r[2])
def P(m, y):
    f = pop[m]; ys = sorted(f)
    if y in f: return f[y]
    if y < ys[0]: a, b = ys[0], ys[1]
    elif y > ys[-1]: a, b = ys[-2], ys[-1]
    else:
        b = min(x for x in ys if x > y); a = max(x for x in ys if x < y)
    g = math.log(f[b] / f[a]) / (b - a)
    return f[a] * math.exp(g * (y - a))
y0, y1, by, bm = [int(x) for x in sys.argv[1:5]] if len(sys.argv) > 4 else (1998, 2008, 2004, 9)
res = {}
for name, g in (('treated', treated), ('control', control)):
    for y in range(y0, y1 + 1):
        h = sum(hom.get((m, y), 0) for m in g); p = sum(P(m, y) for m in g)
        print(name, y, int(h), round(p), round(h / p * 1e5, 2))
        per = 'before' if y < by else 'after' if (y > by or bm == 1) else None
        if per:
            H, PP = res.get((name, per), (0, 0)); res[(name, per)] = (H + h, PP + p)
r = {k: v[0] / v[1] * 1e5 for k, v in res.items()}
for k in sorted(res): print(k, int(res[k][0]), round(res[k][1]), round(r[k], 4))
did = (r[('treated', 'after')] - r[('treated', 'before')]) - (r[('control', 'after')] - r[('control', 'before')])
print('treated', len(treated), 'control', len(control), 'DiD', round(did, 4))
