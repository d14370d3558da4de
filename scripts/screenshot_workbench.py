"""The README's picture of the workbench: the article view in Chromium, the focused segment with a
check finding and the glossary's case forms beside it.

    python scripts/screenshot_workbench.py [OUT.png]   (default docs/images/workbench.png)

It copies the repository's seed workspace to a scratch folder, plants one slip (a year changed in
a reviewed translation, saved as needing review), starts `l10n serve` and photographs the page
with the system Chromium (Playwright, no browser download).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.serving import Server, start, stop  # noqa: E402

SLUG = "kazakhstan-2012-conference"
SLIP = (
    "Nazarbayev has been the leader of Kazakhstan since 1986, when he headed the Republican Communist Party."
)


def workspace(folder: Path) -> Path:
    root = folder / "newsroom"
    root.mkdir()
    for name in ("l10n.toml", "glossary.csv"):
        shutil.copy(REPO / name, root / name)
    for name in ("source_texts", "locales"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo", "kk_Latn"))
    path = root / "locales" / "ru" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = polib.pofile(str(path))
    entry = catalog.find(SLIP)
    assert entry is not None, "the seed sentence the picture shows is gone"
    entry.msgstr = entry.msgstr.replace("1986", "1989")
    entry.flags.append("fuzzy")
    catalog.save()
    return root


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images" / "workbench.png"
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Chromium is missing: scripts/setup installs it (Debian package chromium)")
    with tempfile.TemporaryDirectory(prefix="l10n-shot-") as scratch:
        server = start(workspace(Path(scratch)))
        try:
            shoot(server, chromium, out)
        finally:
            stop(server)
    print(out)


def shoot(server: Server, chromium: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 760}, device_scale_factor=1)
            page.goto(server.login_url)
            page.goto(f"http://127.0.0.1:{server.port}/ru/{SLUG}")
            page.wait_for_selector(".seg.current")
            sources = page.eval_on_selector_all(".seg .src", "els => els.map(e => e.textContent)")
            page.focus(f"#seg-{sources.index(SLIP) + 1} textarea")
            page.wait_for_selector("#findings li.finding")
            page.wait_for_selector("#glossary button.form")
            page.evaluate("document.querySelector('.seg.current').scrollIntoView({block: 'center'})")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
