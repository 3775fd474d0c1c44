"""A minimal Hugo site over the same answers, as a yardstick for publishing.

Each answer becomes content/<topic>/<id>-<locale>.md with YAML front matter holding only its
title, and its Markdown body unchanged. One layout renders `.Content` and writes it, with the
title, as JSON through Hugo's JSON output format: Markdown to HTML for every answer, which is
the part of publishing that Hugo does too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

CONFIG = """baseURL = "https://example.org/"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[outputs]
home = ["JSON"]
section = ["JSON"]
page = ["JSON"]
"""
SINGLE = '{{ dict "title" .Title "html" .Content | jsonify }}\n'
LIST = "{{ len .Pages | jsonify }}\n"


def hugo_version() -> str | None:
    if shutil.which("hugo") is None:
        return None
    out = subprocess.run(["hugo", "version"], capture_output=True, text=True, check=False)
    return out.stdout.strip() or None


def make_site(library: Path, site: Path) -> int:
    """Write the site for the answers in `library`; returns how many pages it has."""
    import yaml

    from authoring_app.library.answer import split_front_matter

    if site.exists():
        shutil.rmtree(site)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "config.toml").write_text(CONFIG, "utf-8")
    (site / "layouts" / "_default" / "single.json").write_text(SINGLE, "utf-8")
    (site / "layouts" / "_default" / "list.json").write_text(LIST, "utf-8")
    pages = 0
    for path in sorted((library / "answers").glob("*/*.md")):
        text = path.read_text("utf-8")
        front, body, _ = split_front_matter(text, str(path))
        title = (yaml.safe_load(front) or {}).get("title", path.stem)
        answer_id, locale = path.name[: -len(".md")].rsplit(".", 1)
        target = site / "content" / path.parent.name / f"{answer_id}-{locale}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n{body}")
        pages += 1
    return pages


def build(site: Path) -> float:
    """One full Hugo build of `site` into a fresh folder; returns its seconds."""
    out = site / "public"
    if out.exists():
        shutil.rmtree(out)
    started = time.perf_counter()
    subprocess.run(
        ["hugo", "--quiet", "--source", str(site), "--destination", str(out)],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started
