"""Measurements that need a fresh Python process: opening a library, and the main window.

    python benchmarks/probes.py open LIBRARY
    python benchmarks/probes.py gui LIBRARY WORD

Each prints one JSON object. `run.py` starts them, so no import, in-memory cache or Qt state
of one measurement helps the next.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import of the app or of Qt

import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def peak_rss_mb() -> float:
    """This process's own peak memory. Not ru_maxrss: Linux carries that over exec from the
    process that started us (the benchmark, which may just have built a large release)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def probe_open(library_path: str) -> dict:
    """Opening + status.library_status, as `authoring-app status` does."""
    from authoring_app.release.published import published_hashes
    from authoring_app.review import library_status as status
    from authoring_app.sync.opening import open_library

    started = time.perf_counter()
    with open_library(library_path, statuses_next=True) as library:
        statuses = status.library_status(library, published=published_hashes(library))
        seconds = time.perf_counter() - started
    approved = sum(1 for s in statuses.values() if s.publishable)
    return {"seconds": seconds, "answers": len(statuses), "approved": approved}


def probe_gui(library_path: str, word: str) -> dict:
    """Open the main window offscreen until the list shows every status; then type `word` into
    the search box one key at a time, timing each keystroke until the view has been redrawn."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from authoring_app.gui.app import application
    from authoring_app.gui.main_window import MainWindow
    from authoring_app.gui.settings import Settings

    app = application()
    window = MainWindow(Settings())
    window.resize(1400, 900)
    window.show()
    loop = QEventLoop()
    window.library_refreshed.connect(loop.quit)
    QTimer.singleShot(600_000, loop.quit)
    window.open_library(library_path)
    loop.exec()
    app.processEvents()
    opened = time.perf_counter() - STARTED
    rows = len(window.library_panel.visible_keys())
    rss_mb = peak_rss_mb()

    search = window.library_panel.search
    keystrokes = []
    for _ in range(3):
        for end in range(1, len(word) + 1):
            began = time.perf_counter()
            search.setText(word[:end])
            app.processEvents()
            keystrokes.append((time.perf_counter() - began) * 1000)
        shown = len(window.library_panel.visible_keys())
        began = time.perf_counter()
        search.setText("")
        app.processEvents()
        keystrokes.append((time.perf_counter() - began) * 1000)
    window.tasks.wait()
    if window.library is not None:
        window.library.close()
    return {
        "seconds": opened,
        "rows": rows,
        "rss_mb": rss_mb,
        "filter_ms": statistics.median(keystrokes),
        "filter_max_ms": max(keystrokes),
        "matches": shown,
    }


def main() -> None:
    kind, library_path, *rest = sys.argv[1:]
    if kind == "open":
        result = probe_open(library_path)
    elif kind == "gui":
        result = probe_gui(library_path, rest[0] if rest else "naloxone")
    else:
        raise SystemExit(f"unknown probe {kind!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
