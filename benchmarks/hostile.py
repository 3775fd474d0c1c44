"""How long the consumer kit takes, and how much memory it needs, to refuse hostile files of
50 MB (and, for comparison, to accept a genuine release of that size).

    python benchmarks/hostile.py [--mb 50] [--runs 3] [--out FILE]

Each case runs in a fresh process (so peak memory is that case's alone) and is measured
`--runs` times; one JSON object is printed with the medians, the targets (under 1 s and
under 200 MB for a hostile file) and whether each is met, and the machine's load average
while it ran. Cases:

- unsigned: a well-formed bundle of that size, its signature claiming the pinned key but
  made over other bytes (the worst case: the whole file is hashed before the refusal);
- nested: that many bytes of "[" (never parsed: refused for its signature);
- oversized: a file of 300 MB on disk, past the default limit (refused for its size);
- pulled: the unsigned bundle fetched by `pull` from a folder, as a bot would;
- genuine: a genuine signed bundle of that size, verified completely (signature, parse,
  schema, rendered-text checks, manifest), for comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "kit"), str(ROOT)]

TARGET_SECONDS = 1.0
TARGET_MB = 200.0
HOSTILE = ("unsigned", "nested", "oversized", "pulled")
NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def _answer(number: int) -> dict:
    """One answer of about 10 KB, valid against the bundle's schema (the tests' own)."""
    from tests.kit.helpers import answer

    paragraph = "Stay with the person and keep them on their side. " * 30
    return answer(
        f"answer-{number}",
        title=f"Answer {number}",
        questions=[f"question {number}", "my friend won't wake up"],
        content_hash="sha256:" + hashlib.sha256(str(number).encode()).hexdigest(),
        body={
            "html": f"<p>{paragraph}</p>" * 3,
            "telegram": [f"<b>Answer {number}</b>\n\n{paragraph}"] * 3,
            "text": paragraph * 3,
        },
    )


def bundle_of(megabytes: int) -> tuple[dict, bytes]:
    from tests.kit.helpers import bundle, canonical

    answers, size, number = [], 0, 0
    while size < megabytes << 20:
        answers.append(_answer(number))
        size += len(json.dumps(answers[-1]))
        number += 1
    data = bundle("1.1.0", previous="1.0.0", answers=answers)
    data["expires"] = "2027-01-01T00:00:00Z"
    return data, canonical(data)


def prepare(folder: Path, megabytes: int) -> None:
    """Write every case's files into `folder`, with the pinned key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from answer_kit import minisign

    key = Ed25519PrivateKey.generate()
    public = minisign.PublicKey.from_ed25519(key.public_key())
    (folder / "publisher.pub").write_text(public.to_file_text())
    data, raw = bundle_of(megabytes)
    sha = hashlib.sha256(raw).hexdigest()
    comment = f"authoring-app bundle version=1.1.0 expires={data['expires']} sha256={sha}"
    (folder / "genuine.json").write_bytes(raw)
    (folder / "genuine.json.minisig").write_text(minisign.sign(raw, key, trusted_comment=comment))
    # Hostile: a real signature by the pinned key, over other bytes.
    forged = minisign.sign(b"other bytes", key, trusted_comment=comment)
    (folder / "unsigned.json").write_bytes(raw)
    (folder / "unsigned.json.minisig").write_text(forged)
    (folder / "nested.json").write_bytes(b"[" * len(raw))
    (folder / "nested.json.minisig").write_text(forged)
    with open(folder / "oversized.json", "wb") as handle:
        handle.truncate(300 << 20)  # sparse: 300 MB to the kit, nothing on disk
    (folder / "oversized.json.minisig").write_text(forged)
    channel = folder / "channel"
    (channel / "releases" / "1.1.0").mkdir(parents=True)
    os.link(folder / "unsigned.json", channel / "releases" / "1.1.0" / "bundle.json")
    (channel / "releases" / "1.1.0" / "bundle.json.minisig").write_text(forged)
    (channel / "releases" / "1.1.0" / "manifest.json").write_text("{}")
    notice = json.dumps(
        {
            "format": 1,
            "library": "Benchmark",
            "release": {"version": "1.1.0", "sha256": sha, "size": len(raw)},
            "issued": "2026-02-28T12:00:00Z",
            "expires": "2026-03-07T12:00:00Z",
            "withdrawn": [],
            "revoked_keys": [],
            "signer": {"id": "pat", "name": "Pat", "key_id": public.key_id_hex},
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    notice_comment = (
        f"authoring-app notice version=1.1.0 sha256={sha} issued=2026-02-28T12:00:00Z "
        "expires=2026-03-07T12:00:00Z"
    )
    (channel / "notice.json").write_bytes(notice)
    (channel / "notice.json.minisig").write_text(
        minisign.sign(notice, key, trusted_comment=notice_comment)
    )


def _memory_mb(name: str) -> float:
    """VmHWM (peak) or VmRSS of this process, from /proc: unlike getrusage's maxrss, the
    peak starts afresh in a new program, not at the size of the process that started it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(folder: Path, case: str) -> dict:
    """In this process: one case, timed from the call to the refusal or acceptance."""
    import answer_kit

    key = answer_kit.load_public_key(folder / "publisher.pub")
    before = _memory_mb("VmRSS")
    start = time.perf_counter()
    try:
        if case == "pulled":
            answer_kit.pull(folder / "channel", folder / f"bot-{os.getpid()}", key, now=NOW)
        else:
            answer_kit.verify_file(folder / f"{case}.json", key, now=NOW)
        outcome = "accepted"
    except answer_kit.KitError as exc:
        outcome = f"refused: {str(exc)[:100]}"
    seconds = time.perf_counter() - start
    peak = _memory_mb("VmHWM")
    return {"seconds": seconds, "peak_rss_mb": peak, "rss_before_mb": before, "outcome": outcome}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.dir, args.case)))
        return
    load_before = os.getloadavg()
    figures: dict = {"mb": args.mb, "runs": args.runs, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepare(folder, args.mb)
        figures["bundle_bytes"] = (folder / "genuine.json").stat().st_size
        for case in (*HOSTILE, "genuine"):
            found = [
                json.loads(
                    subprocess.run(
                        [sys.executable, __file__, "--case", case, "--dir", str(folder)],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                )
                for _ in range(args.runs)
            ]
            figures[case] = {
                "seconds": round(statistics.median(f["seconds"] for f in found), 3),
                "peak_rss_mb": round(statistics.median(f["peak_rss_mb"] for f in found), 1),
                "rss_before_mb": round(statistics.median(f["rss_before_mb"] for f in found), 1),
                "outcome": found[0]["outcome"],
            }
            if case in HOSTILE:
                figures[case]["met"] = (
                    figures[case]["seconds"] < TARGET_SECONDS
                    and figures[case]["peak_rss_mb"] < TARGET_MB
                    and figures[case]["outcome"].startswith("refused")
                )
    figures["targets"] = {"hostile_seconds": TARGET_SECONDS, "hostile_peak_rss_mb": TARGET_MB}
    figures["load_average"] = {"before": load_before, "after": os.getloadavg()}
    text = json.dumps(figures, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
