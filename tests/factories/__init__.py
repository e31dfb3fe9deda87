"""The one place test data is made (factory_boy), with traits for the common scenarios."""

from .catalog import (
    AgencyFactory,
    AgencyLevelFactory,
    CenterFactory,
    DecisionFactory,
    FieldFactory,
    ProcedureFactory,
)
from .people import OfficerFactory, UserFactory
from .workflows import DossierFactory

__all__ = [
    "AgencyFactory",
    "AgencyLevelFactory",
    "CenterFactory",
    "DecisionFactory",
    "DossierFactory",
    "FieldFactory",
    "OfficerFactory",
    "ProcedureFactory",
    "UserFactory",
]
