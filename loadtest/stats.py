"""The one percentile of every benchmark and of the load test: the nearest rank, so that a
printed p95 is a time that was really measured."""


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
