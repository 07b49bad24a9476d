"""The gate: the offline engine that runs a Pulumi program and captures its registrations
(:mod:`.engine`), the analysis that drives a CrossGuard pack over them (:mod:`.analysis`), the
reports (:mod:`.reports`: text, JSON, SARIF), the state audit (:mod:`.state`), the pipeline that
joins them (:mod:`.pipeline`) and the ``sovereign`` command line (:mod:`.cli`, :mod:`.commands`).

May import everything below it (policies, stack_config, components, events, geo). This
``__init__`` imports nothing, so ``sovereign --help`` stays fast (pulumi loads only when a
command runs).
"""
