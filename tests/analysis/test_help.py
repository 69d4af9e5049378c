"""The new commands' help: plain text, with examples that name every option they teach."""

from __future__ import annotations

import pytest

from game.cli.main import main


@pytest.mark.parametrize(("command", "taught"), [
    ("sweep", ("--lever", "--sample lhs", "--points", "--format parquet")),
    ("sensitivity", ("--levers", "--method sobol", "--method morris", "--samples")),
    ("batch", ("--ai hard", "--format parquet")),
])
def test_help_is_plain_text_with_examples(command: str, taught: tuple[str, ...],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main([command, "--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    assert "``" not in shown and f"multivector {command}" in shown
    examples = shown.split("examples:", 1)[1]
    for option in taught:
        assert option in examples, option
