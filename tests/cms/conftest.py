import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db, monkeypatch):
    """The demo province (`load_demo`), its administrator's password known to the test."""
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo")
    call_command("load_demo", verbosity=0)
