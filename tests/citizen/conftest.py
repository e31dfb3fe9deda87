"""The citizen's journey reuses the workflows package's desk (a department, its center, an officer per group)."""

from tests.workflows.conftest import desk  # noqa: F401  (a fixture, re-exported for this package)
