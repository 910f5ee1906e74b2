"""Log formatting: one line per record, so a request error is one line in the platform's log."""

import logging


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        # Tracebacks and multi-line messages are folded with a visible marker.
        return text.replace("\r", "").replace("\n", " ⏎ ")
