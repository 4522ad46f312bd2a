"""SecretStr: a string that never shows itself by accident.

Tokens, authorization codes and app secrets are wrapped as soon as they enter the process, so that a
stray ``print``, f-string, log call, traceback or pickle shows a mask instead of the value. The plain
value is reached only through :meth:`SecretStr.reveal`, at the single place that needs it.
"""

from __future__ import annotations

from typing import NoReturn

from desktop.core import redaction

MASK = "**********"


class SecretStr:
    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if isinstance(value, SecretStr):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError("SecretStr wraps a str")
        redaction.register_secret(value)
        self._value = value

    def __del__(self) -> None:
        # The registry forgets the value with its last owner, so keys and tokens do not pile up there.
        value = getattr(self, "_value", None)
        if value is not None and redaction is not None:
            redaction.release_secret(value)

    def reveal(self) -> str:
        """The plain value; call only where it is sent or encrypted."""
        return self._value

    def __str__(self) -> str:
        return MASK

    def __repr__(self) -> str:
        return f"SecretStr('{MASK}')"

    def __format__(self, spec: str) -> str:
        return MASK

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretStr):
            return NotImplemented
        import hmac  # here: it loads OpenSSL, which the window does not need to paint

        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(("SecretStr", self._value))

    def __reduce__(self) -> NoReturn:
        raise TypeError("a SecretStr cannot be pickled")

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        raise TypeError("a SecretStr cannot be pickled")

    def __copy__(self) -> SecretStr:
        return self

    def __deepcopy__(self, memo: object) -> SecretStr:
        return self
