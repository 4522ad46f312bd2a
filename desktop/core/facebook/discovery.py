"""What one Facebook consent reaches: the accounts that can be connected, and why other Pages can't.

This is the picker's data. Page tokens stay in memory, wrapped, until the chosen accounts are
stored; nothing of it is written anywhere before that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.secrets import SecretStr

#: Reasons a Page has no account to connect.
NOT_LINKED = "not_linked"
NOT_TICKED = "not_ticked"
NO_PAGE_ACCESS = "no_page_access"

REASON_WORDS = {
    NOT_LINKED: (
        "No Instagram Business or Creator account is linked to this Page. If the account is Personal, "
        "switch it to professional in the Instagram app; then link it to the Page in Meta Business Suite "
        "and retry."
    ),
    NOT_TICKED: "This Page was not ticked in the Facebook dialog. Reconnect with Facebook and tick it.",
    NO_PAGE_ACCESS: (
        "Facebook gave no access to this Page: your role on it may not allow managing its Instagram "
        "account. Ask a Page admin for full control, then retry."
    ),
}
#: Shown under every picker: Facebook never lists Pages that were left unticked.
UNTICKED_HINT = (
    "A Page you manage is missing? It was not ticked in the Facebook dialog: reconnect with Facebook and "
    "tick it."
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An account the person can connect, with the Page it is linked to."""

    ig_user_id: str
    username: str
    page_id: str
    page_name: str
    profile_picture_url: str = ""
    business_name: str = ""
    token: SecretStr | None = field(default=None, repr=False, compare=False)
    #: Already connected to this workspace (reconnecting it refreshes its Page token).
    connected: bool = False


@dataclass(frozen=True, slots=True)
class PageProblem:
    page_id: str
    page_name: str
    reason: str

    @property
    def words(self) -> str:
        return REASON_WORDS[self.reason]

    def line(self) -> str:
        return f"{self.page_name or 'Page ' + self.page_id}: {self.words}"


@dataclass(frozen=True, slots=True)
class Discovery:
    workspace_id: int
    grant_id: str
    person_name: str
    scopes: tuple[str, ...]
    consented_at: datetime
    candidates: tuple[Candidate, ...]
    problems: tuple[PageProblem, ...] = ()

    def find(self, username: str) -> Candidate | None:
        wanted = username.strip().removeprefix("@").casefold()
        return next((c for c in self.candidates if c.username.casefold() == wanted), None)

    def reasons_in_words(self) -> str:
        lines = [problem.line() for problem in self.problems]
        return " ".join([*lines, UNTICKED_HINT]) if lines else UNTICKED_HINT
