"""Stack configuration: the typed model of ``Pulumi.<stack>.yaml`` (:mod:`.models`), how a
program loads it (:mod:`.loader`) and how the gate reads a Pulumi project and its stack file
(:mod:`.project`).

May import: :mod:`sovereign_components.components` (pure name validation only),
:mod:`sovereign_components.geo`, the shared ``errors``/``files`` modules. Never imports the
policies or the gate.
"""
