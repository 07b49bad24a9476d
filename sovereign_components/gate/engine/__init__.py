"""Capture: run a Pulumi Python program in a process of its own against an offline resource
monitor, and record every registration it sends, with the provider-side defaults, ids, outputs
and invokes the engine has to emulate (``docs/engine.md``).

Modules, by job: ``isolated`` (one run: process + monitor + verdict on the stream), ``launcher``
/ ``child.py`` / ``zygote.py`` (the program's process), ``server`` (the gRPC host),
``emulation`` (the monitor's work, shared with the trusted ``inprocess`` host), ``transforms``,
``defaults`` (location), ``outputs`` / ``placeholders`` / ``invokes`` / ``arm`` (answers),
``wire`` (wire format, unreadable keys), ``runner`` (capture and errors), ``notes`` (the
report's "emulated" list).
"""
