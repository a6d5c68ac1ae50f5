"""Attribution (placeholder)."""


def attribute(doc) -> None:
    return None
