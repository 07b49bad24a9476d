"""Property tests of the compliance archive (issue 10, item 3): N distinct dead letters become
N blobs, whatever their ids (colliding after sanitisation, equal, missing), reasons (numeric,
path-like, absent) or days; retries of the same message find their blob and add nothing; a
name that exists with other content is never overwritten."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

import pytest
from event_strategies import PROPERTY, enqueued_times, hostile_bodies, identifiers
from hypothesis import given
from hypothesis import strategies as st

from sovereign_components.events import names
from sovereign_components.events.archive import (
    ArchiveConflict,
    DeadLetteredMessage,
    InMemoryArchive,
    archive_dead_letter,
)
from sovereign_components.events.processor import Disposition, OriginalMessage, dead_letter_record

#: What every blob name looks like: a safe folder, a day, the sequence number, a digest.
NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?/(\d{4}/\d{2}/\d{2}|undated)/(\d{20}|noseq)-[0-9a-f]{32}\.json$")

#: Ids that collided in the old archive (issue 10): '/' vs '?', 'order 1' vs 'order-1', equal.
COLLIDING_IDS = ["order/1", "order?1", "order 1", "order-1", "order#1", "order\\1", "ORDER-1", "", "../1"]
DAY = datetime(2024, 1, 15, tzinfo=timezone.utc)
reasons = st.one_of(
    st.none(), st.sampled_from(list(names.DEAD_LETTER_REASONS) + ["MaxDeliveryCountExceeded", "TTLExpiredException",
                                                                  "../../etc", "..", "a/b", "Reason With Spaces", "%2F"]),
    st.text(max_size=80), st.integers(-5, 10**30),
)


def _forwarded(reason: Any, description: Any, n: int) -> bytes:
    """A record as the processor forwards it to the compliance DLQ (any reason, even numeric)."""
    disposition = Disposition("dead_letter", f"evt-{n}", reason, description)
    record = dead_letter_record(disposition, OriginalMessage(body=f'{{"n": {n}}}'.encode(), message_id=f"evt-{n}"),
                                deployment_region="westeurope", source="servicebus:q", now=DAY)
    return json.dumps(record).encode("utf-8")


forwarded_records = st.builds(_forwarded, reasons, st.one_of(st.none(), st.text(max_size=10)), st.integers(0, 3))


dead_letters = st.builds(
    DeadLetteredMessage,
    body=st.one_of(forwarded_records, hostile_bodies, st.binary(max_size=16)),
    content_type=st.one_of(st.none(), st.sampled_from(["application/json", "application/vnd.sovereign.dead-letter+json"])),
    message_id=st.one_of(st.none(), st.sampled_from(COLLIDING_IDS), identifiers),
    enqueued_time=enqueued_times,
    dead_letter_reason=reasons,
    dead_letter_description=st.one_of(st.none(), st.text(max_size=40)),
    session_id=st.one_of(st.none(), st.sampled_from(["s-1", "s/1"])),
    correlation_id=st.one_of(st.none(), st.just("c-1")),
    application_properties=st.one_of(st.none(), st.dictionaries(st.sampled_from(["a", "b"]), st.text(max_size=5),
                                                                  max_size=2)),
    sequence_number=st.one_of(st.none(), st.integers(0, 3), st.integers(0, 2**63 - 1)),
)


def same(message: DeadLetteredMessage) -> DeadLetteredMessage:
    return replace(message, application_properties=dict(message.application_properties or {}))


def archive(message: DeadLetteredMessage, writer: InMemoryArchive) -> str:
    return archive_dead_letter(message, writer, deployment_region="westeurope", source="servicebus:dlq")


@PROPERTY
@given(st.lists(dead_letters, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_n_distinct_dead_letters_become_n_blobs_retries_add_nothing_and_nothing_is_overwritten(
    messages: list[DeadLetteredMessage], rnd: Any
) -> None:
    # distinct as the broker sees messages: no properties and an empty map are the same thing
    distinct: list[DeadLetteredMessage] = []
    for message in messages:
        if same(message) not in [same(m) for m in distinct]:
            distinct.append(message)
    writer = InMemoryArchive()
    names_of = [archive(message, writer) for message in messages]
    retries = list(messages)
    rnd.shuffle(retries)
    assert [archive(message, writer) for message in retries] == [names_of[messages.index(m)] for m in retries]

    assert len(writer.blobs) == len(distinct)                 # exactly one blob per dead letter
    assert len({names_of[messages.index(m)] for m in distinct}) == len(distinct)
    for message, name in zip(messages, names_of):  # equal messages share their one blob
        assert name == names_of[[same(m) for m in messages].index(same(message))]
    for message, name in zip(messages, names_of):
        assert NAME.match(name), name                          # no '/', '..' or raw id in a name
        record = json.loads(writer.blobs[name])
        dlq = record["complianceDlqMessage"]
        assert dlq["messageId"] == message.message_id and dlq["sequenceNumber"] == message.sequence_number
        if message.enqueued_time is not None:
            assert name.split("/")[1:4] == message.enqueued_time.astimezone(timezone.utc).strftime("%Y/%m/%d").split("/")
        if "originalMessage" in record and record.get("source") == "servicebus:dlq":  # wrapped native dead letter
            kept = record["originalMessage"]
            body = kept["body"].encode("utf-8") if "body" in kept else base64.b64decode(kept["bodyBase64"])
            assert body == message.body

    # a name that exists with other content is never overwritten: the archiver refuses
    occupied = InMemoryArchive()
    occupied.blobs[names_of[0]] = b"other content"
    with pytest.raises(ArchiveConflict, match="nothing was overwritten"):
        archive(messages[0], occupied)
    assert occupied.blobs == {names_of[0]: b"other content"}
