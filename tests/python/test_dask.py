"""The Dask path of docs/archives.md: dask.bag over JSON Lines files on a
distributed LocalCluster of two worker processes gives, record for record,
what `qawl analyze --jsonl` gives on 2,000 news articles."""

import json

import pytest
from conftest import news_lines, run_jsonl, to_chars

ARTICLES = 2_000
FILES = 4

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")


def test_dask_bag_on_a_local_cluster_matches_the_cli(qawl_bin, tmp_path):
    import qawl

    lines = news_lines(ARTICLES)
    per_file = ARTICLES // FILES
    paths = []
    for k in range(FILES):
        p = tmp_path / f"news-{k}.jsonl"
        p.write_text("".join(line + "\n" for line in lines[k * per_file : (k + 1) * per_file]), encoding="utf-8")
        paths.append(str(p))

    cli, code = run_jsonl(qawl_bin, lines)
    assert code == 0

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster):
            # As in docs/archives.md: one call per partition, a list back
            # (an iterator cannot travel between processes).
            bag = dask_bag.read_text(paths).map_partitions(lambda part: list(qawl.analyze_jsonl(part)))
            got = bag.compute()

    assert len(got) == len(cli) == ARTICLES
    texts = [json.loads(line)["text"] for line in lines]
    for text, record, mine in zip(texts, cli, got):
        assert mine == to_chars(record, text), f"record {record['id']}"
    assert sum(len(r["quotes"]) for r in got) > ARTICLES, "news quotes people"
