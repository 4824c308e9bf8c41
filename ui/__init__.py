"""The PySide6 editor. The refcount fix must run before any Qt call of the editor."""
from .qt_refcount_fix import pin_singletons

pin_singletons()
