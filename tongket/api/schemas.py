from datetime import date

from ninja import Schema


class Credentials(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    expires_in_days: int


class UnitRef(Schema):
    code: str
    name: str


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    kind_name: str
    level: int
    parent: UnitRef | None
    valid_from: date | None
    valid_to: date | None
    children: int


class LineageRef(Schema):
    code: str
    share: float


class UnitDetailOut(UnitOut):
    """One unit with its place in time (CONTRACT.md, "Units over time")."""

    validFrom: date | None
    validTo: date | None
    predecessors: list[LineageRef]
    successors: list[LineageRef]


class MeOut(Schema):
    username: str
    full_name: str
    unit: UnitRef | None
    code: str | None
    role: str | None


class ErrorOut(Schema):
    detail: str


class UnitPage(Schema):
    count: int
    items: list[UnitOut]
