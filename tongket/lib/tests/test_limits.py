import pytest

from tongket.lib import limits


def test_plain_json_is_read_as_json():
    assert limits.loads(b'{"a": [1, 2.5, "x"]}') == {"a": [1, 2.5, "x"]}


def test_nesting_past_the_limit_is_refused_naming_the_line():
    text = "{\n" + '"a": ' + "[" * 5000 + "]" * 5000 + "}"
    with pytest.raises(limits.InputRefused, match="lồng nhau quá sâu ở dòng 2"):
        limits.loads(text)


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = '{"a": "' + "[" * 100 + '"}'
    assert limits.loads(text) == {"a": "[" * 100}


def test_a_five_thousand_digit_number_is_refused():
    with pytest.raises(limits.InputRefused, match="Số quá dài"):
        limits.loads('{"value": ' + "9" * 5000 + "}")


def test_nan_is_refused():
    with pytest.raises(limits.InputRefused, match="NaN"):
        limits.loads("[NaN]")


def test_a_nul_in_a_string_or_key_is_refused():
    with pytest.raises(limits.InputRefused, match="NUL"):
        limits.loads('{"username": "a\\u0000b"}')
    with pytest.raises(limits.InputRefused, match="NUL"):
        limits.loads('{"a\\u0000": 1}')


def test_syntax_errors_name_line_and_column():
    with pytest.raises(limits.InputRefused, match="dòng 2, cột 5"):
        limits.loads('{"a":\n  1,, }')


def test_invalid_utf8_is_refused():
    with pytest.raises(limits.InputRefused, match="UTF-8"):
        limits.loads(b'{"a": "\xff"}')
