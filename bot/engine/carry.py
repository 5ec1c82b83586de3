"""Whether the year a conversation is about comes along to another finding.

"and all departments?" in 2013 asks the other finding for 2013; but "and women?" after
"how many would feel better with more sleep? - and in 2013?" names only a group, and a
finding about another measure that has a figure for women in 2013 is not what 2013 was
asked of. A question that names nothing but a group takes the year along only to a
finding that measures what the last answer measured.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.analysis import Analyzer
from bot.engine.facts import distinct_group_terms, texts_terms
from bot.knowledge.schema import Finding


def year_carries(
    previous: Finding,
    other: Finding,
    forms: Sequence[frozenset[str]],
    analyzer: Analyzer,
) -> bool:
    """Does the year of the conversation about `previous` come along to `other` (which
    has a figure of that year)?"""
    if other.id == previous.id:
        return True
    groups = frozenset(
        term
        for q in other.quantities
        if q.group is not None
        for term in distinct_group_terms(q.group, analyzer)
    )
    if not forms or not all(form & groups for form in forms):
        return True  # it names what it asks of the other finding
    before = [texts_terms(q.measures, analyzer) for q in previous.quantities]
    after = [texts_terms(q.measures, analyzer) for q in other.quantities]
    return any(a and b and (a <= b or b <= a) for a in after for b in before)
