"""Text hygiene shared by the loader and the command line.

Which characters a name may hold, how text from the data is shown in a
terminal, and how long an excerpt of a bad value may be. One definition of
each, so the loader refuses exactly what the terminal would have to escape.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["EXCERPT", "bad_character", "escape", "excerpt", "is_formula"]

#: Longest excerpt of a bad value that a message shows, in characters.
EXCERPT = 120

# C0 and C1 controls, DEL, lone surrogates (undecodable bytes of an argument),
# bidirectional overrides and isolates, zero-width characters, the BOM, line and
# paragraph separators: what can rewrite a terminal, hide text or make two names
# look the same.
_CORE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
# Free text (evidence, notes) may hold tabs and line breaks; a name may not.
_UNSAFE_IN_TEXT = re.compile(f"[{_CORE}]")
_UNSAFE_IN_NAME = re.compile(f"[\t\n\r{_CORE}]")
# A terminal keeps tabs and line feeds; a bare carriage return would overwrite the line.
_UNSAFE_IN_TERMINAL = re.compile(f"[\r{_CORE}]")


def _name(char: str) -> str:
    try:
        return unicodedata.name(char)
    except ValueError:
        return {"\x1b": "ESCAPE", "\x00": "NUL", "\x07": "BELL"}.get(char, "control character")


def bad_character(text: str, *, name: bool = False) -> str | None:
    """Why ``text`` cannot be stored, or None if it can.

    Free text may hold tabs and line breaks; a name or an alias may not
    (``name=True``), nor any character that is invisible or reorders text.

    Examples
    --------
    >>> bad_character("North Korea", name=True) is None
    True
    >>> bad_character("North\\u200b Korea", name=True)
    'holds the invisible character U+200B (ZERO WIDTH SPACE): delete it'
    >>> bad_character("two\\nlines"), bad_character("two\\nlines", name=True)
    (None, 'holds the invisible character U+000A (control character): delete it')
    """
    match = (_UNSAFE_IN_NAME if name else _UNSAFE_IN_TEXT).search(text)
    if match is None:
        return None
    char = match.group()
    return f"holds the invisible character U+{ord(char):04X} ({_name(char)}): delete it"


def _escape_char(match: re.Match) -> str:
    # One form for every character, which a JSON string also reads back.
    return f"\\u{ord(match.group()):04x}"


def escape(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every character that could drive a terminal written as an escape.

    Examples
    --------
    >>> escape("\\x1b]0;pwned\\x07 ok\\n")
    '\\\\u001b]0;pwned\\\\u0007 ok\\n'
    >>> escape("a\\u202eb")
    'a\\\\u202eb'
    """
    return (_UNSAFE_IN_TERMINAL if keep_newlines else _UNSAFE_IN_NAME).sub(_escape_char, text)


def excerpt(value: str, limit: int = EXCERPT) -> str:
    """A short, escaped excerpt of ``value``, to quote in a message.

    Examples
    --------
    >>> excerpt("x" * 1000, limit=10)
    'xxxxxxxxxx… (1,000 characters)'
    >>> excerpt("ok\\x1b[2J")
    'ok\\\\u001b[2J'
    """
    text = escape(value, keep_newlines=False)
    if len(value) <= limit and len(text) <= 2 * limit:
        return text
    return f"{escape(value[:limit], keep_newlines=False)}… ({len(value):,} characters)"


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def is_formula(cell: str) -> bool:
    """Whether a spreadsheet would run ``cell`` as a formula: it starts with = + - @ (or a tab or CR) and is not a number.

    Examples
    --------
    >>> is_formula("=HYPERLINK(\\"http://x\\")"), is_formula("-0.5"), is_formula("@SUM(A1)"), is_formula("North Korea")
    (True, False, True, False)
    """
    return bool(cell) and cell[0] in "=+-@\t\r" and not _NUMBER.fullmatch(cell)
