"""The citizen's journey reuses the workflows package's desk (a department, its center, an officer per group)."""

from tests.citizen.oidc import provider_over_http  # noqa: F401  (the simulator reached over "HTTP")
from tests.workflows.conftest import desk  # noqa: F401  (a fixture, re-exported for this package)
