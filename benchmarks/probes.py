"""Measurements that need a fresh Python process: opening a library, the main window, and
Try a question.

    python benchmarks/probes.py open LIBRARY
    python benchmarks/probes.py gui LIBRARY WORD
    python benchmarks/probes.py try LIBRARY MESSAGES.yaml

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


def probe_try(library_path: str, messages_file: str) -> dict:
    """The main window with Try a question: how long after the library shows the bot's index
    of it is ready (built off the GUI thread, a moment after opening), and after the panel
    shows the latest release's (read only then), with the longest the GUI thread waited
    meanwhile (a 5 ms timer's worst lateness); then the GUI thread's time to show what the bot
    would send for each message, and to run the open answer's checks (its questions against
    the index included); and the process's peak memory."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import yaml
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from authoring_app.gui.app import application
    from authoring_app.gui.main_window import MainWindow
    from authoring_app.gui.settings import Settings
    from authoring_app.gui.try_panel import show_try_panel

    app = application()
    window = MainWindow(Settings())
    window.resize(1366, 768)
    window.show()
    bot = window.bot_index
    ticks, clock = [], QElapsedTimer()
    ticker = QTimer(interval=5)
    ticker.timeout.connect(lambda: ticks.append(clock.restart()))

    def until(start, done) -> float:
        """Seconds from `start()` until `done()`, the ticker running."""
        loop = QEventLoop()
        bot.changed.connect(lambda: done() and loop.quit())
        QTimer.singleShot(600_000, loop.quit)
        began = time.perf_counter()
        clock.start()
        ticker.start()
        start()
        if not done():
            loop.exec()
        ticker.stop()
        return time.perf_counter() - began

    opening = QEventLoop()
    window.library_loaded.connect(lambda _library: opening.quit())
    window.open_library(library_path)
    opening.exec()  # the index build starts a moment after, on its own thread
    index_s = until(lambda: None, lambda: bot.matcher is not None)
    opened_wait = max((t - 5 for t in ticks), default=0)
    ticks.clear()
    key = window.library_panel.model.keys()[0]
    window.open_answer(key)
    release_s = until(
        lambda: show_try_panel(window),
        lambda: (bot.release is not None or bot.no_release) and not bot.runner.busy,
    )
    release_wait = max((t - 5 for t in ticks), default=0)
    for _ in range(3):  # the window's own work on opening an answer and showing the panel
        window.tasks.wait()
        app.processEvents()
    texts = [m["text"] for m in yaml.safe_load(Path(messages_file).read_text("utf-8"))]
    tried = []
    for text in texts:
        window.try_panel.message.setText(text)
        began = time.perf_counter()
        window.try_panel.try_message()
        app.processEvents()
        tried.append((time.perf_counter() - began) * 1000)
    checks = []
    for _ in range(20):
        began = time.perf_counter()
        window.run_checks()
        checks.append((time.perf_counter() - began) * 1000)
    window.tasks.wait()
    bot.wait()
    rss_mb = peak_rss_mb()
    if window.library is not None:
        window.library.close()
    tried.sort()
    return {
        "index_ready_s": index_s,
        "index_worst_wait_ms": opened_wait,
        "release_ready_s": release_s,
        "release_worst_wait_ms": release_wait,
        "release_answers": len(bot.release.matcher.entries) if bot.release else 0,
        "try_ms": statistics.median(tried),
        "try_p95_ms": tried[int(0.95 * len(tried))],
        "try_max_ms": tried[-1],
        "checks_ms": statistics.median(checks),
        "questions_checked": len(window.editor.answer().questions),
        "rss_mb": rss_mb,
    }


def main() -> None:
    kind, library_path, *rest = sys.argv[1:]
    if kind == "open":
        result = probe_open(library_path)
    elif kind == "gui":
        result = probe_gui(library_path, rest[0] if rest else "naloxone")
    elif kind == "try":
        result = probe_try(library_path, rest[0])
    else:
        raise SystemExit(f"unknown probe {kind!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
