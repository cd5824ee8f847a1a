"""The one error type users see: a clear, one-line message (CLI exit status 2)."""


class ReportError(Exception):
    """Input that cannot be used. ``str(err)`` is a single line meant for people."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
