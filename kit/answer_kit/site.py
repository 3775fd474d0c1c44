"""A static web site from a verified release (never from drafts).

One page per answer and locale, an index per locale listing topics, and one per topic and
locale; every answer shows its governance (reviewed by, last reviewed, next review, sources).
Pages are self-contained (inline CSS, no scripts); every value is escaped, and bodies are the
sanitised HTML rendered at publish time (and checked again when the release is verified).
Every file name is a safe slug of an id, never text from the bundle as it stands, and nothing
is written, or removed, outside the target folder or through a symbolic link in it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from html import escape
from pathlib import Path

from answer_kit.safe_files import UnsafePath, write_inside
from answer_kit.verify import VerifiedBundle

MARKER = ".authoring-app-export"
CSS = """
body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1b1b1b}
nav{font-size:.9rem;margin-bottom:1rem}.summary{font-size:1.1rem;background:#f3f6f9;
padding:.75rem 1rem;border-radius:.4rem}.red-flags{border-left:4px solid #b00020;
padding-left:1rem}.governance{font-size:.9rem;color:#444;border-top:1px solid #ccc;
margin-top:2rem}.sample{background:#fff3cd;padding:.5rem 1rem}.consultation{font-weight:600}
"""
WORDS = {
    "en": {
        "topics": "Topics",
        "red_flags": "Get help in person or call emergency services if",
        "services": "Where to get help",
        "written_by": "Written by",
        "reviewed_by": "Reviewed by",
        "published_by": "Published by",
        "interests": "Conflicts of interest and funding",
        "report_an_error": "Found an error?",
        "last_reviewed": "Last reviewed",
        "next_review": "Next review",
        "sources": "Sources",
        "version": "Release",
        "sample": "Sample content for demonstration: not for real use.",
        "home": "All languages",
    },
    "ru": {
        "topics": "Темы",
        "red_flags": "Обратитесь за помощью очно или вызовите скорую, если",
        "services": "Куда обратиться",
        "written_by": "Автор",
        "reviewed_by": "Проверено",
        "published_by": "Опубликовано",
        "interests": "Конфликт интересов и финансирование",
        "report_an_error": "Нашли ошибку?",
        "last_reviewed": "Последняя проверка",
        "next_review": "Следующая проверка",
        "sources": "Источники",
        "version": "Выпуск",
        "sample": "Пример для демонстрации, не для реального использования.",
        "home": "Все языки",
    },
}


class SiteError(Exception):
    """The site cannot be written where asked; the message says why."""


def slug(text: object) -> str:
    """A file name made of lower-case letters, digits and hyphens for an id: the id itself
    when it is one already (as a bundle's ids are), else a readable part and a digest."""
    raw = str(text)
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", raw) and len(raw) <= 64:
        return raw
    readable = "-".join(re.findall(r"[a-z0-9]+", raw.lower()))[:40]
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{readable}-{digest}" if readable else f"x-{digest}"


def _words(locale: str) -> dict[str, str]:
    return WORDS.get(locale, WORDS["en"])


def _page(title: str, locale: str, body: str, *, sample: bool, depth: int) -> str:
    home = "../" * depth + "index.html"
    warning = f'<p class="sample">{escape(_words(locale)["sample"])}</p>' if sample else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(locale)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src https: data:\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<nav><a href="{home}">{escape(_words(locale)["home"])}</a></nav>\n'
        f"{warning}{body}\n</body>\n</html>\n"
    )


def _link(url: str | None, text: str) -> str:
    if url and url.lower().startswith(("https://", "http://")):
        return f'<a href="{escape(url)}" rel="noopener nofollow">{escape(text)}</a>'
    return escape(text)


def statements(bundle: dict, locale: str) -> dict[str, str]:
    """The governed library's statements (interests, report_an_error, consultation) in
    `locale`, from the signed library.yaml the release carries in `trust`."""
    trust = bundle.get("trust")
    library = trust.get("library") if isinstance(trust, dict) else None
    data = library.get("data") if isinstance(library, dict) else None
    found = data.get("statements") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {
        name: text[locale]
        for name, text in found.items()
        if isinstance(name, str) and isinstance(text, dict) and isinstance(text.get(locale), str)
    }


def _answer_page(answer: dict, bundle: dict) -> str:
    words = _words(answer["locale"])
    said = statements(bundle, answer["locale"])
    gov = answer["governance"]
    parts = [f"<h1>{escape(answer['title'])}</h1>"]
    parts.append(f'<div class="summary">{answer["summary"]["html"]}</div>')
    if answer["red_flags"]:
        items = "".join(f"<li>{escape(flag)}</li>" for flag in answer["red_flags"])
        parts.append(
            f'<section class="red-flags"><h2>{escape(words["red_flags"])}</h2><ul>{items}</ul>'
            "</section>"
        )
    parts.append(f"<article>{answer['body']['html']}</article>")
    if answer["services"]:
        items = "".join(
            f"<li>{escape(s['name'])}: {escape(s['contact'])}"
            + (f" ({escape(s['hours'])})" if s.get("hours") else "")
            + "</li>"
            for s in answer["services"]
        )
        parts.append(f"<h2>{escape(words['services'])}</h2><ul>{items}</ul>")
    reviewers = "; ".join(
        f"{r['name']}, {r['credentials']} ({r['time'][:10]})" for r in gov["signed_off_by"]
    )
    sources = "".join(f"<li>{_link(s.get('url'), s['title'])}</li>" for s in answer["sources"])
    if said.get("consultation"):
        parts.append(f'<p class="consultation">{escape(said["consultation"])}</p>')
    written = gov.get("author") or gov.get("last_editor") or ""
    parts.append(
        '<footer class="governance"><dl>'
        f"<dt>{escape(words['written_by'])}</dt><dd>{escape(written)}</dd>"
        f"<dt>{escape(words['reviewed_by'])}</dt><dd>{escape(reviewers)}</dd>"
        f"<dt>{escape(words['last_reviewed'])}</dt><dd>{escape(gov['last_reviewed'] or '')}</dd>"
        f"<dt>{escape(words['next_review'])}</dt><dd>{escape(gov['next_review'])}</dd>"
        f"<dt>{escape(words['published_by'])}</dt><dd>{escape(bundle['library']['organisation'])}"
        f"</dd><dt>{escape(words['version'])}</dt><dd>{escape(bundle['version'])}</dd></dl>"
        f"<h2>{escape(words['sources'])}</h2><ul>{sources}</ul>"
        + "".join(
            f"<h2>{escape(words[name])}</h2><p>{escape(said[name])}</p>"
            for name in ("interests", "report_an_error")
            if said.get(name)
        )
        + "</footer>"
    )
    return _page(
        answer["title"],
        answer["locale"],
        "\n".join(parts),
        sample=bundle["library"]["sample"],
        depth=2,
    )


def site_pages(bundle: dict) -> dict[str, str]:
    """Relative path -> HTML of every page of the site."""
    pages: dict[str, str] = {}
    sample = bundle["library"]["sample"]
    topics = {t["id"]: t["title"] for t in bundle["topics"]}
    by_locale: dict[str, dict[str, list[dict]]] = {}
    for answer in bundle["answers"]:
        topic_id = answer["topic"]["id"]
        by_locale.setdefault(answer["locale"], {}).setdefault(topic_id, []).append(answer)
        where = f"{slug(answer['locale'])}/{slug(topic_id)}/{slug(answer['id'])}.html"
        if where in pages:
            raise SiteError(f"two answers would be written to the same page {where}")
        pages[where] = _answer_page(answer, bundle)
    for locale, by_topic in sorted(by_locale.items()):
        items = []
        for topic_id, answers in sorted(by_topic.items()):
            title = topics.get(topic_id, {}).get(locale) or answers[0]["topic"]["title"]
            links = "".join(
                f'<li><a href="{slug(a["id"])}.html">{escape(a["title"])}</a></li>'
                for a in sorted(answers, key=lambda a: a["title"])
            )
            pages[f"{slug(locale)}/{slug(topic_id)}/index.html"] = _page(
                title,
                locale,
                f"<h1>{escape(title)}</h1><ul>{links}</ul>",
                sample=sample,
                depth=2,
            )
            items.append(f'<li><a href="{slug(topic_id)}/index.html">{escape(title)}</a></li>')
        pages[f"{slug(locale)}/index.html"] = _page(
            _words(locale)["topics"],
            locale,
            f"<h1>{escape(bundle['library']['name'])}</h1>"
            f"<h2>{escape(_words(locale)['topics'])}</h2><ul>{''.join(items)}</ul>",
            sample=sample,
            depth=1,
        )
    languages = "".join(
        f'<li><a href="{slug(locale)}/index.html">{escape(locale)}</a></li>'
        for locale in sorted(by_locale)
    )
    pages["index.html"] = _page(
        bundle["library"]["name"],
        bundle["library"]["default_locale"],
        f"<h1>{escape(bundle['library']['name'])}</h1><ul>{languages}</ul>"
        f"<p>{escape(bundle['library']['organisation'])} · {escape(bundle['version'])}</p>",
        sample=sample,
        depth=0,
    )
    return pages


def write_site(release: VerifiedBundle | dict, to: Path | str) -> list[str]:
    """Write the site of a verified release into `to`; the pages written. Given the
    VerifiedBundle, answers a notice withdrew are left out."""
    if isinstance(release, VerifiedBundle):
        bundle = {**release.data, "answers": release.answers}
    else:
        bundle = release
    to = Path(to).expanduser()
    if to.is_symlink():
        to = to.resolve()  # the folder given may be a link; nothing inside it may
    if to.exists() and any(to.iterdir()) and not (to / MARKER).exists():
        raise SiteError(f"{to} is not empty and is not an earlier export; choose another folder")
    pages = site_pages(bundle)
    for rel, text in sorted(pages.items()):
        _write_text(to, rel, text)
    _write_text(to, MARKER, f"release {bundle['version']}\n")
    _remove_stale(to, pages.keys())
    return sorted(pages)


def _remove_stale(to: Path, keep: Iterable[str]) -> None:
    """Pages of answers no longer in the release are removed (links are never followed)."""
    keep = set(keep)
    for folder, folders, files in os.walk(to, followlinks=False):
        base = Path(folder)
        folders[:] = [name for name in folders if not (base / name).is_symlink()]
        for name in files:
            path = base / name
            if name.endswith(".html") and path.relative_to(to).as_posix() not in keep:
                os.unlink(path)


def _write_text(to: Path, rel: str, text: str) -> None:
    """Replace `to/rel` in one step: a reader never sees half a page."""
    try:
        write_inside(to, rel, text.encode("utf-8"))
    except UnsafePath as exc:
        raise SiteError(str(exc)) from None
