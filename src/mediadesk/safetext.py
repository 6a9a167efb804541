"""Text from mail, made safe to show on a terminal.

A terminal obeys every escape sequence it is given: OSC 52 writes the clipboard, OSC 0 the
window title, CSI moves the cursor and erases lines (a forged sender drawn over the real one),
SGR 8 hides text, OSC 8 gives a link a false label. Every such sequence starts with ESC or an
8-bit C1 control (U+009B is CSI, U+009D OSC), so showing those characters as harmless glyphs
disarms them all. The explicit bidi controls (embeddings, overrides, isolates: U+202A-202E,
U+2066-2069) can reverse the order in which a field reads ("moc.elpmaxe" shown as
"example.com"); they are shown as U+FFFD. Arabic and Hebrew letters, and the implicit marks
LRM/RLM/ALM, are left alone: right-to-left text stays readable.
"""

from __future__ import annotations

__all__ = ["BIDI_CONTROLS", "visible"]

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _visible_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\n\t"}  # ␛ ␇ ␍ …
    table[0x7F] = "\u2421"  # ␡
    table.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls have no picture
    table.update({ord(ch): "\ufffd" for ch in BIDI_CONTROLS})
    # Lone surrogates (undecodable bytes from argv or a file name) cannot be encoded on output.
    table.update({code: "\ufffd" for code in range(0xD800, 0xE000)})
    return table


_VISIBLE = _visible_table()


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab replaced by a visible glyph
    (C0 by its Control Picture, ESC as ␛; C1, bidi controls and lone surrogates by U+FFFD).

    One character for one, so the styled spans of a Rich ``Text`` stay where they were."""
    return text.translate(_VISIBLE)
