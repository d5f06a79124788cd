"""The one exception type users see as a clean one-line message."""


class TrackerError(Exception):
    """An expected failure (bad input, bad option, database state): shown as one line, exit 1."""


class InputError(TrackerError):
    """An article that cannot be read or parsed; names the input it came from."""
