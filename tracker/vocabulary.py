"""The event type vocabulary and each type's PLOVER category (no imports: the CLI reads it at start)."""

PLOVER = {
    "meeting": "CONSULT",
    "call": "CONSULT",
    "visit": "CONSULT",
    "agreement": "AGREE",
    "policy": "CHANGE-POLICY",
    "ruling": "ACCUSE",
    "protest": "PROTEST",
    "military": "MOBILIZE",
    "office": "CHANGE-POLICY",
}
EVENT_TYPES = tuple(PLOVER)
