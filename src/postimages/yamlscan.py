"""PyYAML's pure-Python safe loader, faster on long lines: the same tokens,
values and marks (so every error keeps its line and column), without a Python
step per character where a line runs for a megabyte.

libyaml's loader would be faster still, but it places some marks elsewhere
(an empty value in a flow mapping, a byte-order mark inside a line) and
accepts text PyYAML refuses (a tab inside a plain scalar), so located errors
would move. Two hot loops are replaced instead, each by a regular expression
that stops where PyYAML's own character test stops:
- moving forward over a stretch without line breaks (Reader.forward);
- reading a scalar's words on one line (Scanner.scan_plain and, inside
  quotes, scan_flow_scalar_non_spaces).
"""

from __future__ import annotations

import re

import yaml
from yaml.scanner import ScannerError
from yaml.tokens import ScalarToken

_ENDS = "\0 \t\r\n\x85\u2028\u2029"  # what ends a word of a plain scalar (PyYAML's set)
_FLOW = ",[]{}"  # and, inside [ ] or { }, these (and "?")
_LINE_BREAK_OR_BOM = re.compile("[\r\n\x85\u2028\u2029\ufeff]")


def _plain_pattern(flow: bool, whole_line: bool) -> re.Pattern:
    """A word of a plain scalar as PyYAML's loop in scan_plain takes it
    ("a:b" is one word, "a: " ends one); or one line of such words joined by
    spaces, where a word after spaces may not start a comment."""
    stop = _ENDS + (_FLOW + "?" if flow else "")
    after_colon = _ENDS + (_FLOW if flow else "")
    # Possessive: nothing is given back (a word holds no space), so no backtracking state piles up.
    word = f"(?:[^{re.escape(stop + ':')}]++|:(?![{re.escape(after_colon)}]))++"
    return re.compile(f"{word}(?: ++(?!#){word})*+" if whole_line else word)


_PLAIN = {(flow, line): _plain_pattern(flow, line) for flow in (False, True) for line in (False, True)}
# Inside quotes: words joined by spaces or tabs, taken as typed (whitespace before a line break is folded:
# it is left to PyYAML, as are quotes, escapes and line breaks).
_QUOTED_CHARS = "[^'\"\\\\\0 \t\r\n\x85\u2028\u2029]++"
_QUOTED_LINE = re.compile(f"{_QUOTED_CHARS}(?:[ \t]++{_QUOTED_CHARS})*+")


class FastSafeLoader(yaml.SafeLoader):
    """yaml.SafeLoader for text given as a str, with the two loops above."""

    @property
    def _whole_text(self) -> bool:
        """The text is all in the buffer (given as a str, or bytes decoded at once)."""
        return self.stream is None and self.raw_buffer is None

    def forward(self, length: int = 1) -> None:
        if length > 8 and self._whole_text:
            end = self.pointer + length
            if end < len(self.buffer) and _LINE_BREAK_OR_BOM.search(self.buffer, self.pointer, end) is None:
                # Within one line and no byte-order mark: PyYAML would add one column a character.
                self.pointer, self.index, self.column = end, self.index + length, self.column + length
                return
        super().forward(length)

    def _plain_length(self, indent: int) -> int:
        """How far PyYAML's scan_plain would read words from here before it
        next looks at the line: to the end of this word, or, where its column
        test cannot stop it (the column only grows along a line), of the line's words."""
        if not self._whole_text:  # text read in chunks: PyYAML's own loop
            length = 0
            while self._in_word(length):
                length += 1
            return length
        whole_line = bool(self.flow_level) or self.column >= indent
        found = _PLAIN[bool(self.flow_level), whole_line].match(self.buffer, self.pointer)
        return found.end() - self.pointer if found else 0

    def _in_word(self, length: int) -> bool:
        ch = self.peek(length)
        return not (ch in _ENDS or (ch == ":" and self.peek(length + 1) in _ENDS + (_FLOW if self.flow_level else ""))
                    or (self.flow_level and ch in ",?[]{}"))

    def scan_plain(self):
        # PyYAML's Scanner.scan_plain, with the per-character loop as _plain_length.
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] | None = []
        while True:
            if self.peek() == "#":
                break
            length = self._plain_length(indent)
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return ScalarToken("".join(chunks), True, start_mark, end_mark)

    def scan_flow_scalar_non_spaces(self, double, start_mark):
        # PyYAML's Scanner.scan_flow_scalar_non_spaces, with the run of plain characters (and now of
        # the words and spaces between them on the line) read by one regular expression.
        chunks = []
        while True:
            length = self._quoted_length()
            if length:
                chunks.append(self.prefix(length))
                self.forward(length)
            ch = self.peek()
            if not double and ch == "'" and self.peek(1) == "'":
                chunks.append("'")
                self.forward(2)
            elif (double and ch == "'") or (not double and ch in '"\\'):
                chunks.append(ch)
                self.forward()
            elif double and ch == "\\":
                self._escape(chunks, start_mark)
            else:
                return chunks

    def _quoted_length(self) -> int:
        if not self._whole_text:
            length = 0
            while self.peek(length) not in "'\"\\\0 \t\r\n\x85\u2028\u2029":
                length += 1
            return length
        found = _QUOTED_LINE.match(self.buffer, self.pointer)
        return found.end() - self.pointer if found else 0

    def _escape(self, chunks: list[str], start_mark) -> None:
        """A backslash escape of a double-quoted scalar, as PyYAML reads it."""
        self.forward()
        ch = self.peek()
        if ch in self.ESCAPE_REPLACEMENTS:
            chunks.append(self.ESCAPE_REPLACEMENTS[ch])
            self.forward()
        elif ch in self.ESCAPE_CODES:
            length = self.ESCAPE_CODES[ch]
            self.forward()
            for k in range(length):
                if self.peek(k) not in "0123456789ABCDEFabcdef":
                    raise ScannerError("while scanning a double-quoted scalar", start_mark,
                                       "expected escape sequence of %d hexadecimal numbers, but found %r"
                                       % (length, self.peek(k)), self.get_mark())
            chunks.append(chr(int(self.prefix(length), 16)))
            self.forward(length)
        elif ch in "\r\n\x85\u2028\u2029":
            self.scan_line_break()
            chunks.extend(self.scan_flow_scalar_breaks(True, start_mark))
        else:
            raise ScannerError("while scanning a double-quoted scalar", start_mark,
                               "found unknown escape character %r" % ch, self.get_mark())
