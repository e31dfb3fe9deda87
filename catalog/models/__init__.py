"""Catalog models: agencies and their levels, centers, fields, procedures and the decisions that publish them."""

from .agencies import Agency, AgencyLevel, Center, Field
from .decisions import Decision, DecisionItem, ProcedureEvent
from .moderation import DecisionApprovalTask
from .procedures import (
    LegalBasis,
    Procedure,
    ProcedureChannel,
    ProcedureComponent,
    ProcedureStep,
)
from .search import SearchQueryStat, SearchSynonym

__all__ = [
    "Agency",
    "AgencyLevel",
    "Center",
    "Decision",
    "DecisionApprovalTask",
    "DecisionItem",
    "Field",
    "LegalBasis",
    "Procedure",
    "ProcedureChannel",
    "ProcedureComponent",
    "ProcedureEvent",
    "ProcedureStep",
    "SearchQueryStat",
    "SearchSynonym",
]
