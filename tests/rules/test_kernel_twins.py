"""Every compiled kernel of the engine has a plain numpy (or plain Python) twin in the tests, and a
test that compares them on random inputs: the list below names that test for each kernel, and
fails when a kernel is added, renamed or removed without its twin following."""

from __future__ import annotations

import importlib
import pkgutil

import numba

import game.engine

# Test module -> {kernel (under game.engine) -> the test comparing it with its twin}. A helper compiled
# into a bigger kernel has its own test where its twin is short; else the test of the kernel that calls it.
TWINS: dict[str, dict[str, str]] = {
    "tests.ai.test_ai_kernels": {
        "ai.heuristic._best_combination": "test_best_combination_is_the_best_feasible_set",
        "ai.heuristic._best_sets": "test_best_sets_whole_search",
        "ai.heuristic._block_gains": "test_block_gains_and_insertion_order",
        "ai.heuristic._budgets": "test_budgets_are_points_and_free_slots",
        "ai.heuristic._enters": "test_shortlist_is_the_best_by_value_per_point_whatever_the_insertion_order",
        "ai.heuristic._insertion_order": "test_block_gains_and_insertion_order",
        "ai.heuristic._shortlist": "test_shortlist_is_the_best_by_value_per_point_whatever_the_insertion_order",
        "ai.heuristic._write_plan": "test_a_plan_becomes_orders_of_its_runs",
        "ai.value._fatigue_multipliers": "test_fatigue_multipliers_are_laid_out_role_action_run",
        "ai.value._project_row": "test_projected_state_adds_what_slots_will_still_push",
        "ai.value._projected_rows": "test_projected_state_adds_what_slots_will_still_push",
    },
    "tests.ai.test_gradient": {
        "ai.value._autonomy_gradient": "test_gradient_equals_the_scores_derivative_for_every_role",
    },
    "tests.ai.test_value": {
        "ai.value._candidate_values": "test_candidate_values_are_signed_pushes_times_effective_gradients",
        "ai.value._effective_rows": "test_column_gradients_equal_the_full_effective_gradients",
    },
    "tests.rules.test_kernels": {
        "causes._add_causes": "test_causes_sum_their_parts_per_run_before_the_rule",
        "causes._apply_causes_of_two_kinds": "test_causes_sum_their_parts_per_run_before_the_rule",
        "resolve._active_slots": "test_active_slots_are_listed_by_run_then_slot",
        "resolve._anchor_rows": "test_anchor_adds_the_lasting_part_of_each_cause",
        "resolve._list_orders": "test_orders_are_listed_run_by_run_with_their_scale_and_cost",
        "resolve._start_orders_rows": "test_orders_start_projects_in_free_slots_and_add_fatigue",
        "rng._normal_pairs": "test_normal_draws_match_log_cos_and_sin",
        "rules._clamp_row": "test_clamp_puts_values_in_bounds_and_share_sums_at_most_one",
        "rules._clamp_rows": "test_clamp_puts_values_in_bounds_and_share_sums_at_most_one",
        "rules._drift_row": "test_settle_is_drift_then_noise_then_clamp_then_income",
        "rules._income_row": "test_settle_is_drift_then_noise_then_clamp_then_income",
        "rules._noise_row": "test_settle_is_drift_then_noise_then_clamp_then_income",
        "rules._push_rows": "test_push_rule_kernel_follows_the_formula",
        "rules._settle_rows": "test_settle_is_drift_then_noise_then_clamp_then_income",
        "rules.push_channel": "test_push_rule_kernel_follows_the_formula",
        "rules.push_row": "test_push_rule_kernel_follows_the_formula",
    },
    "tests.rules.test_legality": {
        "orders._judge_role": "test_compiled_rule_equals_the_rule_by_hand",
        "orders._judge_runs": "test_compiled_rule_equals_the_rule_by_hand",
    },
    "tests.rules.test_scores": {
        "scores._measure_rows": "test_measures_follow_the_formulas",
    },
    "tests.rules.test_small_kernels": {
        "layout.busy_role_slots": "test_slot_helpers_follow_the_slot_layout",
        "layout.first_role_slot": "test_slot_helpers_follow_the_slot_layout",
        "layout.is_busy": "test_slot_helpers_follow_the_slot_layout",
        "layout.is_pushing": "test_slot_helpers_follow_the_slot_layout",
        "layout.order_slot_count": "test_slot_helpers_follow_the_slot_layout",
        "layout.relation_column": "test_share_and_relation_columns_are_the_blocks_columns",
        "layout.share_column": "test_share_and_relation_columns_are_the_blocks_columns",
        "layout.slot_owner": "test_slot_helpers_follow_the_slot_layout",
        "layout.turns_left": "test_slot_helpers_follow_the_slot_layout",
        "orders._given_before": "test_points_rule_and_duplicates",
        "orders.affordable": "test_points_rule_and_duplicates",
        "rng._counter_bits": "test_random_bits_are_splitmix_of_counters",
        "rng._mix_each": "test_random_bits_are_splitmix_of_counters",
        "rng._mix_one": "test_random_bits_are_splitmix_of_counters",
        "rng._uniform_columns": "test_random_bits_are_splitmix_of_counters",
        "rng._uniform_from_bits": "test_random_bits_are_splitmix_of_counters",
        "rules.clip_number": "test_clip_number_is_numpys_clip",
        "rules.fatigue_scale": "test_fatigue_scale_is_one_over_one_plus_fatigue",
        "scores._mean_of_countries": "test_score_means_average_over_the_countries",
    },
}


def compiled_kernels() -> set[str]:
    """Every function compiled with numba that a module of ``game.engine`` defines (imports left out)."""
    found = set()
    for module_info in pkgutil.walk_packages(game.engine.__path__, "game.engine."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, numba.core.dispatcher.Dispatcher) and value.py_func.__module__ == module.__name__:
                found.add(f"{module.__name__}.{name}")
    return found


def test_every_kernel_has_a_twin_test() -> None:
    kernels = compiled_kernels()
    named = [f"game.engine.{kernel}" for tests in TWINS.values() for kernel in tests]
    assert len(kernels) > 40 and len(named) == len(set(named))
    assert sorted(kernels - set(named)) == [], "kernels without a twin test"
    assert sorted(set(named) - kernels) == [], "twin tests of kernels that are gone"


def test_every_named_twin_test_exists() -> None:
    for module_name, tests in TWINS.items():
        module = importlib.import_module(module_name)
        for kernel, name in tests.items():
            assert callable(getattr(module, name, None)), f"{kernel}: {module_name}::{name}"
