"""Vietnamese by default, English on request: the browser's Accept-Language, the footer switcher, the models."""

import gettext
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from catalog.models import Procedure
from workflows.models import Dossier

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
NAV_VI = ">Thủ tục hành chính</a>"
NAV_EN = ">Administrative procedures</a>"


def _home(client, **headers) -> str:
    response = client.get("/", **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("headers", [{}, {"HTTP_ACCEPT_LANGUAGE": "vi"}], ids=["no-header", "vi"])
def test_home_page_is_vietnamese_by_default(demo, client, headers):
    html = _home(client, **headers)
    assert '<html lang="vi">' in html
    assert NAV_VI in html and NAV_EN not in html
    assert "Nơi tiếp nhận hồ sơ" in html


def test_home_page_speaks_english_to_an_english_browser(demo, client):
    html = _home(client, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in html
    assert NAV_EN in html and NAV_VI not in html
    assert "Where to submit dossiers" in html and "Skip to main content" in html
    # The field cards count procedures with an English plural.
    assert re.search(r"\b\d+ procedures?</span>", html)


def test_footer_switcher_posts_to_set_language(demo, client):
    html = _home(client)
    form = re.search(r'<form class="language-switcher" action="([^"]+)" method="post"', html)
    assert form and form.group(1) == "/i18n/setlang/"
    assert '<label for="language-select">Ngôn ngữ</label>' in html
    assert '<option value="en" lang="en">English</option>' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_set_language_switches_the_site_and_back(demo, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = _home(client)
    assert NAV_EN in html and '<option value="en" lang="en" selected>' in html

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert NAV_VI in _home(client, HTTP_ACCEPT_LANGUAGE="en")


def test_other_public_pages_follow_the_language(demo, client):
    html = client.get("/thu-tuc/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert NAV_EN in html


def test_model_names_translate():
    with translation.override("en"):
        assert str(Procedure._meta.verbose_name) == "administrative procedure"
        assert str(Dossier._meta.verbose_name) == "dossier"
    with translation.override("vi"):
        assert str(Procedure._meta.verbose_name) == "thủ tục hành chính"


def _po_entries(path: Path) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(msgctxt, msgid) -> (flags, msgstrs) from a .po file: enough of the format for makemessages' output."""
    entries: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = ""
                line = match.group(2)
            if key:
                fields[key] += line[1:-1].encode().decode("unicode_escape").encode("latin-1").decode()
        if "msgid" in fields:
            strs = [value for name, value in sorted(fields.items()) if name.startswith("msgstr")]
            entries[(fields.get("msgctxt", ""), fields["msgid"])] = (flags, strs)
    return entries


def test_english_catalog_is_complete_and_compiled():
    entries = _po_entries(CATALOG / "django.po")
    assert len(entries) > 300
    with (CATALOG / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for (context, msgid), (flags, strs) in entries.items():
        assert "fuzzy" not in flags, msgid or "header"
        if not msgid:
            continue
        assert all(strs), f"untranslated: {msgid}"
        # The .mo is compiled from this .po, not from an older one.
        found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        assert found == strs[0] or len(strs) > 1, msgid


#: What makemessages reads: the documented command's `-i` folders are left out (venv, runtime files,
#: benchmarks, tests), as are the hidden folders and the locale folder the copy replaces.
SOURCE_SKIPPED = {".venv", "var", "bench", "tests", "locale"}
SOURCE_EXTENSIONS = (".py", ".html", ".txt")  # makemessages' defaults for the "django" domain


def _copy_sources(destination: Path) -> None:
    """Copy only what makemessages reads: it writes a `.py` next to every template it parses, so it must run
    on a copy, never on the working tree."""
    root = Path(settings.BASE_DIR)

    def ignore(folder: str, names: list[str]) -> set[str]:
        at_root = Path(folder) == root
        return {
            name
            for name in names
            if name.startswith(".")
            or name == "__pycache__"
            or (at_root and name in SOURCE_SKIPPED)
            or ((Path(folder) / name).is_file() and not name.endswith(SOURCE_EXTENSIONS))
        }

    shutil.copytree(root, destination, ignore=ignore)


def test_english_catalog_is_not_behind_the_code(tmp_path, settings, monkeypatch):
    """Every string the code marks for translation is in the committed catalog, translated and not fuzzy.

    The test above reads the .po as committed and cannot see a string added to the code since the last
    `makemessages`; this one extracts the strings again (xgettext through Django's makemessages) into an
    empty locale folder of a copy of the sources and compares. To fix a failure:
    `DJANGO_SETTINGS_MODULE=cms.settings.test python manage.py makemessages -l en --no-obsolete -i ".venv/*"
    -i "var/*" -i "bench/*" -i "tests/*"`, translate the new and fuzzy entries, then `compilemessages -l en`.
    """
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    sources = tmp_path / "src"
    _copy_sources(sources)
    (sources / "locale").mkdir()
    # makemessages writes into LOCALE_PATHS and the current folder's "locale": only the copy's.
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(sources)
    call_command("makemessages", locale=["en"], verbosity=0)

    extracted = _po_entries(sources / "locale" / "en" / "LC_MESSAGES" / "django.po")
    committed = _po_entries(CATALOG / "django.po")
    assert len(extracted) > 300  # the extraction really ran over the apps
    behind = []
    for key in extracted:
        if not key[1]:
            continue  # the header
        if key not in committed:
            behind.append(f"missing: {key[1]}")
            continue
        flags, strs = committed[key]
        if "fuzzy" in flags or not all(strs):
            behind.append(f"fuzzy or untranslated: {key[1]}")
    assert not behind, f"{len(behind)} strings of the code are not translated in locale/en:\n" + "\n".join(
        behind[:20]
    )


def test_catalog_and_lookup_pages_speak_english(demo, client):
    procedure = Procedure.objects.filter(status="active").first() or Procedure.objects.first()
    html = client.get(procedure.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Processing time" in html and "Legal basis" in html and "Thời hạn giải quyết" not in html
    html = client.get("/thu-tuc/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Clear filters" in html or "Filters" in html
    html = client.get("/tra-cuu/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Check dossier status" in html and "Tra cứu tình trạng hồ sơ" not in html
    # Vietnamese stays the default for the same pages.
    assert "Tra cứu tình trạng hồ sơ" in client.get("/tra-cuu/").content.decode()


def test_the_importer_admin_speaks_the_officers_language(db, client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "x")
    client.force_login(admin)
    html = client.get("/admin/nhap-phu-luc/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Upload and check" in html and "Import history" in html and "Appendix file" in html
    html = client.get("/admin/nhap-phu-luc/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Tải lên và kiểm tra" in html and "Lịch sử nhập" in html
