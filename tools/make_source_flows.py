# Source-state table for IronTraceTracing SourceRecoveryFlows+Table.swift: ATF firearms traced,
# by recovery state and source (purchase) state, summed over 2010-2020, from the ATF National
# Tracing Center's "Firearms Trace Data - Source and Recovery by State" as collected in
# atf_trace_by_state/atf_source_recovery_by_state_2010_2020.csv (see ../shared/data/SOURCES.md).
# Prints one line per recovery state: USPS code, then the counts in the order of USState.all.
# Usage: python3 tools/make_source_flows.py > table.txt
import collections, csv, os, re
here = os.path.dirname(os.path.abspath(__file__))
D = os.environ.get('IRONTRACE_SHARED_DATA') or os.path.join(here, '..', '..', 'shared', 'data')
swift = open(os.path.join(here, '..', 'Sources', 'IronTraceCore', 'Places', 'USState.swift'), encoding='utf-8').read()
states = re.findall(r'\((\d+), "([A-Z]{2})", "([^"]+)"\)', swift)
usps = {name: code for _, code, name in states}
usps['Virgin Islands'] = 'VI'
order = [code for _, code, _ in states]
counts = collections.Counter()
with open(os.path.join(D, 'atf_trace_by_state', 'atf_source_recovery_by_state_2010_2020.csv'), encoding='utf-8') as f:
    for row in csv.DictReader(f):
        s, r = usps.get(row['Source_State']), usps.get(row['Recovery_State'])
        if s and r and row['Guns_Recovered'].strip():
            counts[(r, s)] += int(row['Guns_Recovered'])
for r in order:
    print(r + ' ' + ' '.join(str(counts[(r, s)]) for s in order))
