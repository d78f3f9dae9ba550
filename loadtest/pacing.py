"""When the load test's people save: each on a beat of their own (loadtest/locustfile.py)."""

import math
import time


def own_rhythm(seconds: float, clock=time.monotonic):
    """A save every `seconds` at the person's own moment, whenever the last answer came: the
    next save waits for the next beat of the person's own clock, and a save answered after its
    next beat was due skips that beat.

    Locust's constant_pacing starts the next task at once after a task that took longer than
    its pace. A stall of the load generator itself (opening and reading 60-row drafts for the
    people still arriving) then ended everybody's wait in the same instant, and from then on up
    to nine people saved in the same millisecond of every second for the rest of the run:
    bursts that twenty people typing do not make, which the p95 measured instead of the saves.
    """

    def wait_time(user) -> float:
        since = clock() - user.rhythm_start
        return (math.floor(since / seconds) + 1) * seconds - since

    return wait_time
