#!/usr/bin/env python3
"""Prints the per-kind table of docs/validation.md from core/src/test/resources/validation/inventory.txt.

Each inventory line is `kind | JSON path | constraint | detail | refused by | accepted by` ("-": no case). A constraint
counts as covered when a CrdConstraintsTest case is named for it (CrdConstraintsTest checks that the named case exists,
is of that kind and has that verdict). Usage: python3 integration-tests/tools/crd_inventory_table.py [inventory.txt]
"""
import collections
import sys

GROUPS = [('pattern', ('pattern',)), ('enum', ('enum',)), ('length', ('minLength', 'maxLength')),
          ('range', ('minimum', 'maximum')), ('items', ('minItems', 'maxItems', 'maxProperties')),
          ('required', ('required',)), ('format', ('format',)), ('unique', ('set', 'listMapKeys')), ('CEL', ('cel',))]
path = sys.argv[1] if len(sys.argv) > 1 else 'core/src/test/resources/validation/inventory.txt'
kinds = collections.OrderedDict()
for line in open(path, encoding='utf-8'):
    if not line.strip() or line.startswith('#'):
        continue
    kind, _, ctype, _, refused, accepted = [f.strip() for f in line.split(' | ')]
    group = next(g for g, types in GROUPS if ctype in types)
    k = kinds.setdefault(kind, {'groups': collections.Counter(), 'n': 0, 'r': 0, 'a': 0, 'both': 0})
    k['groups'][group] += 1
    k['n'] += 1
    k['r'] += refused != '-'
    k['a'] += accepted != '-'
    k['both'] += refused != '-' and accepted != '-'
head = ['kind'] + [g for g, _ in GROUPS] + ['in the CRD', 'refused object', 'accepted object', 'covered (both)']
print('| ' + ' | '.join(head) + ' |')
print('|' + '---|' * len(head))
total = collections.Counter()
for kind, k in kinds.items():
    row = [kind] + [str(k['groups'][g]) for g, _ in GROUPS] + [str(k['n']), str(k['r']), str(k['a']), str(k['both'])]
    print('| ' + ' | '.join(row) + ' |')
    total.update({g: k['groups'][g] for g, _ in GROUPS})
    total.update({'n': k['n'], 'r': k['r'], 'a': k['a'], 'both': k['both']})
row = ['**all**'] + [str(total[g]) for g, _ in GROUPS] + ['**%d**' % total['n'], str(total['r']), str(total['a']), '**%d**' % total['both']]
print('| ' + ' | '.join(row) + ' |')
