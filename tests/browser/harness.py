"""What the browser tests watch on a page: console errors, exceptions, failed requests, requests that
would leave the machine (aborted by a route before they go anywhere)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


@dataclass
class Watch:
    """What a page did: console errors, uncaught exceptions, requests refused, responses that failed."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    off_machine: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"uncaught exception: {m}" for m in self.page_errors]
                + [f"request leaving the machine (aborted): {u}" for u in self.off_machine]
                + [f"failed request: {u}" for u in self.failed])


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in LOCAL_SCHEMES:
        return True
    return parsed.scheme in ("http", "https", "ws", "wss") and (parsed.hostname or "") in LOCAL_HOSTS


def open_context(browser: Any, watch: Watch, **options: Any) -> Any:
    """A fresh browser context (empty storage) whose every request is checked against the machine."""
    context = browser.new_context(locale="fr-FR", **options)

    def guard(route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            watch.off_machine.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    return context


def watch_page(page: Any, watch: Watch) -> None:
    page.on("console", lambda msg: msg.type == "error" and watch.console_errors.append(
        f"{msg.text} ({msg.location.get('url', '')})"))
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: is_local(req.url) and watch.failed.append(
        f"{req.url}: {req.failure}"))

    def on_response(response: Any) -> None:
        if response.status >= 400:
            watch.failed.append(f"{response.url}: HTTP {response.status}")

    page.on("response", on_response)
