"""Inside each app: no import cycle between its modules, and no module taking another's private (`_name`)
names. A cycle is what pushes imports into functions; a private name imported elsewhere is no longer private.
"""

from pathlib import Path

import pytest

from tests.architecture.modules import cycles, graph, private_imports

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cms", "catalog", "workflows", "importers", "eforms", "reports")


@pytest.mark.parametrize("app", APPS)
def test_no_import_cycle_between_the_modules_of_an_app(app):
    assert cycles(graph(app, ROOT)) == []


@pytest.mark.parametrize("app", APPS)
def test_no_module_imports_another_modules_private_names(app):
    assert private_imports(app, ROOT) == []


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_checker_catches_a_planted_cycle_and_a_private_import(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/services/__init__.py": "from .orders import place\n",
            "shop/services/orders.py": "from shop.tasks import send\n\ndef place():\n    return send()\n",
            # Inside a function, relative, and through the package: still a cycle.
            "shop/tasks.py": "def send():\n    from .services import orders\n    return orders\n",
            "shop/views.py": "from shop.services.orders import _total, place\nfrom os import path\n",
            "shop/models.py": "from . import views\n",
            "shop/migrations/0001_initial.py": "from shop.tasks import _secret\n",
        },
    )
    edges = graph("shop", tmp_path)
    assert edges["shop.tasks"] == {"shop.services.orders"}
    assert edges["shop.models"] == {"shop.views"}
    assert cycles(edges) == [("shop.services.orders", "shop.tasks")]
    assert private_imports("shop", tmp_path) == ["shop.views imports _total from shop.services.orders"]


def test_an_app_without_cycles_or_private_imports_passes(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models.py": "from django.db import models\n",
            "shop/services.py": "from .models import models\nfrom . import models as m\n",
            "shop/views.py": "from shop.services import models\n\ndef view():\n    from .models import models\n",
        },
    )
    assert cycles(graph("shop", tmp_path)) == []
    assert private_imports("shop", tmp_path) == []
