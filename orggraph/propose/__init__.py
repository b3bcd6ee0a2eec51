"""Portfolio proposals: search for coherent divisions of the college's work (``scenario propose``).

The search reassigns portfolio items among the college members (and, when allowed, moves services
between clusters) to maximise the coherence index, for every upheaval budget from one change up,
under the constraints a redesign team sets. Each proposal is an ordinary scenario, explained in
sentences, with exact metrics from :func:`orggraph.metrics`.

>>> from orggraph.examples import load_example
>>> result = propose(load_example("tiny"), time_limit=2)
>>> result.proposals[0].result.value("coherence_index")
100.0
"""

from orggraph.propose.api import ProposalResult, Proposed, propose, to_scenario
from orggraph.propose.constraints import Constraints
from orggraph.propose.search import Infeasible

__all__ = ["Constraints", "Infeasible", "ProposalResult", "Proposed", "propose", "to_scenario"]
