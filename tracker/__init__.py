"""tracker: diplomatic event timelines from news articles, stored in SQL."""

__version__ = "0.1.0"
