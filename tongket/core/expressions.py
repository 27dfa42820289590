"""Formulas over indicator codes, for computed indicators and validation rules.

A computed indicator is a formula such as `{HT_DAHOC} / {HT_TONG} * 100`: indicator
codes in braces, optionally with a disaggregation (`{HT_DAHOC.CBCC}`), numbers,
`+ - * /`, parentheses, unary minus and a few functions (`min`, `max`, `abs`,
`round`, `coalesce`). A validation rule compares two formulas:
`{HT_DAHOC} <= {HT_TONG}`.

Formulas are typed by secretariat staff in a web form, so they are read by a small
tokenizer and recursive-descent parser that knows only this grammar; nothing is ever
handed to `eval`, and a name that is not one of the functions is an error, so there
is no way to reach Python objects from a formula.

Arithmetic is `decimal.Decimal`, so percentages come out as people compute them by
hand. A missing figure or a division by zero gives no value (None) rather than an
error: a ward that has not reported yet, or has no members, has no rate, and one such
ward must not stop the whole roll-up.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from enum import StrEnum
from graphlib import CycleError, TopologicalSorter

__all__ = [
    "Comparison",
    "Expression",
    "FormulaError",
    "Severity",
    "ValidationRule",
    "Violation",
    "parse",
    "topological_order",
]

type Value = Decimal | None
type Values = Mapping[str, Decimal | int | None]  # int for whole-number figures

# 28 significant digits, as Python's default, but fixed here so that a caller's
# decimal context cannot change the figures; every error is trapped so that it can
# be turned into "no value" on purpose rather than into an infinity or a NaN.
_ARITHMETIC = Context(
    prec=28, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)
_MAX_NESTING = 50
_MAX_ROUND_DIGITS = 10


class FormulaError(ValueError):
    """A formula that cannot be used, with a Vietnamese message for the person who wrote it.

    `position` is the 0-based character offset of the problem in the formula (None
    when the problem is not at one place, as for a cycle), for highlighting it in the
    form; `cycle` lists the codes of a dependency cycle, first code repeated at the end.
    """

    def __init__(
        self, message: str, *, position: int | None = None, cycle: Sequence[str] = ()
    ) -> None:
        if position is not None:
            message = f"Lỗi công thức ở ký tự thứ {position + 1}: {message}"
        super().__init__(message)
        self.position = position
        self.cycle = tuple(cycle)


# --- Syntax tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: Decimal

    def evaluate(self, values: Values) -> Value:
        return self.value

    def render(self) -> str:
        return format(self.value, "f")


@dataclass(frozen=True)
class Reference:
    code: str
    disaggregation: str | None = None

    @property
    def key(self) -> str:
        """How the figure is named in the values mapping: `HT_DAHOC` or `HT_DAHOC.CBCC`."""
        if self.disaggregation is None:
            return self.code
        return f"{self.code}.{self.disaggregation}"

    def evaluate(self, values: Values) -> Value:
        return _as_decimal(values.get(self.key))

    def render(self) -> str:
        return f"{{{self.key}}}"


@dataclass(frozen=True)
class Negate:
    operand: Node

    def evaluate(self, values: Values) -> Value:
        value = self.operand.evaluate(values)
        return None if value is None else -value

    def render(self) -> str:
        return "-" + _render_operand(self.operand, parenthesise=(Sum, Product))


@dataclass(frozen=True)
class Sum:
    """`a + b - c`: one node for the whole run, so long formulas do not nest deeply."""

    first: Node
    rest: tuple[tuple[str, Node], ...]

    def evaluate(self, values: Values) -> Value:
        return _fold(self.first, self.rest, values)

    def render(self) -> str:
        return _render_run(self.first, self.rest, parenthesise=(Sum,))


@dataclass(frozen=True)
class Product:
    """`a * b / c`, left to right."""

    first: Node
    rest: tuple[tuple[str, Node], ...]

    def evaluate(self, values: Values) -> Value:
        return _fold(self.first, self.rest, values)

    def render(self) -> str:
        return _render_run(self.first, self.rest, parenthesise=(Sum, Product))


@dataclass(frozen=True)
class Call:
    function: str
    arguments: tuple[Node, ...]

    def evaluate(self, values: Values) -> Value:
        arguments = [argument.evaluate(values) for argument in self.arguments]
        return _FUNCTIONS[self.function].apply(arguments)

    def render(self) -> str:
        return f"{self.function}({', '.join(a.render() for a in self.arguments)})"


type Node = Number | Reference | Negate | Sum | Product | Call


def _fold(first: Node, rest: tuple[tuple[str, Node], ...], values: Values) -> Value:
    result = first.evaluate(values)
    for symbol, operand in rest:
        if result is None:
            return None
        result = _apply(symbol, result, operand.evaluate(values))
    return result


def _apply(symbol: str, left: Value, right: Value) -> Value:
    """One arithmetic step; no value in, or no sensible value out, gives None."""
    if left is None or right is None or (symbol == "/" and right == 0):
        return None
    try:
        return _OPERATIONS[symbol](left, right)
    except (InvalidOperation, Overflow):
        return None


_OPERATIONS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


def _children(node: Node) -> Iterator[Node]:
    match node:
        case Negate(operand):
            yield operand
        case Sum(first, rest) | Product(first, rest):
            yield first
            yield from (operand for _, operand in rest)
        case Call(_, arguments):
            yield from arguments


def _walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(_children(current))


def _render_operand(node: Node, parenthesise: tuple[type, ...]) -> str:
    text = node.render()
    return f"({text})" if isinstance(node, parenthesise) else text


def _render_run(
    first: Node, rest: tuple[tuple[str, Node], ...], parenthesise: tuple[type, ...]
) -> str:
    parts = [_render_operand(first, parenthesise)]
    for symbol, operand in rest:
        parts.append(f"{symbol} {_render_operand(operand, parenthesise)}")
    return " ".join(parts)


def _as_decimal(value: object) -> Value:
    """A stored figure as a Decimal; NaN and infinities are no figure at all."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"Figures must be Decimal or int, not {type(value).__name__}.")
    number = Decimal(value)
    return number if number.is_finite() else None


# --- Functions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Function:
    minimum: int
    maximum: int | None
    apply: Callable[[list[Value]], Value]

    def accepts(self, count: int) -> bool:
        return self.minimum <= count and (self.maximum is None or count <= self.maximum)

    def arity_phrase(self) -> str:
        """How many arguments, in the words of an error message."""
        if self.maximum is None:
            return f"từ {self.minimum} đối số trở lên"
        if self.maximum == self.minimum:
            return f"đúng {self.minimum} đối số"
        return f"{self.minimum} đến {self.maximum} đối số"


def _all_present(function: Callable[[list[Decimal]], Value]) -> Callable[[list[Value]], Value]:
    """Give no value when any argument has none: the smallest of "12 and unknown" is
    unknown, and guessing would put a wrong figure in a report."""

    def apply(arguments: list[Value]) -> Value:
        present = [a for a in arguments if a is not None]
        if len(present) < len(arguments):
            return None
        try:
            return function(present)
        except (InvalidOperation, Overflow):
            return None

    return apply


def _round(arguments: list[Decimal]) -> Decimal:
    """Half away from zero (12.5 → 13), as in Excel and in reports done by hand."""
    digits = int(arguments[1]) if len(arguments) > 1 else 0
    return arguments[0].quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _coalesce(arguments: list[Value]) -> Value:
    """The first argument that has a value: `coalesce({X}, 0)` counts a missing X as 0."""
    return next((a for a in arguments if a is not None), None)


_FUNCTIONS = {
    "abs": _Function(1, 1, _all_present(lambda a: abs(a[0]))),
    "coalesce": _Function(1, None, _coalesce),
    "max": _Function(1, None, _all_present(max)),
    "min": _Function(1, None, _all_present(min)),
    "round": _Function(1, 2, _all_present(_round)),
}


# --- Expressions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """A parsed formula. Two expressions are equal when their syntax trees are."""

    root: Node
    source: str = field(default="", compare=False)
    references: frozenset[str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        keys = frozenset(node.key for node in _walk(self.root) if isinstance(node, Reference))
        object.__setattr__(self, "references", keys)

    @property
    def indicator_codes(self) -> frozenset[str]:
        """The indicators referred to, without their disaggregations."""
        return frozenset(key.split(".", 1)[0] for key in self.references)

    def evaluate(self, values: Values) -> Value:
        """The value of the formula, or None when an operand is missing or a divisor is 0.

        `values` maps reference keys (`HT_TONG`, `HT_DAHOC.CBCC`) to figures; an absent
        key is a missing figure.
        """
        with localcontext(_ARITHMETIC):
            return self.root.evaluate(values)

    def __str__(self) -> str:
        """The formula in a canonical spelling, which parses back to an equal expression."""
        return self.root.render()


def parse(formula: str) -> Expression:
    """The expression written in `formula`; FormulaError says where it is wrong."""
    tokens = _tokenize(formula)
    return Expression(_Parser(formula, tokens).parse_whole(), source=formula.strip())


def topological_order(definitions: Mapping[str, Expression]) -> list[str]:
    """The computed indicators in an order where each comes after those it uses.

    Raises FormulaError naming a cycle, such as A → B → A: such indicators can never be
    computed. References to indicators not in `definitions` are entered figures and
    impose no order. Ties are broken by code so that the order is reproducible.
    """
    graph = {code: expr.indicator_codes & definitions.keys() for code, expr in definitions.items()}
    sorter = TopologicalSorter(graph)
    try:
        sorter.prepare()
    except CycleError as error:
        cycle = _readable_cycle(error.args[1])
        raise FormulaError(
            "Các chỉ tiêu tính toán tham chiếu vòng tròn, không thể tính được: "
            + " → ".join(cycle)
            + " (mỗi chỉ tiêu dùng chỉ tiêu đứng sau nó).",
            cycle=cycle,
        ) from None
    order: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        order.extend(ready)
        sorter.done(*ready)
    return order


def _readable_cycle(predecessor_cycle: list[str]) -> list[str]:
    """graphlib lists a cycle from used to user; turn it into "A uses B uses … uses A",
    starting from the smallest code so that the message does not vary between runs."""
    users_first = list(reversed(predecessor_cycle[:-1]))
    start = users_first.index(min(users_first))
    rotated = users_first[start:] + users_first[:start]
    return [*rotated, rotated[0]]


# --- Validation rules ----------------------------------------------------------------------


class Comparison(StrEnum):
    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="

    def holds(self, left: Decimal, right: Decimal) -> bool:
        return _COMPARISONS[self](left, right)


_COMPARISONS: dict[Comparison, Callable[[Decimal, Decimal], bool]] = {
    Comparison.EQ: operator.eq,
    Comparison.NE: operator.ne,
    Comparison.LT: operator.lt,
    Comparison.LE: operator.le,
    Comparison.GT: operator.gt,
    Comparison.GE: operator.ge,
}


class Severity(StrEnum):
    ERROR = "error"  # the figures cannot be submitted until they are corrected
    WARNING = "warning"  # the reporter confirms or explains, then may submit


@dataclass(frozen=True)
class ValidationRule:
    """A comparison the figures of one report must satisfy: `{HT_DAHOC} <= {HT_TONG}`.

    A rule is skipped (no violation) when either side has no value: a missing figure
    is reported by the completeness check, and a rule that fired on every blank form
    would bury the real inconsistencies.
    """

    left: Expression
    operator: Comparison
    right: Expression
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "operator", Comparison(self.operator))
        object.__setattr__(self, "severity", Severity(self.severity))

    @classmethod
    def parse(cls, text: str, severity: Severity = Severity.ERROR) -> ValidationRule:
        """The rule written as `formula OP formula` with one of == != < <= > >=."""
        tokens = _tokenize(text)
        comparisons = [i for i, token in enumerate(tokens) if token.kind == "compare"]
        if len(comparisons) != 1:
            raise FormulaError(
                "Quy tắc kiểm tra cần đúng một phép so sánh (==, !=, <, <=, >, >=), "
                f"gặp {len(comparisons)}.",
                position=tokens[comparisons[1]].position if comparisons else None,
            )
        split = tokens[comparisons[0]]
        left_tokens = [*tokens[: comparisons[0]], _Token("end", "", split.position)]
        left = _Parser(text, left_tokens).parse_whole()
        right = _Parser(text, tokens[comparisons[0] + 1 :]).parse_whole()
        left_source = text[: split.position].strip()
        right_source = text[split.position + len(split.text) :].strip()
        return cls(
            Expression(left, left_source),
            Comparison(split.text),
            Expression(right, right_source),
            severity,
        )

    def check(self, values: Values) -> Violation | None:
        """The violation of the rule by these figures, or None if they satisfy it or a
        side has no value (see the class docstring)."""
        left = self.left.evaluate(values)
        right = self.right.evaluate(values)
        if left is None or right is None or self.operator.holds(left, right):
            return None
        return Violation(self, left, right)

    def __str__(self) -> str:
        return f"{self.left} {self.operator.value} {self.right}"


@dataclass(frozen=True)
class Violation:
    rule: ValidationRule
    left_value: Decimal
    right_value: Decimal

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def __str__(self) -> str:
        return (
            f"Không thỏa {self.rule}: vế trái bằng {self.left_value}, "
            f"vế phải bằng {self.right_value}."
        )


# --- Tokenizer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # number, reference, name, compare, symbol, end
    text: str
    position: int


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<number>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)
    | (?P<reference>\{[^{}]*\})
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<compare>==|!=|<=|>=|<|>)
    | (?P<symbol>[-+*/(),])
    """,
    re.VERBOSE,
)
_REFERENCE = re.compile(r"\{\s*([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\s*\}")

# What people type by habit from Excel, Word or a calculator, and what to write instead.
_CHARACTER_HINTS = {
    "=": "so sánh bằng viết là '=='",
    "×": "phép nhân viết là '*'",
    "÷": "phép chia viết là '/'",
    ":": "phép chia viết là '/'",
    "%": "tính phần trăm bằng cách nhân với 100",
    "^": "không hỗ trợ lũy thừa",
    "'": "công thức không có chuỗi ký tự",
    '"': "công thức không có chuỗi ký tự",
    "{": "thiếu dấu '}' đóng mã chỉ tiêu",
    "}": "thừa dấu '}'",
}


def _tokenize(formula: str) -> list[_Token]:
    tokens = []
    position = 0
    while position < len(formula):
        match = _TOKEN.match(formula, position)
        if match is None:
            raise _unexpected_character(formula, position)
        kind = match.lastgroup or ""
        if kind == "reference" and not _REFERENCE.fullmatch(match.group()):
            raise FormulaError(
                f"mã chỉ tiêu không hợp lệ '{match.group()}': viết {{MÃ}} hoặc {{MÃ.PHÂN_TỔ}} "
                "bằng chữ không dấu, chữ số và '_'.",
                position=position,
            )
        if kind != "space":
            tokens.append(_Token(kind, match.group(), position))
        position = match.end()
    tokens.append(_Token("end", "", len(formula)))
    return tokens


def _unexpected_character(formula: str, position: int) -> FormulaError:
    character = formula[position]
    hint = _CHARACTER_HINTS.get(character)
    if character == "." and formula[position + 1 : position + 2].isalpha():
        hint = "công thức không truy cập thuộc tính"
    return FormulaError(
        f"ký tự không được dùng '{character}'" + (f" — {hint}." if hint else "."),
        position=position,
    )


# --- Parser --------------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the grammar

        formula  := sum END
        sum      := product (("+" | "-") product)*
        product  := unary (("*" | "/") unary)*
        unary    := ("-" | "+") unary | primary
        primary  := NUMBER | REFERENCE | NAME "(" [sum ("," sum)*] ")" | "(" sum ")"

    Nesting (parentheses, calls, unary signs) is capped so that a hostile formula
    cannot exhaust the stack.
    """

    def __init__(self, formula: str, tokens: list[_Token]) -> None:
        self.formula = formula
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.current
        self.index += 1
        return token

    def parse_whole(self) -> Node:
        if self.current.kind == "end":
            raise FormulaError("công thức trống.", position=self.current.position)
        node = self.parse_sum()
        if self.current.kind != "end":
            raise self.unexpected_continuation()
        return node

    def parse_sum(self) -> Node:
        first = self.parse_product()
        rest = []
        while self.current.text in ("+", "-"):
            symbol = self.advance().text
            rest.append((symbol, self.parse_product()))
        return Sum(first, tuple(rest)) if rest else first

    def parse_product(self) -> Node:
        first = self.parse_unary()
        rest = []
        while self.current.text in ("*", "/"):
            symbol = self.advance().text
            rest.append((symbol, self.parse_unary()))
        return Product(first, tuple(rest)) if rest else first

    def parse_unary(self) -> Node:
        if self.current.text not in ("-", "+"):
            return self.parse_primary()
        symbol = self.advance()
        self.enter(symbol)
        operand = self.parse_unary()
        self.depth -= 1
        return Negate(operand) if symbol.text == "-" else operand

    def parse_primary(self) -> Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            return Number(Decimal(token.text))
        if token.kind == "reference":
            self.advance()
            match = _REFERENCE.fullmatch(token.text)
            assert match is not None, "the tokenizer lets only well-formed references through"
            return Reference(match[1], match[2])
        if token.kind == "name":
            return self.parse_call()
        if token.text == "(":
            return self.parse_parenthesised()
        raise self.expected_operand()

    def parse_parenthesised(self) -> Node:
        opening = self.advance()
        self.enter(opening)
        node = self.parse_sum()
        self.expect_closing(opening)
        self.depth -= 1
        return node

    def parse_call(self) -> Node:
        name = self.advance()
        function = name.text.lower()
        if self.current.text != "(":
            raise FormulaError(
                f"'{name.text}' không phải là số hay hàm; mã chỉ tiêu phải đặt trong "
                f"ngoặc nhọn: {{{name.text}}}.",
                position=name.position,
            )
        if function not in _FUNCTIONS:
            raise FormulaError(
                f"hàm không được hỗ trợ: '{name.text}'. Các hàm có: {', '.join(_FUNCTIONS)}.",
                position=name.position,
            )
        opening = self.advance()
        self.enter(opening)
        arguments = [] if self.current.text == ")" else [self.parse_sum()]
        while self.current.text == ",":
            self.advance()
            arguments.append(self.parse_sum())
        self.expect_closing(opening)
        self.depth -= 1
        _check_arguments(function, arguments, name.position)
        return Call(function, tuple(arguments))

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise FormulaError(
                f"công thức lồng quá sâu (quá {_MAX_NESTING} mức).", position=token.position
            )

    def expect_closing(self, opening: _Token) -> None:
        if self.current.text == ")":
            self.advance()
            return
        if self.current.kind == "end":
            raise FormulaError(
                f"thiếu dấu ')' đóng ngoặc mở ở ký tự thứ {opening.position + 1}.",
                position=self.current.position,
            )
        raise self.unexpected_continuation()

    def expected_operand(self) -> FormulaError:
        token = self.current
        if token.kind == "end":
            message = "công thức kết thúc giữa chừng, còn thiếu một số hoặc chỉ tiêu."
        elif token.kind == "compare":
            message = f"phép so sánh '{token.text}' chỉ dùng trong quy tắc kiểm tra."
        else:
            message = f"cần một số, một chỉ tiêu {{MÃ}} hoặc dấu '(', gặp '{token.text}'."
        return FormulaError(message, position=token.position)

    def unexpected_continuation(self) -> FormulaError:
        token = self.current
        if token.text == ")":
            message = "thừa dấu ')'."
        elif token.text == ",":
            message = (
                "dấu ',' chỉ dùng để ngăn cách đối số của hàm; số thập phân viết bằng "
                "dấu chấm (1.5)."
            )
        elif token.kind == "compare":
            message = f"phép so sánh '{token.text}' chỉ dùng trong quy tắc kiểm tra."
        else:
            message = f"thiếu phép tính (+ - * /) trước '{token.text}'."
        return FormulaError(message, position=token.position)


def _check_arguments(function: str, arguments: list[Node], position: int) -> None:
    spec = _FUNCTIONS[function]
    if not spec.accepts(len(arguments)):
        raise FormulaError(
            f"hàm {function} nhận {spec.arity_phrase()}, gặp {len(arguments)}.",
            position=position,
        )
    if function == "round" and len(arguments) == 2:
        _check_round_digits(arguments[1], position)


def _check_round_digits(node: Node, position: int) -> None:
    """The number of decimals must be written out: a figure there would make the
    formula's precision change with the data."""
    if not (
        isinstance(node, Number)
        and node.value == node.value.to_integral_value()
        and 0 <= node.value <= _MAX_ROUND_DIGITS
    ):
        raise FormulaError(
            f"đối số thứ hai của round phải là một số nguyên từ 0 đến {_MAX_ROUND_DIGITS}.",
            position=position,
        )
