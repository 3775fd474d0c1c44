"""Work-arounds for faults in the Qt bindings that would otherwise crash the app.

PySide6 6.12 on Python 3.11 drops a reference to None on calls between Python and Qt that
return nothing; over a long session (or one keystroke in a list of thousands) that frees None
and aborts the interpreter ("Fatal Python error: deallocating None"). Python 3.12 and later
make None immortal, which these functions imitate on 3.11.
"""

from __future__ import annotations

import ctypes
import sys


def to_qt(value):
    """`value`, returned from a Qt override. PySide6 6.12 on Python 3.11 drops one reference to
    None each time an override returns None to Qt; a list of thousands of answers returns it
    millions of times and the app aborts ("deallocating None"). Give that reference back.
    (The list's model and filter no longer override any method Qt calls per row; any override
    here that can return None must still return through this.)"""
    if value is None and sys.version_info < (3, 12):  # None is immortal from Python 3.12
        _py_incref(None)
    return value


_py_incref = ctypes.pythonapi.Py_IncRef
_py_incref.argtypes = [ctypes.py_object]
_MANY = 1 << 40


def keep_none_alive() -> None:
    """The same PySide6 drops a reference to None on every call of a Qt method that returns
    nothing (`item.setData`, `view.expand`, the `painter` calls that draw a row: about 18 each
    time the list is redrawn), so scrolling or filtering a long list would in time free None
    and abort the app. Python 3.12 makes None immortal; do the same here, once, by giving it
    more references than any session drops."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return  # immortal already; or a debug build, where the count is not the first field
    count = ctypes.c_ssize_t.from_address(id(None))  # PyObject.ob_refcnt
    if count.value < _MANY:
        count.value += _MANY
