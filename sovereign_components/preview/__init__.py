"""Offline preview engine: run a Pulumi Python program under the SDK mocks, capture every
registration, and feed it to the real ``pulumi_policy`` analyzer servicer in-process.

Public API lives in :mod:`sovereign_components.preview.engine`. This package ``__init__``
imports nothing so that ``sovereign --help`` stays fast (pulumi loads only when a command runs).
"""
