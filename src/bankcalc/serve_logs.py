"""Logs that nobody can write into: every control character a client can send is escaped.

The access log records the percent-decoded path, so a request for
`/x%0a[2026-11-26 16:00:00 +0000] [1] [CRITICAL] forged` would start a genuine-looking line of
its own. Here every log record of the service (gunicorn's access and error logs, and the app's
own `bankcalc.*` loggers, which go to the error log) keeps its message on one line: line
breaks, other C0/C1 controls, DEL and the Unicode line and paragraph separators are written as
`\\n`, `\\x1b`, `\\u2028`. A traceback, the program's own text, keeps its lines but each is
indented and escaped the same way, so none of them can pass for a record.
"""

from __future__ import annotations

import logging
import re

from gunicorn.config import Config
from gunicorn.glogging import Logger

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
APP_LOGGER = "bankcalc"


def escape_controls(text: str) -> str:
    """'a\\nb' -> 'a\\\\nb': the text on one line, each control character visible."""
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class EscapingFormatter(logging.Formatter):
    """Formats like `inner`, with the message escaped onto one line and tracebacks indented."""

    def __init__(self, inner: logging.Formatter) -> None:
        super().__init__()
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        plain = logging.makeLogRecord(record.__dict__)
        plain.msg, plain.args = escape_controls(record.getMessage()), None
        plain.exc_info, plain.exc_text, plain.stack_info = None, None, None
        line = self.inner.format(plain)
        extra = []
        if record.exc_info:
            extra.append(self.inner.formatException(record.exc_info))
        elif record.exc_text:
            extra.append(record.exc_text)
        if record.stack_info:
            extra.append(self.inner.formatStack(record.stack_info))
        for block in extra:
            line += "".join(f"\n    {escape_controls(part)}" for part in block.splitlines())
        return line


class SafeLogger(Logger):
    """gunicorn's logger (`logger_class`), every handler escaping; the app's loggers too."""

    def setup(self, cfg: Config) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not isinstance(handler.formatter, EscapingFormatter):
                    handler.setFormatter(
                        EscapingFormatter(handler.formatter or logging.Formatter())
                    )
        # The app logs (unexpected errors, with method and path) through the error log's
        # handlers, with its format and its escaping, instead of Python's bare stderr default.
        app = logging.getLogger(APP_LOGGER)
        app.handlers = list(self.error_log.handlers)
        app.setLevel(self.error_log.level)
        app.propagate = False
