"""The Python package: offsets that slice Python strings, the same analysis
as the CLI, errors as exceptions, order, and parallel = serial."""

import json
import threading
import time

import pytest
import qawl
from conftest import run_jsonl, to_chars

ASTRAL = '😀 \U0001D400 قال الرئيس الروسي فلاديمير بوتين الجمعة: "نحن مستعدون 🙂". 𝐀'


def spans(a):
    """Every (start, end, text) of an analysis, speakers' mentions included."""
    for e in a["entities"]:
        yield e["start"], e["end"], e["text"]
    for q in a["quotes"]:
        yield q["start"], q["end"], q["text"]
        if q["cue"]:
            yield q["cue"]["start"], q["cue"]["end"], q["cue"]["text"]


def test_spans_slice_python_strings_astral_characters_included(dev_articles):
    texts = [t for _, t in dev_articles] + [ASTRAL, "🙂" * 50 + dev_articles[0][1]]
    count = 0
    for text in texts:
        a = qawl.analyze(text)
        for start, end, span in spans(a):
            assert text[start:end] == span
            count += 1
        for q in a["quotes"]:
            s = q["speaker"]
            if s is not None:
                assert 0 <= s["start"] <= s["end"] <= len(text)
    assert count > 100
    a = qawl.analyze(ASTRAL)
    assert [e["text"] for e in a["entities"]][:1] == ["فلاديمير بوتين"]
    assert a["entities"][0]["start"] == ASTRAL.index("فلاديمير")
    assert a["quotes"][0]["text"] == "نحن مستعدون 🙂"


def test_same_analysis_as_the_cli_on_the_seeds_and_dev_articles(qawl_bin, dev_articles):
    texts = [t for _, t in dev_articles] + [ASTRAL]
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(texts)]
    cli, code = run_jsonl(qawl_bin, lines)
    assert code == 0
    for text, record in zip(texts, cli):
        expected = to_chars(record, text)
        del expected["id"]
        assert qawl.analyze(text) == expected
    # Without quotes: the same entities, no quotes.
    a = qawl.analyze(texts[0], quotes=False)
    assert a["quotes"] == [] and a["entities"] == qawl.analyze(texts[0])["entities"]


def test_analyze_many_is_analyze_in_order_whatever_the_jobs(dev_articles):
    texts = [t for _, t in dev_articles] * 6 + [ASTRAL]
    # Long articles among short ones, so that later ones finish first.
    texts = [t * 15 if i % 9 == 0 else t for i, t in enumerate(texts)]
    serial = [qawl.analyze(t) for t in texts]
    assert list(qawl.analyze_many(texts, jobs=1)) == serial
    assert list(qawl.analyze_many(iter(texts), jobs=2)) == serial
    assert list(qawl.analyze_many(texts)) == serial
    assert list(qawl.analyze_many(texts, jobs=2, quotes=False)) == [qawl.analyze(t, quotes=False) for t in texts]
    assert list(qawl.analyze_many([])) == []


def test_analyze_many_pulls_its_input_lazily():
    pulled = 0

    def texts():
        nonlocal pulled
        for _ in range(10_000):
            pulled += 1
            yield 'قال بوتين: "نعم"'

    it = qawl.analyze_many(texts(), jobs=2)
    first = next(it)
    assert first["quotes"][0]["text"] == "نعم"
    assert pulled < 1_000, f"pulled {pulled} texts for the first result"
    assert sum(1 for _ in it) == 9_999


def test_errors_raise_with_qawls_message():
    with pytest.raises(ValueError, match="over qawl's limit"):
        qawl.analyze("x" * (qawl.MAX_INPUT_BYTES + 1))
    with pytest.raises(TypeError):
        qawl.analyze(b"bytes")
    # The items before a bad one come out, in order, then the error.
    big = "x" * (qawl.MAX_INPUT_BYTES + 1)
    it = qawl.analyze_many(["قال بوتين: \"نعم\"", "نعم", big, "بعد"], jobs=2)
    assert next(it)["quotes"][0]["text"] == "نعم"
    assert next(it)["quotes"] == []
    with pytest.raises(ValueError, match="over qawl's limit"):
        next(it)
    assert list(it) == [], "the iteration ends at the error"
    with pytest.raises(TypeError, match="iterable of str; got an item of type int"):
        list(qawl.analyze_many(["a", 5]))
    with pytest.raises(ValueError, match="jobs must be 1 or more"):
        qawl.analyze_many(["a"], jobs=0)

    def failing():
        yield "قال بوتين: \"نعم\""
        raise RuntimeError("the source broke")

    it = qawl.analyze_many(failing())
    assert next(it)["quotes"][0]["text"] == "نعم"
    with pytest.raises(RuntimeError, match="the source broke"):
        next(it)


def test_analyze_jsonl_is_the_clis_jsonl_in_python_offsets(qawl_bin, dev_articles):
    lines = [json.dumps({"id": f"a{i}", "text": t, "outlet": "x"}, ensure_ascii=False) for i, (_, t) in enumerate(dev_articles)]
    lines.insert(3, '{"id": "no-text"}')
    lines.insert(5, "not json")
    lines.insert(7, json.dumps({"id": "astral", "text": ASTRAL}))
    lines.insert(9, json.dumps({"id": "big", "text": "x" * (qawl.MAX_INPUT_BYTES + 1)}))
    cli, code = run_jsonl(qawl_bin, lines)
    assert code == 1
    texts = [json.loads(line).get("text", "") if line.startswith("{") else "" for line in lines]
    got = list(qawl.analyze_jsonl(lines + [""], jobs=2))  # the blank line is skipped
    assert len(got) == len(cli) == len(lines)
    for record, text, mine in zip(cli, texts, got):
        expected = to_chars(record, text)
        if "error" in expected:
            # The CLI names the line; the package has no lines to name.
            expected["error"] = expected["error"].split(": ", 1)[1]
        assert mine == expected
    assert [r["id"] for r in got][:4] == ["a0", "a1", "a2", "no-text"]
    assert list(got[0]) == ["id", "outlet", "entities", "clusters", "quotes"]
    assert "no \"text\" field" in got[3]["error"]
    assert got[5] == {"id": None, "error": got[5]["error"]} and "not valid JSON" in got[5]["error"]
    assert list(qawl.analyze_jsonl([b'{"id": 1, "text": "x"}', 7]))[1]["error"].startswith("an item of type int")


def test_the_gil_is_released_during_the_analysis(dev_articles):
    text = "\n".join(t for _, t in dev_articles) * 40  # a few hundred ms of work
    ticks = 0
    done = threading.Event()

    def work():
        qawl.analyze(text)
        done.set()

    started = time.monotonic()
    worker = threading.Thread(target=work)
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    worker.join()
    elapsed = time.monotonic() - started
    # With the GIL held, this thread could not have run until the end.
    assert elapsed < 0.05 or ticks >= 10, f"{ticks} ticks in {elapsed:.2f} s"
