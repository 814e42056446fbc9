"""The only Qt layer.

Importing it first works around a PySide6 6.12.0 bug on CPython 3.11: every wrapped call
that returns nothing (``setText``, ``setEnabled``, ``property()`` of an unset property …)
drops one reference to ``None``. After a few thousand calls the count reaches zero and the
interpreter aborts with "none_dealloc". From 3.12 ``None`` is immortal and the bug is
harmless; on 3.11 we give ``None`` so many references that no session can use them up.
Remove when PySide6 is fixed (tests/ui/test_none_refcount.py tells).
"""

import sys


def _keep_none_alive() -> None:
    if sys.version_info >= (3, 12):
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < 1 << 40:
        refcount.value += 1 << 50


_keep_none_alive()
