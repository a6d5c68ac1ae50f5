"""Errors a user can foresee: each carries a one-line reason and never shows a traceback."""


class HadathError(Exception):
    """A foreseeable failure (bad input, missing file, unusable database ...)."""


class InputError(HadathError):
    """One input document could not be read; the batch goes on."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where, self.reason = where, reason
