"""The page registry: agenda step id → page class. The session window shows a step in the
sidebar only when it has a page here, so adding a step is: write a `StepPage` subclass in
this package (set `step_id`, build inputs with bindings, implement `focus_main_input`) and
add one line below."""

from __future__ import annotations

from ui.steps.actions import ActionsPage
from ui.steps.base import PageContext, StepPage
from ui.steps.details import DetailsPage
from ui.steps.evidence import EvidencePage
from ui.steps.export import ExportPage
from ui.steps.factors import FactorsPage
from ui.steps.followup import FollowUpPage
from ui.steps.lists import LuckyPage, WentPoorlyPage, WentWellPage
from ui.steps.opener import OpenerPage
from ui.steps.participants import ParticipantsPage
from ui.steps.summary import SummaryPage
from ui.steps.timeline import TimelinePage
from ui.steps.walkthrough import WalkthroughPage
from ui.steps.whys import WhysPage
from ui.steps.wrap_up import WrapUpPage

PAGES: dict[str, type[StepPage]] = {
    page.step_id: page
    for page in (
        DetailsPage,
        FactorsPage,
        OpenerPage,
        SummaryPage,
        TimelinePage,
        WalkthroughPage,
        WentWellPage,
        WentPoorlyPage,
        LuckyPage,
        ActionsPage,
        FollowUpPage,
        WrapUpPage,
        ParticipantsPage,
        WhysPage,
        EvidencePage,
        ExportPage,
    )
}


def available() -> frozenset[str]:
    """The step ids that have a page, for `agenda.agenda(depth, available=...)`."""
    return frozenset(PAGES)


__all__ = ["PAGES", "PageContext", "StepPage", "available"]
