from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tongket.core.expressions import (
    Comparison,
    FormulaError,
    Severity,
    ValidationRule,
    parse,
    topological_order,
)

D = Decimal


def value_of(formula: str, **values) -> Decimal | None:
    return parse(formula).evaluate({k: None if v is None else D(v) for k, v in values.items()})


# --- Arithmetic ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("10 - 4 - 3", "3"),
        ("8 / 4 / 2", "1"),
        ("2 * -3", "-6"),
        ("-2 * 3 + 10", "4"),
        ("-(1 + 2) * 2", "-6"),
        ("-3 - -3", "0"),
        ("--4", "4"),
        ("+4", "4"),
        ("1 + 6 / 3 * 2 - 1", "4"),
        (".5 * 4", "2"),
    ],
)
def test_precedence_and_associativity(formula, expected):
    assert value_of(formula) == D(expected)


def test_percentage_of_key_cadres_who_studied_the_resolution():
    assert value_of("{HT_DAHOC} / {HT_TONG} * 100", HT_DAHOC=45, HT_TONG=50) == 90


def test_arithmetic_is_decimal_not_binary_floating_point():
    assert value_of("0.1 + 0.2") == D("0.3")


def test_disaggregated_reference_reads_its_own_figure():
    formula = "{HT_DAHOC.CBCC} / {HT_DAHOC} * 100"
    assert parse(formula).evaluate({"HT_DAHOC.CBCC": D(12), "HT_DAHOC": D(48)}) == 25


def test_caller_decimal_context_does_not_change_the_result():
    with localcontext() as context:
        context.prec = 3
        result = value_of("1 / 3")
    assert result == D(1) / D(3)


def test_whole_numbers_may_be_given_as_int():
    assert parse("{A} + 1").evaluate({"A": 2}) == 3


def test_floating_point_figures_are_refused():
    with pytest.raises(TypeError, match="Decimal or int"):
        parse("{A} + 1").evaluate({"A": 0.1})  # type: ignore[dict-item]


def test_non_finite_figure_is_no_value():
    assert parse("{A} + 1").evaluate({"A": D("NaN")}) is None
    assert parse("{A} + 1").evaluate({"A": D("Infinity")}) is None


def test_long_run_of_terms_evaluates_without_deep_recursion():
    assert value_of(" + ".join(["1"] * 5000)) == 5000


# --- No value ------------------------------------------------------------------------------


def test_division_by_zero_gives_no_value():
    assert value_of("{A} / {B} * 100", A=3, B=0) is None


def test_zero_divided_by_zero_gives_no_value():
    assert value_of("{A} / {B}", A=0, B=0) is None


def test_missing_operand_gives_no_value():
    assert parse("{A} + {B}").evaluate({"A": D(1)}) is None


def test_operand_explicitly_without_value_gives_no_value():
    assert value_of("{A} * 0", A=None) is None


def test_coalesce_counts_a_missing_figure_as_the_fallback():
    assert value_of("coalesce({A}, 0) + {B}", B=5) == 5
    assert value_of("coalesce({A} / {B}, 0)", A=1, B=0) == 0
    assert value_of("coalesce({A}, {B})") is None


# --- Functions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("min(3, 1, 2)", "1"),
        ("max(3, 1, 2)", "3"),
        ("abs(2 - 5)", "3"),
        ("round(12.5)", "13"),
        ("round(-2.5)", "-3"),
        ("round(2 / 3 * 100, 1)", "66.7"),
        ("round(1.005, 2)", "1.01"),
        ("MAX(1, 2)", "2"),
        ("Round(1.4)", "1"),
    ],
)
def test_functions(formula, expected):
    assert value_of(formula) == D(expected)


def test_smallest_of_a_figure_and_a_missing_one_is_unknown():
    assert value_of("min({A}, 5)", A=None) is None


def test_unknown_function_is_an_error_naming_it():
    with pytest.raises(FormulaError, match="hàm không được hỗ trợ: 'sqrt'") as error:
        parse("1 + sqrt(4)")
    assert error.value.position == 4


@pytest.mark.parametrize("formula", ["abs(1, 2)", "round(1, 2, 3)", "min()"])
def test_function_with_the_wrong_number_of_arguments_is_an_error(formula):
    with pytest.raises(FormulaError, match="đối số"):
        parse(formula)


@pytest.mark.parametrize("formula", ["round({A}, {B})", "round(1, 2.5)", "round(1, 11)"])
def test_round_digits_must_be_a_small_whole_number_written_out(formula):
    with pytest.raises(FormulaError, match="đối số thứ hai của round"):
        parse(formula)


# --- Refusing what is not a formula --------------------------------------------------------


@pytest.mark.parametrize(
    "formula",
    [
        "__import__('os')",
        "__import__('os').system('ls')",
        "__import__",
        "{A}.__class__",
        "().__class__.__bases__",
        "{A}.real",
        "os.system",
        "open('/etc/passwd')",
        "eval(1)",
        "exec(1)",
        "getattr({A}, 1)",
        "lambda: 1",
        "[x for x in (1,)]",
        "{A}[0]",
        "{A} if 1 else 0",
        "1; 2",
        "2 ** 3",
        '"1" + "2"',
    ],
)
def test_anything_beyond_the_grammar_is_refused(formula):
    with pytest.raises(FormulaError, match="Lỗi công thức ở ký tự thứ"):
        parse(formula)


def test_bare_name_is_explained_as_a_code_missing_its_braces():
    with pytest.raises(FormulaError, match=r"ngoặc nhọn: \{HT_TONG\}"):
        parse("HT_TONG * 2")


def test_hostile_nesting_is_refused_rather_than_exhausting_the_stack():
    with pytest.raises(FormulaError, match="lồng quá sâu"):
        parse("(" * 10_000 + "1" + ")" * 10_000)
    with pytest.raises(FormulaError, match="lồng quá sâu"):
        parse("-" * 10_000 + "1")


# --- Syntax errors point at the place ------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "position", "explanation"),
    [
        ("", 0, "công thức trống"),
        ("1 +", 3, "kết thúc giữa chừng"),
        ("(1 + 2", 6, "thiếu dấu ')' đóng ngoặc mở ở ký tự thứ 1"),
        ("1 + 2)", 5, "thừa dấu ')'"),
        ("{A} {B}", 4, "thiếu phép tính"),
        ("1,5 * {A}", 1, "số thập phân viết bằng dấu chấm"),
        ("{A} = {B}", 4, "'=='"),
        ("{A} × 2", 4, "'*'"),
        ("{A-B}", 0, "mã chỉ tiêu không hợp lệ"),
        ("{}", 0, "mã chỉ tiêu không hợp lệ"),
        ("{A", 0, "thiếu dấu '}'"),
        ("{A} <= 1", 4, "chỉ dùng trong quy tắc kiểm tra"),
        ("1 * * 2", 4, "cần một số"),
    ],
)
def test_syntax_error_says_what_and_where(formula, position, explanation):
    with pytest.raises(FormulaError) as error:
        parse(formula)
    assert error.value.position == position
    assert f"ký tự thứ {position + 1}:" in str(error.value)
    assert explanation in str(error.value)


# --- References and canonical spelling -----------------------------------------------------


def test_references_include_disaggregations():
    expression = parse("({HT_DAHOC.CBCC} + {HT_DAHOC}) / { HT_TONG } * 100")
    assert expression.references == {"HT_DAHOC.CBCC", "HT_DAHOC", "HT_TONG"}
    assert expression.indicator_codes == {"HT_DAHOC", "HT_TONG"}


def test_canonical_spelling():
    assert str(parse("{a}*(  {b}+1 ) /MAX(2,{c})")) == "{a} * ({b} + 1) / max(2, {c})"


def test_expressions_compare_by_meaning_not_spacing():
    assert parse("{A}+1") == parse(" {A} + 1 ")
    assert parse("{A}+1") != parse("1+{A}")


# --- Dependencies between computed indicators ----------------------------------------------


def test_computed_indicators_come_after_those_they_use():
    definitions = {
        "RATE": parse("{DONE} / {TOTAL} * 100"),
        "DONE": parse("{DONE_CBCC} + {DONE_OTHER}"),
        "TOTAL": parse("{TOTAL_CBCC} + {TOTAL_OTHER}"),
        "RATE_ROUNDED": parse("round({RATE}, 1)"),
    }
    assert topological_order(definitions) == ["DONE", "TOTAL", "RATE", "RATE_ROUNDED"]


def test_disaggregated_reference_is_a_dependency_on_the_indicator():
    definitions = {"SHARE": parse("{DONE.CBCC} / {DONE}"), "DONE": parse("{A} + {B}")}
    assert topological_order(definitions) == ["DONE", "SHARE"]


def test_cycle_is_detected_and_named():
    definitions = {
        "B": parse("{C} * 2"),
        "A": parse("{B} + 1"),
        "C": parse("{A.CBCC} - 1"),
        "D": parse("{E}"),
    }
    with pytest.raises(FormulaError, match="A → B → C → A") as error:
        topological_order(definitions)
    assert error.value.cycle == ("A", "B", "C", "A")
    assert error.value.position is None


def test_indicator_using_itself_is_a_cycle():
    with pytest.raises(FormulaError, match="A → A"):
        topological_order({"A": parse("{A} + 1")})


# --- Validation rules ----------------------------------------------------------------------


def test_rule_violated_reports_both_sides():
    rule = ValidationRule.parse("{HT_DAHOC} <= {HT_TONG}")
    violation = rule.check({"HT_DAHOC": D(12), "HT_TONG": D(10)})
    assert violation is not None
    assert (violation.left_value, violation.right_value) == (12, 10)
    assert violation.severity is Severity.ERROR
    assert str(violation) == (
        "Không thỏa {HT_DAHOC} <= {HT_TONG}: vế trái bằng 12, vế phải bằng 10."
    )


def test_rule_satisfied_gives_no_violation():
    rule = ValidationRule.parse("{HT_DAHOC} <= {HT_TONG}")
    assert rule.check({"HT_DAHOC": D(10), "HT_TONG": D(10)}) is None


def test_rule_is_skipped_when_a_side_has_no_value():
    rule = ValidationRule.parse("{HT_DAHOC} <= {HT_TONG}")
    assert rule.check({"HT_DAHOC": D(12)}) is None
    assert ValidationRule.parse("{A} / {B} < 1").check({"A": D(5), "B": D(0)}) is None


@pytest.mark.parametrize(
    ("operator", "holds_for_equal", "holds_for_smaller"),
    [
        ("==", True, False),
        ("!=", False, True),
        ("<", False, True),
        ("<=", True, True),
        (">", False, False),
        (">=", True, False),
    ],
)
def test_each_comparison(operator, holds_for_equal, holds_for_smaller):
    rule = ValidationRule.parse(f"{{A}} {operator} {{B}}")
    assert (rule.check({"A": D(5), "B": D(5)}) is None) is holds_for_equal
    assert (rule.check({"A": D(4), "B": D(5)}) is None) is holds_for_smaller


def test_rule_with_formulas_on_both_sides():
    rule = ValidationRule.parse("{CTV_CO} / {TCCS_TONG} * 100 >= 40", severity=Severity.WARNING)
    violation = rule.check({"CTV_CO": D(21), "TCCS_TONG": D(50)})
    assert violation is None
    violation = rule.check({"CTV_CO": D(15), "TCCS_TONG": D(50)})
    assert violation is not None and violation.severity is Severity.WARNING


def test_rule_can_be_built_from_expressions_and_an_operator_string():
    rule = ValidationRule(parse("{A}"), "<=", parse("{B}"))  # type: ignore[arg-type]
    assert rule.operator is Comparison.LE
    assert str(rule) == "{A} <= {B}"


@pytest.mark.parametrize("text", ["{A} + {B}", "{A} < {B} < {C}"])
def test_rule_needs_exactly_one_comparison(text):
    with pytest.raises(FormulaError, match="đúng một phép so sánh"):
        ValidationRule.parse(text)


def test_error_in_the_right_side_of_a_rule_points_into_the_whole_text():
    with pytest.raises(FormulaError) as error:
        ValidationRule.parse("{A} <= {B} +")
    assert error.value.position == 12


def test_empty_side_of_a_rule_is_an_error():
    with pytest.raises(FormulaError, match="công thức trống"):
        ValidationRule.parse("<= {B}")


# --- Properties: agreement with exact rational arithmetic ----------------------------------

CODES = ["A", "B", "C", "D"]
# Decimal rounds each result to 28 significant digits: a relative error of at most
# half a unit in the 28th digit, taken a little larger here for headroom.
EPSILON = Fraction(1, 10**26)


def literals(max_places: int):
    return st.decimals(min_value=0, max_value=1000, places=max_places).map(
        lambda d: ("num", format(d, "f"))
    )


references = st.sampled_from(CODES).map(lambda code: ("ref", code))


def trees_without_division():
    """Whole numbers only, so that a divisor is computed exactly and "is it zero?" has
    the same answer in Decimal and in Fraction."""
    return st.recursive(
        literals(0) | references,
        lambda sub: (
            st.tuples(st.just("neg"), sub)
            | st.tuples(st.just("bin"), st.sampled_from("+-*"), sub, sub)
        ),
        max_leaves=4,
    )


def trees():
    return st.recursive(
        literals(2) | references,
        lambda sub: (
            st.tuples(st.just("neg"), sub)
            | st.tuples(st.just("bin"), st.sampled_from("+-*"), sub, sub)
            | st.tuples(st.just("bin"), st.just("/"), sub, trees_without_division())
        ),
        max_leaves=10,
    )


figures = st.fixed_dictionaries(
    {code: st.one_of(st.none(), st.integers(-1000, 1000).map(Decimal)) for code in CODES}
)


def fully_parenthesised(tree) -> str:
    match tree:
        case ("num", text):
            return text
        case ("ref", code):
            return f"{{{code}}}"
        case ("neg", operand):
            return f"-({fully_parenthesised(operand)})"
        case ("bin", symbol, left, right):
            return f"({fully_parenthesised(left)} {symbol} {fully_parenthesised(right)})"
    raise AssertionError(tree)


PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "atom": 4}


def with_fewest_parentheses(tree) -> str:
    """Written the way a person would, relying on the usual precedence rules."""

    def precedence(node) -> int:
        match node:
            case ("bin", symbol, _, _):
                return PRECEDENCE[symbol]
            case ("neg", _):
                return PRECEDENCE["neg"]
        return PRECEDENCE["atom"]

    def wrap(node, needs_parentheses: bool) -> str:
        text = with_fewest_parentheses(node)
        return f"({text})" if needs_parentheses else text

    match tree:
        case ("neg", operand):
            return "-" + wrap(operand, precedence(operand) < PRECEDENCE["neg"])
        case ("bin", symbol, left, right):
            level = PRECEDENCE[symbol]
            return (
                f"{wrap(left, precedence(left) < level)} {symbol} "
                f"{wrap(right, precedence(right) <= level)}"
            )
    return fully_parenthesised(tree)


def exact_value_and_error_bound(tree, figures) -> tuple[Fraction, Fraction] | None:
    """The exact value of the tree, and a bound on how far 28-digit Decimal arithmetic
    may stray from it; None where the formula has no value."""
    match tree:
        case ("num", text):
            return Fraction(text), Fraction(0)
        case ("ref", code):
            return None if figures[code] is None else (Fraction(figures[code]), Fraction(0))
        case ("neg", operand):
            return _negated(exact_value_and_error_bound(operand, figures))
        case ("bin", symbol, left, right):
            a = exact_value_and_error_bound(left, figures)
            b = exact_value_and_error_bound(right, figures)
            if a is None or b is None or (symbol == "/" and b[0] == 0):
                return None
            return _combined(symbol, a, b)
    raise AssertionError(tree)


def _negated(result):
    return None if result is None else (-result[0], result[1])


def _combined(symbol, a, b):
    (x, ex), (y, ey) = a, b
    if symbol in "+-":
        value, inherited = (x + y if symbol == "+" else x - y), ex + ey
    elif symbol == "*":
        value, inherited = x * y, ex * abs(y) + ey * abs(x) + ex * ey
    else:
        assert ey == 0, "divisors are exact by construction"
        value, inherited = x / y, ex / abs(y)
    return value, inherited + _rounding(value, inherited)


def _rounding(value: Fraction, inherited: Fraction) -> Fraction:
    if inherited == 0 and value.denominator == 1 and abs(value) < 10**28:
        return Fraction(0)  # a whole number of up to 28 digits is held exactly
    return EPSILON * (abs(value) + inherited)


@given(trees(), figures)
def test_evaluation_agrees_with_exact_rational_arithmetic(tree, figures):
    expected = exact_value_and_error_bound(tree, figures)
    result = parse(fully_parenthesised(tree)).evaluate(figures)
    if expected is None:
        assert result is None
    else:
        assert result is not None
        value, error_bound = expected
        assert abs(Fraction(result) - value) <= error_bound


@given(trees_without_division(), figures)
def test_whole_number_arithmetic_is_exact(tree, figures):
    expected = exact_value_and_error_bound(tree, figures)
    result = parse(fully_parenthesised(tree)).evaluate(figures)
    assert (None if expected is None else expected[0]) == (None if result is None else result)


@given(trees(), figures)
def test_usual_precedence_rules_apply(tree, figures):
    with_parentheses = parse(fully_parenthesised(tree)).evaluate(figures)
    as_a_person_writes = parse(with_fewest_parentheses(tree)).evaluate(figures)
    assert as_a_person_writes == with_parentheses


@given(trees())
def test_canonical_spelling_parses_back_to_the_same_expression(tree):
    expression = parse(with_fewest_parentheses(tree))
    assert parse(str(expression)) == expression


@given(st.text(max_size=40))
def test_arbitrary_text_either_parses_or_raises_formula_error(text):
    try:
        expression = parse(text)
    except FormulaError as error:
        assert error.position is not None and 0 <= error.position <= len(text)
    else:
        expression.evaluate({})
