"""Which type tokens a resource check can report on. Pure: no Pulumi.

The servicer calls every resource policy for every resource (17 policies x N resources), and
most checks guard one or two tokens. A check that declares its tokens (:func:`applies_to`, or
:func:`~sovereign_components.policies.rules.properties.rows_check` from its rows) lets the
``pulumi_policy`` wrapper return before unwrapping the properties of a resource it cannot
report on (issue 5: >= 20,000 resource-policy evaluations/s). The declaration is the same
tuple the check guards itself with, so skipping never changes a verdict; a check without one
(``allowed-locations``: every azure-native token) always runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .tokens import canonical_token, full

F = TypeVar("F", bound=Callable[..., Any])

#: The attribute a check carries its tokens in (canonical v3 tokens, full form).
ATTRIBUTE = "applies_to_tokens"


def token_set(tokens: Iterable[str]) -> frozenset[str]:
    """Canonical full tokens of ``tokens`` (v3 tokens, full or short): what
    ``tokens.matches(token, tokens)`` compares against."""
    return frozenset(full(t) for t in tokens)


def applies_to(*tokens: str) -> Callable[[F], F]:
    """Declare that the decorated check returns no finding for any other token."""

    def mark(check: F) -> F:
        setattr(check, ATTRIBUTE, token_set(tokens))
        return check

    return mark


def declare(check: F, tokens: Iterable[str]) -> F:
    """:func:`applies_to` for a check built at run time (a closure over table rows)."""
    setattr(check, ATTRIBUTE, token_set(tokens))
    return check


def tokens_of(check: Callable[..., Any] | None) -> frozenset[str] | None:
    """The tokens ``check`` declared, or ``None`` (it may report on any token)."""
    return getattr(check, ATTRIBUTE, None)


def may_apply(tokens: frozenset[str] | None, token: str) -> bool:
    """False only when ``token`` (any alias) is outside the declared ``tokens``."""
    return tokens is None or canonical_token(token) in tokens
