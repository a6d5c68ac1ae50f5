"""Event finder (placeholder)."""


class EventFinder:
    def __call__(self, doc) -> None:
        doc.events = []
