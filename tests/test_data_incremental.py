"""A data file is an input of exactly the cards that read it, by the values they read."""

import json
from pathlib import Path

from postimages.plan import Options
from postimages.watch import Watcher, watch_loop

from test_data import REPORT, drawn, post, run, write_report  # noqa: F401  (post is a fixture)


def edit_report(**changes) -> Path:
    return write_report(Path("."), {**REPORT, **changes})


def test_first_render_draws_every_card_and_again_nothing(post):
    assert drawn(run("render").output) == ["output/01-stats.png", "output/02-words.png", "output/03-plain.png"]
    assert drawn(run("render").output) == []


def test_a_changed_number_redraws_only_the_card_that_reads_it(post):
    run("render")
    before = {p.name: p.read_bytes() for p in Path("output").glob("*.png")}
    edit_report(win_rate=61.5)
    assert drawn(run("render").output) == ["output/01-stats.png"]
    after = {p.name: p.read_bytes() for p in Path("output").glob("*.png")}
    assert [name for name in before if before[name] != after[name]] == ["01-stats.png"]
    alt = Path("output/alt-text.md").read_text()
    assert "Win rate 61.5% against a target of > 60% (met)" in alt
    assert drawn(run("render").output) == []


def test_a_changed_word_redraws_only_the_card_that_reads_it(post):
    run("render")
    edit_report(verdict="an edge")
    assert drawn(run("render").output) == ["output/02-words.png"]


def test_a_change_to_a_key_no_card_reads_redraws_nothing(post):
    run("render")
    edit_report(other={"unread": 2}, more=list(range(1000)))
    output = run("render").output
    assert drawn(output) == []
    assert "0 of 3 cards rendered, 3 unchanged" in output
    # The new bytes are recorded: the next render decides without reading the report.
    entry = json.loads(Path("output/.postimages-cache.json").read_text())["01-stats.png"]
    assert entry["data"]["files"] == ["specs/../validation/report.json"]
    assert drawn(run("render").output) == []


def test_the_cache_holds_the_values_read_not_the_file(post):
    run("render")
    entry = json.loads(Path("output/.postimages-cache.json").read_text())
    assert entry["01-stats.png"]["data"]["values"].splitlines() == [
        "kicker\tbacktest.alerts\t42", "metrics[0].value\tbacktest.alerts\t42",
        "metrics[1].value\tbacktest.win_rate\t38.10", "metrics[2].value\tbacktest.avg_return\t-0.01"]
    assert "data" not in entry["03-plain.png"]


def test_a_report_that_breaks_fails_only_its_readers_and_keeps_their_pngs(post):
    run("render")
    png = Path("output/01-stats.png").read_bytes()
    write_report(Path("."), "{ not json")
    result = run("render")
    assert result.exit_code == 1
    assert drawn(result.output) == []
    assert sum("not valid JSON" in line for line in result.output.splitlines()) == 2
    assert Path("output/01-stats.png").read_bytes() == png


def test_watch_sees_the_data_file_and_redraws_its_readers(post):
    rendered: list[str] = []
    watcher = Watcher([], Options(), on_result=lambda r: rendered.append(r.output.name if r.ok else "failed"),
                      on_problem=print, on_note=print)

    def edits():
        yield {edit_report(win_rate=70.0).resolve()}
        yield {edit_report(win_rate=70.0, other={"unread": 5}).resolve()}

    watch_loop(watcher, edits())
    assert rendered == ["01-stats.png", "02-words.png", "03-plain.png", "01-stats.png"]
    assert (Path("validation").resolve()) in watcher.folders_to_watch()


def test_check_values_lists_every_placeholder_with_its_value(post):
    result = run("check", "--values")
    values = [line for line in result.output.splitlines() if " = " in line]
    assert values == [
        "specs/01-stats.yaml:2:9: kicker: {backtest.alerts} = 42  (validation/report.json:2:13)",
        "specs/01-stats.yaml:6:12: metrics[0].value: {backtest.alerts} = 42  (validation/report.json:2:13)",
        "specs/01-stats.yaml:9:12: metrics[1].value: {backtest.win_rate} = 38.10  (validation/report.json:3:15)",
        "specs/01-stats.yaml:13:12: metrics[2].value: {backtest.avg_return} = -0.01  (validation/report.json:4:17)",
        "specs/02-words.yaml:2:8: title: {backtest.verdict} = no edge  (validation/report.json:5:14)",
    ]
    assert result.exit_code == 0
    assert not any(" = " in line for line in run("check").output.splitlines())
