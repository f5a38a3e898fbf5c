#!/usr/bin/env python3
"""pabutools 1.2.3 MES on ordinal / cumulative files, with utility = points × cost.

usage: pabutools-mes-points.py FILE.pb [--add1]   -> selected ids, one per line, in order.
Points: k-i for position i of a ranking of length k (ordinal), the points given (cumulative) —
the same satisfactions as the greedy conventions of shared/tools/pabutools-oracle.
"""
import sys

from pabutools.election import parse_pabulib
from pabutools.election.satisfaction import AdditiveSatisfaction
from pabutools.rules import method_of_equal_shares


def _points_times_cost(instance, profile, ballot, project, precomputed):
    return ballot[project] * project.cost if project in ballot else 0


def _rank_points_times_cost(instance, profile, ballot, project, precomputed):
    return (len(ballot) - ballot.index(project)) * project.cost if project in ballot else 0


class PointsCostSat(AdditiveSatisfaction):
    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, _points_times_cost)


class RankPointsCostSat(AdditiveSatisfaction):
    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot, _rank_points_times_cost)


instance, profile = parse_pabulib(sys.argv[1])
sat = {"cumulative": PointsCostSat, "ordinal": RankPointsCostSat}[instance.meta["vote_type"]]
extra = {"voter_budget_increment": 1} if "--add1" in sys.argv else {}
outcome = method_of_equal_shares(instance, profile, sat_class=sat, **extra)
print("\n".join(p.name for p in outcome))
