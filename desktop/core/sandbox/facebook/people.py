"""The Facebook test people, their Pages, business portfolios and the Instagram accounts linked.

Chosen to cover every case of ``docs/facebook-login.md``: an agency manager with Pages linked to a
Business and a Creator account and one linked to nothing, two Pages reached only through a business
portfolio (one owned, one a client's), and a person whose only Page has no professional account
because their Instagram account is Personal (which the Graph API cannot see at all).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IgAccount:
    ig_user_id: str
    username: str
    name: str
    #: Known to the sandbox only; Facebook's Graph API does not say Business or Creator.
    kind: str
    followers_count: int
    media_count: int
    colour: tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Page:
    page_id: str
    name: str
    linked: IgAccount | None = None


@dataclass(frozen=True, slots=True)
class BusinessPortfolio:
    business_id: str
    name: str
    owned_pages: tuple[Page, ...] = ()
    client_pages: tuple[Page, ...] = ()

    @property
    def pages(self) -> tuple[Page, ...]:
        return (*self.owned_pages, *self.client_pages)


@dataclass(frozen=True, slots=True)
class Person:
    handle: str
    user_id: str
    name: str
    #: Pages on which the person has a role directly (``/me/accounts``).
    pages: tuple[Page, ...] = ()
    #: Portfolios in which the person has a role (``/me/businesses``).
    businesses: tuple[BusinessPortfolio, ...] = ()

    @property
    def all_pages(self) -> tuple[Page, ...]:
        """Every Page the dialog offers this person: direct ones, then those of the portfolios."""
        seen: dict[str, Page] = {page.page_id: page for page in self.pages}
        for business in self.businesses:
            for page in business.pages:
                seen.setdefault(page.page_id, page)
        return tuple(seen.values())


ACME = IgAccount(
    "17841400000000101", "acme_coffee", "Acme Coffee", "BUSINESS", 12840, 311, (0xD9, 0x6C, 0x2B)
)
LUMEN = IgAccount(
    "17841400000000102", "studio.lumen", "Studio Lumen", "MEDIA_CREATOR", 5120, 87, (0x8E, 0x44, 0xAD)
)
NORTHWIND = IgAccount(
    "17841400000000103",
    "northwind_outfitters",
    "Northwind Outfitters",
    "BUSINESS",
    40210,
    902,
    (0x1F, 0x7A, 0x8C),
)
HARBOR = IgAccount(
    "17841400000000104", "harbor.florist", "Harbor Florist", "BUSINESS", 2210, 140, (0x2E, 0x8B, 0x57)
)

NORTHWIND_GROUP = BusinessPortfolio(
    "301000000000001",
    "Northwind Group",
    owned_pages=(Page("204000000000004", "Northwind Outfitters", NORTHWIND),),
    client_pages=(Page("205000000000005", "Harbor Florist", HARBOR),),
)

PEOPLE: tuple[Person, ...] = (
    Person(
        "maria.agency",
        "10000000000000001",
        "Maria Rossi",
        pages=(
            Page("201000000000001", "Acme Coffee", ACME),
            Page("202000000000002", "Studio Lumen", LUMEN),
            Page("203000000000003", "Corner Bakery"),
        ),
        businesses=(NORTHWIND_GROUP,),
    ),
    Person(
        "paul.personal", "10000000000000002", "Paul Brandt", pages=(Page("206000000000006", "Paul's Garage"),)
    ),
)


def person_by_handle(handle: str) -> Person | None:
    return next((person for person in PEOPLE if person.handle == handle), None)


def person_by_id(user_id: str) -> Person | None:
    return next((person for person in PEOPLE if person.user_id == user_id), None)


def ig_accounts() -> tuple[IgAccount, ...]:
    found: dict[str, IgAccount] = {}
    for person in PEOPLE:
        for page in person.all_pages:
            if page.linked is not None:
                found.setdefault(page.linked.ig_user_id, page.linked)
    return tuple(found.values())
