"""Shared test data: the source design's example event and the examples directory."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "events"

#: The event schema example of the source design, verbatim (issue 6).
SEED_JSON = (
    '{"id":"evt-12345","aggregateId":"order-67890","aggregateType":"Order","eventType":"OrderPlaced",'
    '"eventVersion":1,"timestamp":"2024-01-15T10:30:00Z","dataRegion":"EU","dataClassification":"Confidential",'
    '"causationId":"cmd-11111","correlationId":"session-22222","metadata":{"userId":"user-33333",'
    '"clientIp":"10.0.0.1"},"payload":{"orderId":"order-67890","customerId":"cust-44444","total":150.00}}'
)
