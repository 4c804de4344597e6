"""The command line: bad input is rejected with a reason and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli import app

runner = CliRunner()
ARTICLE = (
    "Kenya and Ethiopia talks\n\n"
    "Kenyan President William Ruto spoke by phone with Ethiopian Prime Minister Abiy Ahmed "
    "on Monday about the border, according to a statement from his office.\n"
)


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 50)
    (folder / "latin1.txt").write_bytes(
        "Caf\xe9 society met on Tuesday in Nairobi.".encode("latin-1") * 3
    )
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 200)
    links = "".join(f"<a href='/s{i}'>Section number {i}</a> " for i in range(30))
    (folder / "nav.html").write_text(
        f"<html><head><title>Menu</title></head><body><nav>{links}</nav>"
        "<footer>Copyright 2024 Example Media Group. All rights reserved.</footer></body></html>"
    )
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "good.meta.json").write_text(json.dumps({"published": "2024-03-14"}))
    return folder


def test_bad_input_is_rejected_with_reasons(bad_inputs: Path) -> None:
    result = runner.invoke(app, ["code", str(bad_inputs)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(events) == 1
    assert events[0]["doc_id"] == "good"
    assert events[0]["date"] == "2024-03-11"
    summary = result.stderr
    for reason in ("empty", "binary", "no article text"):
        assert f"set aside ({reason})" in summary
    assert "read 6 documents: coded 2" in summary
    assert "repaired (not UTF-8): 1" in summary


def test_missing_path_is_a_rejection(tmp_path: Path) -> None:
    result = runner.invoke(app, ["code", str(tmp_path / "nowhere.txt")])
    assert result.exit_code == 0
    assert "set aside (not found): 1" in result.stderr


def test_stdin_and_table(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["code", "-", "--format", "table", "--published", "2024-03-14"], input=ARTICLE
    )
    assert result.exit_code == 0, result.output
    assert "William Ruto" in result.stdout and "Abiy Ahmed" in result.stdout
    assert "2024-03-11" in result.stdout


def test_bad_option_values_are_clear_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["code", "-", "--published", "yesterday"], input=ARTICLE)
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_documents_file(tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    text = ARTICLE + "\nYou have read 2 articles this month.\n"
    result = runner.invoke(
        app, ["code", "-", "--published", "2024-03-14", "--documents", str(out), "-q"], input=text
    )
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["published"] == "2024-03-14"
    assert [r["reason"] for r in record["removed_boilerplate"]] == ["paywall nag"]
    assert len(record["events"]) == 1


def test_eval_prints_scores_and_gates(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "g1",
                "text": "Olaf Scholz spoke by phone with Emmanuel Macron on Friday.",
                "published": "2024-03-14",
                "events": [
                    {
                        "type": "CONSULT",
                        "mode": "phone",
                        "source": [{"country": "DEU", "sector": "GOV", "name": "Scholz"}],
                        "target": [{"country": "FRA", "sector": "GOV", "name": "Macron"}],
                        "date": "2024-03-08",
                        "status": "happened",
                    }
                ],
            }
        )
        + "\n"
    )
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.stdout and "1.000" in result.stdout
    report = json.loads(runner.invoke(app, ["eval", str(gold), "--json"]).stdout)
    assert report["event_f1"] == 1.0
    assert report["date_accuracy"] == 1.0 and report["mode_accuracy"] == 1.0
    minimums = tmp_path / "min.json"
    minimums.write_text(json.dumps({"event_f1": 1.0}))
    assert runner.invoke(app, ["eval", str(gold), "--min", str(minimums)]).exit_code == 0
    minimums.write_text(json.dumps({"event_f1": 1.0, "doc_hit_rate": 0.5}))
    failing = runner.invoke(app, ["eval", str(gold), "--min", str(minimums)])
    assert failing.exit_code == 1
    assert "doc_hit_rate" in failing.stderr


def test_installed_entry_point_reports_config_errors(tmp_path: Path) -> None:
    """Through the real console script: a bad model name is one line, exit 2."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tacitus.cli import main; main()",
            "code",
            "-",
            "--model",
            "no_such_model",
        ],
        input=ARTICLE,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "no_such_model" in result.stderr
    assert "Traceback" not in result.stderr
