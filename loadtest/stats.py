"""The one percentile of every benchmark and of the load test: the nearest rank, so that a
printed p95 is a time that was really measured; and the interleaved timing of the rules'
benchmarks."""

import statistics
import time
from collections.abc import Callable


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def interleaved(calls: dict[str, Callable[[], object]], repeat: int, warm: int = 2) -> dict:
    """Each call timed in turn, round after round, so that load from other work slows all of
    them alike: {label: (median, p95)} in seconds, the first `warm` rounds (caches) left out."""
    samples: dict[str, list[float]] = {label: [] for label in calls}
    for _ in range(warm + repeat):
        for label, call in calls.items():
            start = time.perf_counter()
            call()
            samples[label].append(time.perf_counter() - start)
    return {
        label: (statistics.median(times[warm:]), percentile(times[warm:], 0.95))
        for label, times in samples.items()
    }
