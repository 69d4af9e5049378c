"""Autosaves are kept per game: starting game B keeps game A's autosaves, and Continue finds the most
recently played unfinished game, named by its scenario's title, role and quarter."""

from __future__ import annotations

import os
from pathlib import Path

from game.io.saves_folder import continue_candidates, describe_save
from game.play.previews import has_autosave, list_saves, scenario_titles
from game.play.session import Session, continue_last


def _play(session: Session, turns: int) -> None:
    for _ in range(turns):
        session.end_turn()


def test_starting_game_b_keeps_game_a_autosaves(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    game_a = Session.start("tutorial", ["KZ"], seed=1, saves_dir=saves)
    _play(game_a, 3)
    assert game_a.autosave_dir is not None
    a_files = sorted(p.name for p in game_a.autosave_dir.glob("autosave-*.json"))
    assert a_files == ["autosave-0001.json", "autosave-0002.json", "autosave-0003.json"]

    game_b = Session.start("tutorial", ["KZ"], seed=1, saves_dir=saves)  # same scenario, role and seed
    _play(game_b, 1)
    assert game_b.autosave_dir != game_a.autosave_dir
    # Game B's first autosave pruned nothing of game A (it used to delete A's 0002 and 0003).
    assert sorted(p.name for p in game_a.autosave_dir.glob("autosave-*.json")) == a_files
    assert len(list_saves(saves)) == 4  # the load list finds both games' autosaves

    # Continue resumes the game played last (B, after 1 turn); A's files are next in line.
    session, path, skipped = continue_last(saves)
    assert (path.parent, session.turn, skipped) == (game_b.autosave_dir, 1, [])
    assert [p.parent for p in continue_candidates(saves)][1:] == [game_a.autosave_dir] * 3
    # Loading A's autosave of turn 2 changes nothing until a turn is played from it: Continue still resumes
    # the position played last (B); once A is played on, A is the game played last.
    loaded = Session.load(game_a.autosave_dir / "autosave-0002.json", saves)
    assert loaded.autosave_dir == game_a.autosave_dir
    session, path, _ = continue_last(saves)
    assert (path.parent, session.turn) == (game_b.autosave_dir, 1)
    loaded.end_turn()
    session, path, _ = continue_last(saves)
    assert (path.parent, session.turn) == (game_a.autosave_dir, 3)
    # Playing on from it never touches another game's autosaves.
    assert game_b.autosave_dir is not None
    assert sorted(p.name for p in game_b.autosave_dir.glob("autosave-*.json")) == ["autosave-0001.json"]


def test_a_finished_game_is_not_continued_and_labels_say_which_game(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    unfinished = Session.start("middle_corridor", ["RU"], seed=3, saves_dir=saves)
    _play(unfinished, 3)
    finished = Session.start("tutorial", ["KZ"], seed=2, saves_dir=saves)
    _play(finished, finished.world.turns)
    assert finished.is_over() and finished.autosave_dir is not None
    newest = sorted(finished.autosave_dir.glob("autosave-*.json"))[-1]
    os.utime(newest, (newest.stat().st_mtime + 60,) * 2)  # saved last of all
    assert has_autosave(saves)

    first = continue_candidates(saves)[0]
    assert first.parent == unfinished.autosave_dir
    titles = scenario_titles()
    assert describe_save(first, titles) == "The Middle Corridor · Russia · 2024Q3 (turn 4 of 29)"
    assert describe_save(newest, titles) == f"Tutorial · Kazakhstan · finished after {finished.world.turns} turns"
    # A save that cannot be read is named by its file.
    broken = saves / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert describe_save(broken, titles) == "broken"
