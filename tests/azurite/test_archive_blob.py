"""The compliance archive against a real Blob endpoint (Azurite), with the same
azure-storage-blob calls the Functions app makes (``BlobArchiveWriter``: ``upload_blob(...,
overwrite=False)``, ``download_blob(...).readall()``): N distinct dead letters -- ids that
collided in the old archive included -- become N blobs; retries add nothing; a second write of
the same blob is refused by the service, and nothing is ever overwritten (issue 10, item 3)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from sovereign_components.events import names
from sovereign_components.events.archive import ArchiveConflict, DeadLetteredMessage, archive_dead_letter
from sovereign_components.events.settings import ProcessorSettings

APP_DIR = Path(__file__).resolve().parents[2] / "sovereign_components" / "events" / "functions_app"
DAY = dt.datetime(2024, 1, 15, 10, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def app() -> Any:
    sys.path.insert(0, str(APP_DIR))
    try:
        import function_app as module
    finally:
        sys.path.remove(str(APP_DIR))
    return module


def forwarded(reason: Any, event_id: str) -> bytes:
    """A record as the processor forwards it (reason may be anything a producer wrote)."""
    return json.dumps({"deadLetterReason": reason, "deadLetterErrorDescription": "why", "eventId": event_id,
                       "originalMessage": {"messageId": event_id, "body": "{}"}}).encode()


#: Dead letters that lost each other in the old archive, and the shapes that raised TypeError.
DEAD_LETTERS = [
    DeadLetteredMessage(body=b'{"n": 1}', content_type="application/json", message_id="order/1", enqueued_time=DAY,
                        dead_letter_reason="MaxDeliveryCountExceeded", sequence_number=1),
    DeadLetteredMessage(body=b'{"n": 2}', content_type="application/json", message_id="order?1", enqueued_time=DAY,
                        dead_letter_reason="MaxDeliveryCountExceeded", sequence_number=2),
    DeadLetteredMessage(body=b'{"n": 3}', content_type="application/json", message_id="order 1", enqueued_time=DAY,
                        dead_letter_reason="MaxDeliveryCountExceeded", sequence_number=3),
    DeadLetteredMessage(body=b'{"n": 4}', content_type="application/json", message_id="order-1", enqueued_time=DAY,
                        dead_letter_reason="MaxDeliveryCountExceeded", sequence_number=4),
    # the same id twice on the same day, different messages
    DeadLetteredMessage(body=forwarded(names.SOVEREIGNTY_VIOLATION_REASON, "evt-1"), content_type=None,
                        message_id="dup", enqueued_time=DAY, sequence_number=5),
    DeadLetteredMessage(body=forwarded(names.SOVEREIGNTY_VIOLATION_REASON, "evt-2"), content_type=None,
                        message_id="dup", enqueued_time=DAY, sequence_number=6),
    # no message id, no sequence number, no enqueued time; a numeric and a path-like reason
    DeadLetteredMessage(body=b"\xff\x00 not utf-8", content_type=None, message_id=None),
    DeadLetteredMessage(body=forwarded(42, "evt-3"), content_type=None, message_id="m-42", enqueued_time=DAY,
                        sequence_number=7),
    DeadLetteredMessage(body=b"{}", content_type=None, message_id="m-path", enqueued_time=DAY,
                        dead_letter_reason="../../other-container/x", sequence_number=8),
]


def archive(message: DeadLetteredMessage, writer: Any) -> str:
    return archive_dead_letter(message, writer, deployment_region="westeurope", source="servicebus:dlq")


def test_n_distinct_dead_letters_become_n_blobs(app: Any, container: Any) -> None:
    writer = app.BlobArchiveWriter(container)
    written = [archive(message, writer) for message in DEAD_LETTERS]
    again = [archive(message, writer) for message in reversed(DEAD_LETTERS)]  # retries: found, not duplicated
    assert again == list(reversed(written))
    stored = sorted(blob.name for blob in container.list_blobs())
    assert len(stored) == len(DEAD_LETTERS) == len(set(written))
    assert stored == sorted(written)
    for message, name in zip(DEAD_LETTERS, written):
        blob = container.get_blob_client(name)
        assert blob.get_blob_properties().content_settings.content_type == "application/json"
        record = json.loads(blob.download_blob().readall())
        assert record["complianceDlqMessage"]["messageId"] == message.message_id
        segments = name.split("/")
        assert len(segments) in (3, 5) and not {".", ".."} & set(segments)  # undated: reason/undated/file


def test_a_second_write_of_the_same_blob_is_refused_by_the_service(app: Any, container: Any) -> None:
    from azure.core.exceptions import ResourceExistsError

    writer = app.BlobArchiveWriter(container)
    assert writer.write("reason/2024/01/15/x.json", b"first") is True
    assert writer.write("reason/2024/01/15/x.json", b"second") is False      # If-None-Match: * -> 409
    with pytest.raises(ResourceExistsError):
        container.upload_blob("reason/2024/01/15/x.json", b"third", overwrite=False)
    assert writer.read("reason/2024/01/15/x.json") == b"first"
    assert writer.read("reason/2024/01/15/absent.json") is None


def test_a_name_holding_other_content_is_a_conflict_and_is_not_overwritten(app: Any, container: Any) -> None:
    writer = app.BlobArchiveWriter(container)
    message = DEAD_LETTERS[0]
    name = archive(message, writer)
    container.delete_blob(name)
    container.upload_blob(name, b"someone else's bytes")
    with pytest.raises(ArchiveConflict, match=name):
        archive(message, writer)
    assert container.download_blob(name).readall() == b"someone else's bytes"


def test_the_functions_archiver_writes_through_the_blob_writer(app: Any, container: Any) -> None:
    from azure.functions.servicebus import ServiceBusMessage

    runtime = app.RUNTIME
    runtime.settings = ProcessorSettings.from_env({names.DEPLOYMENT_REGION_SETTING: "westeurope",
                                                   names.BOUNDARY_SETTING: "EU"})
    runtime.archive = app.BlobArchiveWriter(container)
    try:
        for sequence, message_id in enumerate(["order/1", "order?1", "order/1"]):
            message = ServiceBusMessage(body=f'{{"n": {sequence}}}'.encode(), content_type="application/json",
                                        application_properties={}, message_id=message_id, user_properties={},
                                        dead_letter_reason="MaxDeliveryCountExceeded", enqueued_time_utc=DAY,
                                        sequence_number=10 + sequence)
            app.archive_dead_letters(message)
            app.archive_dead_letters(message)  # the host redelivers: one blob still
    finally:
        runtime.settings = runtime.archive = None
    assert len(list(container.list_blobs())) == 3
