"""Playing on from an earlier autosave (or after an undo) keeps the line of play left behind: its autosaves
move to a game folder of their own, marked in the load list, and "Continue" resumes the position played
last (issue 14: they used to be deleted without a word, and Continue went back to the quarter loaded)."""

from __future__ import annotations

from pathlib import Path

from game.engine.orders import Order
from game.io.save import read_save
from game.io.saves_folder import AUTOSAVE_FOLDER, LEFT_BEHIND, save_kind
from game.play.previews import list_saves
from game.play.session import Session, continue_last


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("autosave-*.json"))


def _left_behind(saves: Path) -> list[Path]:
    return sorted(path for path in (saves / AUTOSAVE_FOLDER).iterdir() if path.name.endswith(LEFT_BEHIND))


def test_loading_an_earlier_autosave_and_playing_on_keeps_the_later_ones(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    game = Session.start("tutorial", ["KZ"], seed=4, saves_dir=saves)
    for _ in range(3):
        game.end_turn()
    assert game.autosave_dir is not None
    folder = game.autosave_dir
    later = {name: read_save(folder / name).history[-1].checksum for name in _names(folder)[1:]}

    loaded = Session.load(folder / "autosave-0001.json", saves)
    # Loading alone loses nothing, and Continue still resumes turn 3, the position played last.
    assert _names(folder) == [f"autosave-000{n}.json" for n in range(1, 4)]
    session, path, _ = continue_last(saves)
    assert (path.parent, session.turn) == (folder, 3)

    loaded.queue(_orders(loaded)[0])  # another line of play than the one left
    loaded.end_turn()
    # The turns left behind (2 and 3) are kept, whole, in a folder of their own...
    (kept,) = _left_behind(saves)
    assert _names(kept) == ["autosave-0002.json", "autosave-0003.json"]
    assert {name: read_save(kept / name).history[-1].checksum for name in _names(kept)} == later
    # ...the player is told, the load list marks them, and this game's folder holds the new line.
    assert "kept" in loaded.message and "left behind" in loaded.message
    assert save_kind(kept / "autosave-0003.json", saves) == "autosave, left behind"
    assert save_kind(folder / "autosave-0003.json", saves) == "autosave"
    assert {kept / "autosave-0002.json", kept / "autosave-0003.json"} <= set(list_saves(saves))
    assert _names(folder) == ["autosave-0001.json", "autosave-0002.json"]
    assert read_save(folder / "autosave-0002.json").history[-1].checksum != later["autosave-0002.json"]
    session, path, _ = continue_last(saves)
    assert (path, session.turn) == (folder / "autosave-0002.json", 2)
    # The line left behind loads and plays on.
    old_line = Session.load(kept / "autosave-0003.json", saves)
    assert old_line.turn == 3


def test_undo_then_playing_the_same_orders_again_leaves_nothing_behind(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    game = Session.start("tutorial", ["KZ"], seed=4, saves_dir=saves)
    game.end_turn()
    game.end_turn()
    game.undo_to(1)
    game.end_turn()  # the same (deterministic) turn again: the same position, nothing left behind
    assert not _left_behind(saves)
    game.undo_to(0)
    game.queue(_orders(game)[0])
    game.end_turn()  # another first turn: the old turns 1 and 2 are kept
    (kept,) = _left_behind(saves)
    assert _names(kept) == ["autosave-0001.json", "autosave-0002.json"]


def test_manual_saves_and_autosaves_are_told_apart_in_every_scenario(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    for scenario, role in (("tutorial", "KZ"), ("middle_corridor", "RU")):
        game = Session.start(scenario, [role], seed=1, saves_dir=saves)
        game.end_turn()
        manual = game.save()
        assert game.autosave_dir is not None
        assert save_kind(manual, saves) == "manual save"
        assert save_kind(game.autosave_dir / "autosave-0001.json", saves) == "autosave"


def _orders(session: Session) -> list[Order]:
    """The orders the player may give now."""
    role = session.human_roles[0]
    found = []
    for action in session.actions_for(role):
        for target in session.targets_for(role, action):
            order = Order(role, session.world.actions.ids[action], target)
            if not session.check([order]):
                found.append(order)
    return found


def test_a_manual_save_on_the_line_left_behind_is_marked_and_kept(tmp_path: Path) -> None:
    """Issue 14's leftover: a save the player made at turn 3, then an undo to turn 1 and another turn 2: the save
    stays where it was, unchanged, and the load list calls it a manual save left behind; a save on the line now
    played (and one of another game) is not marked, and saving again over the marked one clears the mark."""
    saves = tmp_path / "saves"
    game = Session.start("tutorial", ["KZ"], seed=4, saves_dir=saves)
    other = Session.start("tutorial", ["KZ"], seed=5, saves_dir=saves)
    other.end_turn()
    elsewhere = other.save(saves / "another-game.json")
    early = game.save(saves / "at-start.json")
    game.end_turn()
    on_line = game.save(saves / "turn-1.json")
    game.end_turn()
    game.end_turn()
    ahead = game.save(saves / "turn-3.json")
    before = ahead.read_bytes()
    game.undo_to(1)
    assert save_kind(ahead, saves) == "manual save"  # undone, not yet left: playing the same turn again keeps it
    game.queue(_orders(game)[0])
    game.end_turn()  # another turn 2: the save of turn 3 is on the line left behind
    assert save_kind(ahead, saves) == "manual save, left behind"
    assert ahead.read_bytes() == before and ahead in list_saves(saves)
    assert Session.load(ahead, saves).turn == 3  # it still loads and plays on
    for kept in (early, on_line, elsewhere):
        assert save_kind(kept, saves) == "manual save", kept.name
    assert all(path.suffix == ".json" for path in list_saves(saves))  # the mark itself is not a save to load
    game.save(ahead)  # the player saves the game now played under that name: it is on the line again
    assert save_kind(ahead, saves) == "manual save"
