"""``python -m bench`` (``make bench``): timings of the offline gate. Prints; asserts nothing.

See ``bench/__main__.py`` for the figures and their targets (issue 5).
"""
