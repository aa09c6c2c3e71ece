"""qawl: who is named and who said what in Arabic (and English) news.

    >>> import qawl
    >>> text = 'قال الرئيس الروسي فلاديمير بوتين الجمعة: "نحن مستعدون".'
    >>> a = qawl.analyze(text)
    >>> all(text[q["start"]:q["end"]] == q["text"] for q in a["quotes"])
    True

Offsets are Python string indices (code points), ``end`` exclusive.
``analyze_many`` analyses an iterable of texts in parallel, in order;
``analyze_jsonl`` turns JSON Lines records into output records as
``qawl analyze --jsonl`` does, for Dask and Spark (see docs/archives.md).
"""

from ._native import MAX_INPUT_BYTES, Analyses, __version__, analyze, analyze_jsonl, analyze_many

__all__ = ["MAX_INPUT_BYTES", "Analyses", "__version__", "analyze", "analyze_jsonl", "analyze_many"]
