"""The state machine of a live session, with no input or output: the app saves and broadcasts.

Phases: ``lobby`` (students join) → ``question`` (open, timed) ⇄ ``paused`` → ``closed`` (time up) →
``revealed`` → the next ``question`` … → ``ended``. Answers are accepted only in ``question`` before the
deadline. Times are wall-clock seconds (``time.time()``) so that a restarted server can resume.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

PHASES = ("lobby", "question", "paused", "closed", "revealed", "ended")
COMMANDS = ("start", "next", "reveal", "pause", "resume", "end")
#: A question resumed after a restart gets at least this many seconds.
RESUME_MIN = 10.0


class Refused(Exception):
    """A command that does not apply in the current phase (the message says why, in French)."""


@dataclass(frozen=True)
class State:
    phase: str = "lobby"
    index: int = -1
    deadline: float = 0.0
    remaining: float = 0.0

    def accepting(self, now: float) -> bool:
        return self.phase == "question" and now < self.deadline

    def left(self, now: float) -> float:
        """Seconds left on the current question's clock."""
        if self.phase == "question":
            return max(0.0, self.deadline - now)
        if self.phase == "paused":
            return self.remaining
        return 0.0


def apply(state: State, command: str, now: float, total: int, times: list[int]) -> State:
    """The state after ``command``; :class:`Refused` if it does not apply now."""
    phase = state.phase
    if command == "end":
        if phase == "ended":
            raise Refused("Le quiz est déjà terminé.")
        return replace(state, phase="ended", deadline=0.0, remaining=0.0)
    if command == "start":
        if phase != "lobby":
            raise Refused("Le quiz a déjà commencé.")
        return _open(0, now, times)
    if command == "next":
        if phase in ("lobby", "ended"):
            raise Refused("Pas de question en cours.")
        if state.index + 1 >= total:
            return replace(state, phase="ended", deadline=0.0, remaining=0.0)
        return _open(state.index + 1, now, times)
    if command == "reveal":
        if phase not in ("question", "paused", "closed"):
            raise Refused("Aucune question à révéler.")
        return replace(state, phase="revealed", deadline=0.0, remaining=0.0)
    if command == "pause":
        if phase != "question":
            raise Refused("Aucune question en cours.")
        return replace(state, phase="paused", remaining=state.left(now), deadline=0.0)
    if command == "resume":
        if phase != "paused":
            raise Refused("Le quiz n’est pas en pause.")
        return replace(state, phase="question", deadline=now + state.remaining, remaining=0.0)
    raise Refused("Commande inconnue.")


def tick(state: State, now: float) -> State:
    """Close the question whose time is up."""
    if state.phase == "question" and now >= state.deadline:
        return replace(state, phase="closed", deadline=0.0, remaining=0.0)
    return state


def resumed(state: State, now: float, time: int) -> State:
    """The state of a session found open at start-up: an open question waits, paused, with its time left
    (at least :data:`RESUME_MIN` seconds, at most the question's time) until the teacher resumes it."""
    if state.phase == "question":
        left = min(float(time), max(RESUME_MIN, state.deadline - now))
        return replace(state, phase="paused", remaining=left, deadline=0.0)
    return state


def _open(index: int, now: float, times: list[int]) -> State:
    return State(phase="question", index=index, deadline=now + times[index], remaining=0.0)
