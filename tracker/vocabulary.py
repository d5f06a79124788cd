"""The event type vocabulary and each type's PLOVER category, read from the registry of event
types (which imports nothing heavy: the CLI reads this at start)."""

from tracker.event_types import REGISTRY

PLOVER = {t.name: t.plover for t in REGISTRY}
EVENT_TYPES = tuple(PLOVER)
TYPES_HELP = ", ".join(EVENT_TYPES[:-1]) + f" or {EVENT_TYPES[-1]}"
