"""What keeps a live session safe: the teacher's secret, pseudonyms, message parsing and limits.

- the teacher's token is 32 random bytes (URL-safe), compared in constant time;
- a student's client id is random too: it is what lets a phone resume, so it is not guessable;
- a pseudonym is plain text of 1 to :data:`MAX_PSEUDONYM` characters, control characters refused; pages
  show it with ``textContent``, never as HTML;
- a message is a JSON object of at most :data:`MAX_MESSAGE` bytes with a known type;
- each connection has a token bucket (:class:`RateLimit`).
"""

from __future__ import annotations

import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

MAX_MESSAGE = 2048
MAX_PSEUDONYM = 24
#: Messages a connection may send in a burst, and per second after that.
BURST = 20
RATE = 10.0
#: Messages refused for the rate before the connection is closed.
MAX_STRIKES = 50
MESSAGE_TYPES = ("hello", "join", "answer", "cmd", "ping")
ROOM_ALPHABET = "0123456789"
ROOM_LENGTH = 5


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_client_id() -> str:
    return secrets.token_urlsafe(18)


def new_room(taken: set[str]) -> str:
    for _ in range(1000):
        room = "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_LENGTH))
        if room not in taken and room[0] != "0":
            return room
    raise RuntimeError("no free room code")


def same_secret(given: object, expected: str) -> bool:
    """Whether ``given`` is the token, compared in constant time (a non-string is never it)."""
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class BadPseudonym(ValueError):
    pass


def clean_pseudonym(value: object) -> tuple[str, str]:
    """``(pseudonym, folded form for uniqueness)``, or :class:`BadPseudonym` with a French message."""
    if not isinstance(value, str):
        raise BadPseudonym("Choisissez un pseudonyme.")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if not text:
        raise BadPseudonym("Choisissez un pseudonyme.")
    if len(text) > MAX_PSEUDONYM:
        raise BadPseudonym("Pseudonyme trop long : {n} caractères au plus.")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise BadPseudonym("Le pseudonyme contient des caractères invisibles ou de contrôle.")
    return text, text.casefold()


class BadMessage(ValueError):
    pass


def parse_message(text: object) -> dict[str, Any]:
    """A client's message as a dict with a known ``t``; :class:`BadMessage` otherwise."""
    if not isinstance(text, str):
        raise BadMessage("Message illisible.")
    if len(text.encode("utf-8", "replace")) > MAX_MESSAGE:
        raise BadMessage("Message trop long.")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise BadMessage("Message illisible.") from None
    if not isinstance(data, dict) or data.get("t") not in MESSAGE_TYPES:
        raise BadMessage("Message inconnu.")
    return data


@dataclass
class RateLimit:
    """A token bucket: :data:`BURST` messages at once, then :data:`RATE` per second."""

    burst: float = BURST
    rate: float = RATE
    tokens: float = field(default=0.0, init=False)
    last: float = field(default=0.0, init=False)
    strikes: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def allow(self, now: float) -> bool:
        if self.last:
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.strikes += 1
        return False
