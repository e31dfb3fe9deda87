"""The registry of dossier actions (open-forms' plugin registry pattern).

Each action is a class registered once with `@actions.register`; registering a second action under a taken
name is refused, and `workflows.checks` validates every entry when Django starts. This module imports no
model and no service, so `DossierEvent.action` can take its choices from here while the actions themselves
(`workflows.services.actions`) import the models.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Named entries in registration order; each class is registered once and kept as one instance."""

    def __init__(self) -> None:
        self._entries: dict[str, T] = {}

    def register(self, cls: type[T]) -> type[T]:
        name = getattr(cls, "name", "")
        if not name:
            raise ValueError(f"{cls.__qualname__} has no name to be registered under.")
        if name in self._entries:
            raise ValueError(
                f"An action named {name!r} is already registered ({type(self._entries[name]).__qualname__})."
            )
        self._entries[name] = cls()
        return cls

    def __getitem__(self, name: str) -> T:
        return self._entries[name]

    def get(self, name: str) -> T | None:
        return self._entries.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def label(self, name: str) -> str:
        """The entry's label for a history line, or the raw name for an action no longer registered."""
        entry = self._entries.get(name)
        return entry.label if entry is not None else name

    def choices(self) -> list[tuple[str, str]]:
        return [(name, entry.label) for name, entry in self._entries.items()]


actions: Registry = Registry()


def action_choices() -> list[tuple[str, str]]:
    """`DossierEvent.action`'s choices, read when a form or the admin needs them (after registration)."""
    return actions.choices()
