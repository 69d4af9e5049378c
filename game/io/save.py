"""Saves are a record of play: the scenario's fingerprint, seed, every turn's orders,
and a checksummed snapshot of the state after each turn.

The same file drives resume (take the last snapshot), replay (any snapshot),
undo (drop later turns) and verification (re-simulate every turn's orders from
the start and compare each turn's hash with the snapshot's checksum). Because
random draws are keyed by (seed, run, turn), a resumed game continues exactly
as if it had never stopped.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Final, Literal

import numpy as np
from pydantic import Field, StrictInt, StringConstraints, ValidationError, model_validator

from game import __version__
from game.engine import ENGINE_VERSION
from game.engine.codes import quarter_index, quarter_name
from game.engine.game import Game, Policy
from game.engine.orders import encode_orders, parse_order, validate_orders
from game.engine.resolve import resolve_turn
from game.engine.state import RUN_ARRAYS, State, initial_state
from game.engine.world import World
from game.i18n import _
from game.io.atomic import write_text_atomic
from game.io.saves_folder import AUTOSAVE_KEEP, AUTOSAVE_PREFIX, MAX_SAVE_BYTES, autosaves
from game.scenario.errors import InputFileError, Problem
from game.scenario.files import read_limited
from game.scenario.library import referenced_file
from game.scenario.load import LoadedScenario
from game.scenario.models import Quarter, RoleCode, Strict
from game.scenario.yamlfile import format_path

SAVE_FORMAT: Final = "multivector-save"
SAVE_VERSION = 2  # 2: the signature over everything that decides the game
READABLE_VERSIONS = (1, SAVE_VERSION)  # a player's saves of the previous format still load


class SavedScenario(Strict):
    """Which scenario a save belongs to, and a fingerprint of its files."""

    id: str
    path: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class SavedTurn(Strict):
    """One played turn: every role's orders and the state after it."""

    quarter: Quarter
    orders: list[Annotated[str, Field(max_length=200)]]
    snapshot: str
    checksum: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")]


class SaveFile(Strict):
    """The whole save file."""

    format: Literal["multivector-save"]
    version: StrictInt
    program_version: str
    engine_version: str
    scenario: SavedScenario
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)]
    run: Annotated[int, Field(ge=0, le=2**40)]
    settings: dict[str, float] = Field(default_factory=dict)
    turns: Annotated[int, Field(ge=1, le=100_000)]
    human_roles: list[RoleCode] = Field(default_factory=list)
    ai_levels: dict[RoleCode, Literal["easy", "normal", "hard", "pass"]] = Field(default_factory=dict)
    history: list[SavedTurn] = Field(default_factory=list)
    queued: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list,
        max_length=100,
        description="Orders the players had queued for the next turn, as 'ROLE action TARGET'",
    )
    tutorial_skipped: bool = Field(
        default=False,
        description="The player hid the guided tutorial of this game (Skip tutorial): a load keeps it hidden",
    )
    signature: Annotated[str, Field(pattern=r"^([0-9a-f]{64})?$")] = Field(
        default="",  # saves of format version 1 have none: signed when read (see read_save)
        description="sha256 over the fields that decide the game (see signed_digest): an edit to the line-up, "
        "the levels, the turns, the settings or the scenario's fingerprint is detected on load",
    )

    @model_validator(mode="after")
    def _consistent(self) -> SaveFile:
        if len(self.history) > self.turns:
            raise ValueError(f"{len(self.history)} turns played in a game of {self.turns}")
        if len(set(self.human_roles)) != len(self.human_roles):
            raise ValueError("a role is listed twice in human_roles")
        if self.history:
            first = quarter_index(self.history[0].quarter)
            for index, saved in enumerate(self.history):
                if quarter_index(saved.quarter) != first + index:
                    raise ValueError(f"history[{index}] is {saved.quarter}; quarters must follow one another")
        return self


# The scenario's path is where it was found last time (it may move); its id and bytes decide the game.
SIGNED_FIELDS: Final[dict[str, Any]] = {
    "scenario": {"id": True, "sha256": True},
    **dict.fromkeys(("seed", "run", "settings", "turns", "human_roles", "ai_levels"), True),
}


def signed_digest(save: SaveFile) -> str:
    """sha256 of the fields that decide a game, in one canonical JSON form.

    The per-turn checksums and the replay cover the history; this covers the rest (who plays
    which role, at what level, for how many turns, with which settings and seed, on which
    scenario). It detects edits, not forgeries: anyone can compute it again.
    """
    fields = save.model_dump(mode="json", include=SIGNED_FIELDS)
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def scenario_files(loaded: LoadedScenario) -> list[Path]:
    """The files whose bytes make a scenario's fingerprint: the scenario, its action catalogue, its baseline."""
    named = [referenced_file(loaded.path, relative) for relative in (loaded.scenario.actions, loaded.scenario.baseline)]
    return [loaded.path, *(path for path in named if path is not None)]  # both exist: the scenario was loaded


def scenario_fingerprint(paths: list[Path]) -> str:
    """sha256 over the bytes of a scenario's files, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def encode_snapshot(state: State) -> str:
    """A one-run state as compressed base64 (arrays in the hash's fixed order)."""
    raw = b"".join(np.ascontiguousarray(getattr(state, name)[0]).tobytes() for name in RUN_ARRAYS)
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def decode_snapshot(text: str, template: State, turn: int) -> State:
    """Rebuild a one-run state from :func:`encode_snapshot`'s text, shaped like `template`."""
    expected = sum(getattr(template, name)[0].nbytes for name in RUN_ARRAYS)
    inflater = zlib.decompressobj()
    raw = inflater.decompress(base64.b64decode(text.encode("ascii"), validate=True), expected + 1)
    if len(raw) > expected or inflater.unconsumed_tail:
        raise ValueError("snapshot is larger than a state")
    arrays = {}
    offset = 0
    for name in RUN_ARRAYS:
        like = getattr(template, name)[0]
        size = like.nbytes
        if offset + size > len(raw):
            raise ValueError("snapshot is too short")
        arrays[name] = np.frombuffer(raw[offset : offset + size], dtype=like.dtype).reshape(like.shape)[None].copy()
        offset += size
    if offset != len(raw):
        raise ValueError("snapshot has trailing bytes")
    return replace(template, turn=turn, **arrays)


def make_save(
    game: Game,
    scenario_id: str,
    scenario_path: str,
    fingerprint: str,
    settings: dict[str, float],
    human_roles: list[str],
    ai_levels: dict[str, str] | None = None,
    queued: list[str] | None = None,
    tutorial_skipped: bool = False,
) -> SaveFile:
    """The save of run 0 of a game (with the orders queued for its next turn, if any, and whether its tutorial
    was skipped)."""
    history = []
    for record, state in zip(game.records, game.states[1:], strict=True):
        history.append(
            SavedTurn(
                quarter=quarter_name(record.quarter),
                orders=[str(order) for order in record.orders.orders_of_run(game.world, 0)],
                snapshot=encode_snapshot(state),
                checksum=state.hashes()[0],
            )
        )
    unsigned = SaveFile.model_construct(
        format=SAVE_FORMAT,
        version=SAVE_VERSION,
        program_version=__version__,
        engine_version=ENGINE_VERSION,
        scenario=SavedScenario(id=scenario_id, path=scenario_path, sha256=fingerprint),
        seed=game.streams.seed,
        run=int(game.streams.run_ids[0]),
        settings=dict(sorted(settings.items())),
        turns=game.world.turns,
        human_roles=human_roles,  # type: ignore[arg-type]
        ai_levels=ai_levels or {},  # type: ignore[arg-type]
        history=history,
        queued=queued or [],
        tutorial_skipped=tutorial_skipped,
        signature="",
    )
    return SaveFile.model_validate({**unsigned.model_dump(), "signature": signed_digest(unsigned)})


def write_save(path: Path, save: SaveFile) -> None:
    """Write a save atomically (the previous file survives a crash mid-write)."""
    write_text_atomic(path, save.model_dump_json(indent=1) + "\n")


def read_save(path: Path) -> SaveFile:
    """Read and validate a save file, or raise :class:`InputFileError` naming what is wrong."""
    name = str(path)
    raw = read_limited(path, MAX_SAVE_BYTES, name)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputFileError([Problem(name, None, "", _("save is not UTF-8 text (damaged?)"))]) from None
    except json.JSONDecodeError as error:
        raise InputFileError(
            [Problem(name, error.lineno, "", _("not valid JSON ({reason}); the file may be truncated").format(
                reason=error.msg))]
        ) from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise InputFileError([Problem(name, None, "", f"unreadable value: {error}")]) from None
    except RecursionError:
        raise InputFileError([Problem(name, None, "", "nesting too deep")]) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise InputFileError([Problem(name, None, "format", _("not a Multivector save"))])
    _check_version(data.get("version"), name, "")
    try:
        save = SaveFile.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(name, None, format_path([p for p in item["loc"] if isinstance(p, str | int)]), item["msg"])
            for item in error.errors()
        ]
        raise InputFileError(problems[:20]) from None
    return verified_save(save, name)


def _check_version(version: object, name: str, where: str) -> None:
    if version not in READABLE_VERSIONS:
        message = _(
            "save format version {version} is not supported by this program (it reads versions {known})"
        ).format(version=repr(version), known=", ".join(map(str, READABLE_VERSIONS)))
        raise InputFileError([Problem(name, None, f"{where}version", message)])


def verified_save(save: SaveFile, name: str, where: str = "") -> SaveFile:
    """``save`` (read from file ``name``, at ``where`` inside it, e.g. ``save.`` in a class game) if
    its signature matches what decides the game, else :class:`InputFileError` naming the file and
    the field. A save of the previous format has no signature: it is signed as it is."""
    _check_version(save.version, name, where)
    if save.version != SAVE_VERSION:
        current = save.model_copy(update={"version": SAVE_VERSION})
        return current.model_copy(update={"signature": signed_digest(current)})
    if signed_digest(save) != save.signature:
        message = _(
            "the save was edited: its line-up, levels, turns, settings or scenario no longer match its signature"
        )
        raise InputFileError([Problem(name, None, f"{where}signature", message)])
    return save


def restore_game(
    save: SaveFile, world: World, path: str, upto: int | None = None, policy: Policy | None = None
) -> Game:
    """Rebuild a game from a save by re-simulating every turn's orders from the start.

    Each turn must reproduce its snapshot's checksum, and each snapshot must
    match its checksum; otherwise the turn is named in the error. ``upto`` keeps
    only the first turns (undo). ``policy`` is the computer player of the turns to come.
    """
    history = save.history if upto is None else save.history[:upto]
    if history and quarter_index(history[0].quarter) != world.start_quarter:
        raise InputFileError(
            [Problem(path, None, "history[0].quarter", f"{history[0].quarter} is not the scenario's first quarter")]
        )
    if len(history) > world.turns:
        message = f"{len(history)} turns saved; the game has {world.turns}"
        raise InputFileError([Problem(path, None, "history", message)])
    game = Game.new(world, seed=save.seed, runs=1, first_run=save.run, policy=policy)
    template = initial_state(world, 1)
    for index, saved in enumerate(history):
        field = f"history[{index}]"
        try:
            snapshot = decode_snapshot(saved.snapshot, template, index + 1)
        except (ValueError, zlib.error) as error:
            raise InputFileError([Problem(path, None, f"{field}.snapshot", f"damaged snapshot: {error}")]) from None
        if snapshot.hashes()[0] != saved.checksum:
            raise InputFileError([Problem(path, None, f"{field}.checksum", "snapshot does not match its checksum")])
        try:
            parsed = [parse_order(text) for text in saved.orders]
        except ValueError as error:
            raise InputFileError([Problem(path, None, f"{field}.orders", str(error))]) from None
        refused = validate_orders(world, game.state, parsed)
        if refused:
            raise InputFileError(
                [Problem(path, None, f"{field}.orders", f"illegal order {problem}") for problem in refused]
            )
        state, record = resolve_turn(world, game.state, encode_orders(world, [parsed]), game.streams)
        if state.hashes()[0] != saved.checksum:
            cause = (
                _("it was saved by engine version {saved}, this program runs version {running}").format(
                    saved=save.engine_version, running=ENGINE_VERSION
                )
                if save.engine_version != ENGINE_VERSION
                else _("the scenario or the program changed since the save")
            )
            raise InputFileError(
                [
                    Problem(
                        path,
                        None,
                        field,
                        _("replaying the orders of {quarter} does not reproduce the saved state ({cause})").format(
                            quarter=saved.quarter, cause=cause
                        ),
                    )
                ]
            )
        game.states.append(state)
        game.records.append(record)
    return game


def write_autosave(folder: Path, save: SaveFile, keep: int = AUTOSAVE_KEEP) -> Path:
    """Write ``autosave-NNNN.json`` (NNNN = turns played) and keep only the newest ``keep``.

    Each file is written atomically, and older ones stay until a newer one is
    complete, so a crash or a damaged newest file never loses the game.
    """
    path = folder / f"{AUTOSAVE_PREFIX}{len(save.history):04d}.json"
    write_save(path, save)
    for old in autosaves(folder)[keep:]:
        old.unlink(missing_ok=True)
    return path


def newest_readable_autosave(folder: Path) -> tuple[Path, SaveFile, list[Problem]] | None:
    """The newest autosave that reads cleanly, with the problems of newer ones it skipped."""
    skipped: list[Problem] = []
    for path in autosaves(folder):
        try:
            return path, read_save(path), skipped
        except InputFileError as error:
            skipped += error.problems
    return None


def save_name(scenario_id: str, roles: list[str], quarter: str) -> str:
    """The file name of a save: scenario, roles and the quarter to play next (``tutorial-KZ-2023Q3.json``)."""
    return f"{scenario_id}-{'-'.join(roles) or 'computer'}-{quarter}.json"
