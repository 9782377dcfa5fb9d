"""Build the browser extension (extension/, docs/extension.md) for one Pinmark server: a copy
whose manifest may reach that server (its host permission) and whose default settings name
it, unpacked in a folder and zipped for the stores.

    python scripts/build_extension.py --server https://pinmark.example [--client-id ID]
        [--out var/extension.zip] [--unpacked var/extension]
"""

import argparse
import json
import shutil
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

SOURCE = Path(__file__).resolve().parent.parent / "extension"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
# Fixed timestamps make two builds of the same source the same zip.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)


class BuildError(ValueError):
    pass


def server_origin(url) -> str:
    """`url`'s origin: https, or http to a loopback host (as OAuth redirect addresses)."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError as error:
        raise BuildError(f"{url!r}: {error}") from None
    host = parts.hostname
    secure = parts.scheme == "https" or (parts.scheme == "http" and host in LOOPBACK_HOSTS)
    if not host or not secure or parts.username or parts.password:
        raise BuildError(f"{url!r} is not an https address (or http to a loopback host)")
    netloc = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{netloc}{f':{port}' if port else ''}"


def host_pattern(origin) -> str:
    """The match pattern of the server's host (match patterns name no port)."""
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc.rsplit(':', 1)[0] if parts.port else parts.netloc}/*"


def configured_manifest(manifest: dict, origin: str) -> dict:
    return {**manifest, "host_permissions": [host_pattern(origin)]}


def config_module(origin, client_id) -> str:
    return (
        "// Written by scripts/build_extension.py for this build.\n"
        f"export const DEFAULT_SERVER = {json.dumps(origin)};\n"
        f"export const DEFAULT_CLIENT_ID = {json.dumps(client_id)};\n"
    )


def build(*, server, client_id="", unpacked: Path, out: Path | None) -> Path:
    """Write the unpacked extension to `unpacked` (and its zip to `out`); returns `unpacked`."""
    origin = server_origin(server)
    if unpacked.exists():
        shutil.rmtree(unpacked)
    shutil.copytree(SOURCE, unpacked)
    manifest = json.loads((SOURCE / "manifest.json").read_text(encoding="utf-8"))
    (unpacked / "manifest.json").write_text(
        json.dumps(configured_manifest(manifest, origin), indent=2) + "\n", encoding="utf-8"
    )
    (unpacked / "lib" / "config.js").write_text(config_module(origin, client_id), "utf-8")
    if out is not None:
        write_zip(unpacked, out)
    return unpacked


def write_zip(folder: Path, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(path.relative_to(folder).as_posix(), ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="http://127.0.0.1:8000")
    parser.add_argument("--client-id", default="")
    parser.add_argument("--out", type=Path, default=Path("var/extension.zip"))
    parser.add_argument("--unpacked", type=Path, default=Path("var/extension"))
    args = parser.parse_args(argv)
    try:
        build(server=args.server, client_id=args.client_id, unpacked=args.unpacked, out=args.out)
    except BuildError as error:
        print(f"build_extension: {error}", file=sys.stderr)
        return 2
    print(f"{args.out} (unpacked: {args.unpacked}/) for {server_origin(args.server)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
