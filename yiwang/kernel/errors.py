"""Errors a user can act on.

Every refused input raises `DomainError` with a stable machine `code`, a Chinese `message` saying
what is wrong and why, and optionally the `field` it concerns. The API renders it as
``{"code", "message", "field"}``; pages show the message next to the field. Services raise it
*before* writing anything, and they run inside one transaction, so nothing is written.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule refused the operation. HTTP 400 (or `status` when given)."""

    status: int = 400

    def __init__(
        self,
        code: str,
        message: str,
        field: str | None = None,
        *,
        status: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.field = field
        self.details = details or {}
        if status is not None:
            self.status = status

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message, "field": self.field}
        if self.details:
            body["details"] = self.details
        return body

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.message!r}, field={self.field!r})"


class NotFound(DomainError):
    """The object does not exist *or* the actor may not see it: callers cannot tell which."""

    status = 404

    def __init__(self, message: str = "对象不存在或无权访问", field: str | None = None) -> None:
        super().__init__("not_found", message, field)


class Forbidden(DomainError):
    """The actor can see the object but may not perform this action on it."""

    status = 403

    def __init__(self, message: str = "无权执行此操作", field: str | None = None) -> None:
        super().__init__("forbidden", message, field)
