"""The runtime's validation errors: what the event library raises for input that is not a valid
contract event, each carrying the dead-letter reason the processor files it under.

Field-level problems (a wrong ``dataRegion``, a missing ``payload``) are
:class:`pydantic.ValidationError`; everything else a decoder can meet -- bytes that are not
UTF-8 or not JSON, a document too deep or too large, a CloudEvent without its attributes, an
attribute that contradicts the body -- is an :class:`EventFormatError`. Both are ``ValueError``
subclasses, and no other exception type leaves a decoder for any input (property tests check
it), so a caller can dead-letter every malformed message with its reason instead of crashing on
a raw ``JSONDecodeError``, ``RecursionError`` or ``UnicodeDecodeError``. Pure: no Pulumi.
"""

from __future__ import annotations

from .names import ATTRIBUTE_MISMATCH_REASON, INVALID_EVENT_REASON

__all__ = ["AttributeMismatchError", "CloudEventMappingError", "EventFormatError"]


class EventFormatError(ValueError):
    """Input that is not a valid contract event for a reason other than one field's value."""

    #: The dead-letter reason (names.py) the processor uses for this error.
    reason: str = INVALID_EVENT_REASON


class CloudEventMappingError(EventFormatError):
    """A CloudEvent or Service Bus message that does not carry a valid contract event."""


class AttributeMismatchError(CloudEventMappingError):
    """What the message is routed on (a CloudEvent attribute, a Service Bus property, the
    session id) contradicts what its body says. Event Grid and Service Bus decide on the
    former, the processor would act on the latter: neither may win, so the message is refused
    with :data:`~.names.ATTRIBUTE_MISMATCH_REASON`."""

    reason = ATTRIBUTE_MISMATCH_REASON
