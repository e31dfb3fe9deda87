"""The registry of import profiles: each kind of appendix table, how its rows become records, where they land.

`auto` picks the profile whose columns best match the header. Add a profile by subclassing
`importers.profiles.base.Profile` and calling `register()`.
"""

from .agency_stats import AgencyStatsProfile
from .base import Profile, ProfileRow, get_profile, profile_names, register
from .catalog import CatalogProfile
from .plan_tasks import PlanTasksProfile

register(CatalogProfile())
register(AgencyStatsProfile())
register(PlanTasksProfile())

__all__ = ["Profile", "ProfileRow", "get_profile", "profile_names", "register"]
