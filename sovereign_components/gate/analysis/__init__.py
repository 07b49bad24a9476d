"""Analysis: load a CrossGuard pack, resolve its config as ``pulumi preview`` does, and drive
the pack's analyzer over captured resources."""
