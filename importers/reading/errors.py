"""Errors raised by the table reader.

Every error carries a stable machine ``code`` (for the import report and tests) and a Vietnamese
``message_vi`` meant for the content editor who uploaded the file.
"""

from __future__ import annotations

__all__ = ["ReadingError", "TableNotFound", "UnreadableFile"]

# Messages given by more than one check (the zip inspection and the OLE2 / content checks).
MSG_NOT_SPREADSHEET = "Tệp không phải là bảng tính Excel hợp lệ."
MSG_PASSWORD = "Tệp được bảo vệ bằng mật khẩu."  # noqa: S105 - a message, not a secret
MSG_MACRO = "Tệp có chứa macro (.xlsm) nên không được chấp nhận."


class ReadingError(Exception):
    """Base class: something in the uploaded file stops the import."""

    def __init__(self, code: str, message_vi: str) -> None:
        super().__init__(f"{code}: {message_vi}")
        self.code = code
        self.message_vi = message_vi


class UnreadableFile(ReadingError):
    """The file itself is refused: wrong type, too big, macro, password, bomb, corrupt, empty."""


class TableNotFound(ReadingError):
    """The file was read but no sheet holds a table matching the profile."""

    def __init__(self, code: str, message_vi: str, *, missing: tuple[str, ...] = (), sheet: str = "") -> None:
        super().__init__(code, message_vi)
        #: Display names of the required columns that were not found (Vietnamese, as in the profile).
        self.missing = missing
        #: The sheet that matched best, when one did.
        self.sheet = sheet
