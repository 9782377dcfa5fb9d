"""`make extension`: the extension built for one server (scripts/build_extension.py), its
manifest's permissions, and the OAuth redirect addresses extensions sign in through."""

import json
import re
import zipfile

import pytest

from infra.errors import DomainError
from tests.extension_fixtures import ROOT, build_module
from users.errors import AppErrorCode
from users.services import oauth_apps

build_extension = build_module()
MANIFEST = json.loads((ROOT / "extension" / "manifest.json").read_text())


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://pinmark.example/", "https://pinmark.example"),
        ("https://pinmark.example:8443/app", "https://pinmark.example:8443"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://localhost:8000/", "http://localhost:8000"),
    ],
)
def test_the_server_is_kept_as_its_origin(url, origin):
    assert build_extension.server_origin(url) == origin


@pytest.mark.parametrize(
    "url",
    [
        "http://pinmark.example",
        "javascript:alert(1)",
        "https://user:secret@pinmark.example",
        "https://pinmark.example:99999",
        "pinmark.example",
        "",
    ],
)
def test_a_server_that_is_not_https_or_loopback_is_refused(url):
    with pytest.raises(build_extension.BuildError):
        build_extension.server_origin(url)


def test_the_build_may_reach_its_server_only(tmp_path):
    out = tmp_path / "extension.zip"
    build_extension.build(
        server="https://pinmark.example:8443", client_id='a"b', unpacked=tmp_path / "x", out=out
    )

    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        config = archive.read("lib/config.js").decode()
        names = set(archive.namelist())
    assert manifest["host_permissions"] == ["https://pinmark.example/*"]
    assert 'DEFAULT_SERVER = "https://pinmark.example:8443";' in config
    assert 'DEFAULT_CLIENT_ID = "a\\"b";' in config
    assert {"background.js", "popup.html", "popup.js", "options.html", "lib/auth.js"} <= names


def test_two_builds_of_the_same_source_are_the_same_zip(tmp_path):
    zips = [tmp_path / "one.zip", tmp_path / "two.zip"]
    for number, out in enumerate(zips):
        build_extension.build(
            server="https://pinmark.example", unpacked=tmp_path / str(number), out=out
        )
    assert zips[0].read_bytes() == zips[1].read_bytes()


def test_the_build_script_says_what_is_wrong_without_a_trace(tmp_path, capsys):
    status = build_extension.main(["--server", "http://pinmark.example", "--out", "x.zip"])
    assert status == 2
    assert "not an https address" in capsys.readouterr().err


def test_the_manifest_asks_for_no_content_script_and_only_the_permissions_documented():
    assert MANIFEST["manifest_version"] == 3
    assert "content_scripts" not in MANIFEST
    assert sorted(MANIFEST["permissions"]) == sorted(
        ["activeTab", "scripting", "contextMenus", "storage", "identity"]
    )
    documented = (ROOT / "docs" / "extension.md").read_text()
    for permission in MANIFEST["permissions"]:
        assert f"`{permission}`" in documented


def test_one_manifest_serves_chromium_and_firefox():
    assert MANIFEST["background"]["service_worker"] == "background.js"
    assert MANIFEST["background"]["scripts"] == ["background.js"]
    assert MANIFEST["browser_specific_settings"]["gecko"]["id"]


@pytest.mark.parametrize(
    "uri",
    [
        "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/",
        "https://0123456789abcdef0123456789abcdef01234567.extensions.allizom.org/",
    ],
)
def test_an_extensions_redirect_address_is_accepted(ann, uri):
    app, secret = oauth_apps.register_app(
        user=ann, name="Pinmark extension", redirect_uris=[uri], confidential=False
    )
    assert (oauth_apps.redirect_uris_of(app), secret) == ([uri], None)


@pytest.mark.parametrize(
    "uri",
    [
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop/callback",
        "moz-extension://0123/callback",
        "https://abc.chromiumapp.org/#token",
    ],
)
def test_an_extension_page_is_no_redirect_address(ann, uri):
    with pytest.raises(DomainError) as refused:
        oauth_apps.register_app(user=ann, name="Ext", redirect_uris=[uri], confidential=False)
    assert [problem.code for problem in refused.value.problems] == [AppErrorCode.INVALID]


def catalogue(language):
    path = ROOT / "extension" / "_locales" / language / "messages.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_message_the_extension_shows_is_in_english_and_spanish():
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for pattern in ("*.js", "lib/*.js", "*.html", "manifest.json")
        for path in (ROOT / "extension").glob(pattern)
    )
    used = set(re.findall(r'\bt\("(\w+)"', source))
    used |= set(re.findall(r'data-i18n(?:-label)?="(\w+)"', source))
    used |= set(re.findall(r"__MSG_(\w+)__", source))
    english, spanish = catalogue("en"), catalogue("es")
    assert used and used <= set(english)
    assert set(spanish) == set(english)
    for key, entry in english.items():
        assert spanish[key].get("placeholders") == entry.get("placeholders"), key
        assert spanish[key]["message"] != entry["message"] or key == "extensionName", key
