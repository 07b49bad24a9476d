"""Capture: run a Pulumi Python program offline and record every resource registration, with
the provider-side defaults, ids, outputs and invokes the engine has to emulate."""
