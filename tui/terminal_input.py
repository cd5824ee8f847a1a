"""Terminal input that cannot crash the app: invalid UTF-8 becomes U+FFFD.

Textual's Linux drivers (8.2.x) decode the bytes read from the terminal with a *strict*
UTF-8 decoder, so a single invalid byte — pasted from a GBK or Latin-1 terminal, or sent by
a multiplexer — raises ``UnicodeDecodeError`` in the input thread and the app dies with a
traceback (reproduced in tmux: ``/`` then ``send-keys -H ff``).  Upstream issue:
https://github.com/Textualize/textual/issues/6456 (open; the proposed fixes pass
``errors="replace"`` to that decoder).  Until it is fixed there, :func:`install` gives those
drivers a decoder factory that does exactly that; it changes nothing for valid UTF-8.
"""

from __future__ import annotations

import codecs
import functools
import importlib

#: Textual's driver modules that look ``getincrementaldecoder`` up as a module global.
DRIVER_MODULES = ("textual.drivers.linux_driver", "textual.drivers.linux_inline_driver")


def replacing_incremental_decoder(encoding: str):
    """Like :func:`codecs.getincrementaldecoder`, but the decoder replaces invalid bytes."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def install() -> list[str]:
    """Give Textual's terminal drivers the replacing decoder; the modules patched."""
    patched = []
    for name in DRIVER_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # e.g. Windows: no termios, another driver
            continue
        if getattr(module, "getincrementaldecoder", None) in (codecs.getincrementaldecoder,
                                                              replacing_incremental_decoder):
            module.getincrementaldecoder = replacing_incremental_decoder
            patched.append(name)
    return patched
