"""The Pulumi components: ``RegionalEventPlane`` (:mod:`.event_plane`), ``SovereignEventStore``
(:mod:`.event_store`) and ``ComplianceDLQ`` (:mod:`.dlq`), the argument vocabulary they share
(:mod:`.args`), the resource wiring helpers (:mod:`.wiring`), their pure argument validation
(:mod:`.validation`), the multi-language component provider (:mod:`.provider`), the generated
reference docs (:mod:`.docgen`) and the Functions package builder (:mod:`.functions_package`).

May import: :mod:`sovereign_components.events` (names and the Functions app it packages),
:mod:`sovereign_components.geo`, the shared ``errors``/``files`` modules, Pulumi and
azure-native (lazily). Never imports the policies or the gate.
"""
