#!/usr/bin/env python3
"""Reference outcome of pabutools' sequential_phragmen (pabutools 1.2.3) for one .pb file.

usage: pabutools-phragmen.py FILE.pb   -> selected project ids, one per line, sorted by id
(pabutools sorts its Phragmén outcome). Approval / choose-1 files only. pabutools stops at the
first minimal-load project that does not fit: compare with PhragmenVariant::Pabutools.
"""
import sys

from pabutools.election import parse_pabulib
from pabutools.rules import sequential_phragmen

instance, profile = parse_pabulib(sys.argv[1])
print("\n".join(sorted(p.name for p in sequential_phragmen(instance, profile))))
