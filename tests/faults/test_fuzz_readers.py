"""Every reader, fed broken and hostile files: the outcome is a report, a partial import with a log,
or our clear error — never an uncaught exception, never a hang."""
from __future__ import annotations

import io
import random
import signal
import zipfile
from pathlib import Path

import pytest

from gik_editor import storage
from gik_editor.importers import ImportResult, read_any
from gik_editor.storage import GikFileError

ROOT = Path(__file__).resolve().parents[2]
SECONDS_PER_INPUT = 10


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def outcome(path: Path) -> str:
    """'ok', 'refused' — or the test fails with what went wrong."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_INPUT)
    try:
        if path.suffix == ".gik":
            storage.load(path)
        else:
            result = read_any(path)
            assert isinstance(result, ImportResult)
        return "ok"
    except GikFileError as e:
        assert str(e).strip()
        return "refused"
    except Hang:
        pytest.fail(f"{path.name}: no answer within {SECONDS_PER_INPUT} s")
    finally:
        signal.alarm(0)


def seeds(tmp: Path) -> dict[str, bytes]:
    """One real file of every kind we read: the sample and its exports."""
    sample = storage.load(ROOT / "examples" / "honghe-2020.gik")
    out = {".gik": (ROOT / "examples" / "honghe-2020.gik").read_bytes(),
           ".txt": (ROOT / "tests" / "data" / "honghe-2020.txt").read_bytes()}
    from gik_editor.exporters import docx, html, xlsx
    for suffix, module in ((".xlsx", xlsx), (".docx", docx), (".html", html)):
        module.export(sample, tmp / f"seed{suffix}")
        out[suffix] = (tmp / f"seed{suffix}").read_bytes()
    return out


def mutations(data: bytes, rng: random.Random, n: int):
    """Truncations, bit flips, chunk deletions, duplications and junk insertions of a real file."""
    for i in range(n):
        kind = i % 5
        b = bytearray(data)
        if kind == 0:
            yield bytes(b[: rng.randrange(len(b) + 1)])
        elif kind == 1:
            for _ in range(rng.randint(1, 20)):
                pos = rng.randrange(len(b))
                b[pos] ^= 1 << rng.randrange(8)
            yield bytes(b)
        elif kind == 2:
            start = rng.randrange(len(b))
            del b[start: start + rng.randint(1, 2000)]
            yield bytes(b)
        elif kind == 3:
            start = rng.randrange(len(b))
            yield bytes(b[:start] + b[start: start + 500] * rng.randint(2, 50) + b[start:])
        else:
            pos = rng.randrange(len(b) + 1)
            yield bytes(b[:pos]) + rng.randbytes(rng.randint(1, 300)) + bytes(b[pos:])


def zip_mutations(data: bytes, rng: random.Random, n: int):
    """For .xlsx/.docx: the zip stays valid, the XML inside is damaged."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = [i.filename for i in src.infolist() if i.filename.endswith(".xml")]
    for i in range(n):
        target = rng.choice(names)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == target:
                    text = body.decode("utf-8", "replace")
                    choice = i % 4
                    if choice == 0:
                        text = text[: rng.randrange(len(text) + 1)]
                    elif choice == 1:
                        text = text.replace(">1<", ">99999999999999999999999999<").replace(">5<", ">-5<")
                    elif choice == 2:
                        text = text.replace("<", "<<", rng.randint(1, 5))
                    else:
                        text = "<a>" * 5000 + text + "</a>" * 5000
                    body = text.encode("utf-8")
                z.writestr(info.filename, body)
        yield out.getvalue()


def zip_bomb() -> bytes:
    """A tiny zip that claims a huge member (200 MB of zeros compressed to ~200 KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                f.write(chunk)
    return out.getvalue()


HOSTILE = {
    ".txt": [b"", b"\x00" * 1000, "二、主动公开政府信息情况\n\t第二十条第（一）项\n".encode("gbk"),
             b"\xff\xfe" + "三、收到和处理政府信息公开申请情况".encode("utf-16-le"), b"\t" * 100_000],
    ".html": [b"<table>" * 20_000, b"<td rowspan=99999999 colspan=99999999>1</td>",
              "<meta charset=gbk><table><tr><td>第二十条第（一）项".encode("gbk"), b"<!--" + b"x" * 100_000],
    ".gik": [b'{"app": "gik_editor", "schema_version": 1, "format_id": "2021", "values": ' + b"[" * 10_000],
}


@pytest.mark.slow
def test_fuzz_every_reader(tmp_path):
    rng = random.Random(1125)
    counts: dict[str, dict[str, int]] = {}
    for suffix, data in seeds(tmp_path).items():
        inputs = list(mutations(data, rng, 200))
        if suffix in (".xlsx", ".docx"):
            inputs += list(zip_mutations(data, rng, 40))
        inputs += HOSTILE.get(suffix, [])
        if suffix == ".docx":
            inputs.append(zip_bomb())
        tally = counts.setdefault(suffix, {"ok": 0, "refused": 0})
        for i, body in enumerate(inputs):
            path = tmp_path / f"in{i}{suffix}"
            path.write_bytes(body)
            tally[outcome(path)] += 1
            path.unlink()
    for suffix, tally in counts.items():
        print(f"\nfuzz {suffix}: {sum(tally.values())} inputs, 0 crashes "
              f"({tally['ok']} read, {tally['refused']} refused with a message)")
    assert set(counts) == {".gik", ".txt", ".xlsx", ".docx", ".html"}


# Pieces of real reports shuffled together: headings, labels, numbers, placeholders and noise.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gik_editor.formats import FORMATS, SECTION_TITLES  # noqa: E402

LABELS = sorted({g.text for f in FORMATS.values() for t in f.tables for g in t.grid if g.text}
                | set(SECTION_TITLES.values()))
TOKENS = st.one_of(st.sampled_from(LABELS), st.integers(-10**12, 10**12).map(str),
                   st.sampled_from(["\u00a0", "/", "-", "—", "", "（一）主动公开情况。", "洪合镇2020年度政府信息公开工作年度报告"]),
                   st.text(max_size=30))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TOKENS, max_size=120), st.sampled_from([".txt", ".html"]), st.sampled_from(["\n", "\n\t", "</td><td>"]))
def test_fuzz_shuffled_report_pieces(tmp_path, pieces, suffix, sep):
    path = tmp_path / f"shuffled{suffix}"
    path.write_text(sep.join(pieces), encoding="utf-8", errors="surrogatepass")
    outcome(path)
