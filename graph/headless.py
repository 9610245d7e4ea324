"""Debian's Chromium, headless and offline, for checking a page as a reader sees it.

The browser tests and the benchmark open pages the same way: the browser the
system installed (never one downloaded at run time), no background traffic,
and every request that is not a local file aborted and counted. Playwright is
passed in, so importing this module needs nothing beyond the package.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "block_network", "launch"]

#: Debian's Chromium (``apt-get install chromium``).
CHROMIUM = Path("/usr/bin/chromium")

#: As root and without a network: no sandbox, no GPU, and none of the
#: background requests Chromium makes at start (they would be refused).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

_LOCAL = ("file:", "data:", "about:")


def launch(playwright):
    """Launch Debian's Chromium headless through a ``sync_playwright()`` object.

    Raises
    ------
    FileNotFoundError
        If Chromium is not installed; it is never downloaded.
    """
    if not CHROMIUM.is_file():
        msg = f"Chromium not found at {CHROMIUM}: install it with apt-get install chromium (it is never downloaded)"
        raise FileNotFoundError(msg)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def block_network(context, blocked: list[str] | None = None) -> list[str]:
    """Let a browser context load local files only; return the list it appends every other address to."""
    blocked = [] if blocked is None else blocked

    def route(r):
        if r.request.url.startswith(_LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return blocked
