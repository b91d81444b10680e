"""The steps of the "what happens next" one-pager, from the calculator's own rules and texts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from portal.models import Site


@dataclass(frozen=True)
class Step:
    """One meeting or record on the timeline, as a family reads it."""

    rule: str
    label: str
    explanation: str  # with the number from the rules filled in
    status: str  # how firm the timescale is, e.g. "National guidance"
    guidance: str  # the page that explains it (a page name)


@dataclass(frozen=True)
class Timescales:
    """The steps in each language whose calculator texts are translated."""

    steps: Mapping[str, tuple[Step, ...]]
    guidance: tuple[str, ...]  # every page a rule refers to, in the order of the steps


def timescales(site: Site) -> Timescales:
    """The steps in the order they happen (the rules' order), with the numbers the calculator uses."""
    steps: dict[str, tuple[Step, ...]] = {}
    guidance: tuple[str, ...] = ()
    for code, calculator in site.calculator.items():
        rules = calculator.rules.rules
        guidance = tuple(dict.fromkeys(rule.guidance.partition("#")[0] for rule in rules))
        if calculator.texts_lang != code:
            continue  # the calculator shows English texts here, so there is no one-pager in this language
        texts = calculator.texts
        steps[code] = tuple(
            Step(
                rule=rule.id,
                label=texts.label(rule.id),
                explanation=texts.explanation(rule.id, rule.count),
                status=texts.statuses[rule.status],
                guidance=rule.guidance.partition("#")[0],
            )
            for rule in rules
        )
    return Timescales(MappingProxyType(steps), guidance)
