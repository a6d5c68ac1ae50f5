"""Data files shipped in the package, read and parsed in one place, with one clear error."""
from __future__ import annotations

from importlib import resources

import yaml

from hadath.errors import HadathError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when the wheel has it


def read_text(package: str, name: str) -> str:
    """The text of `name` (a path under the package, e.g. "data/triggers.yaml")."""
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except OSError as e:
        raise HadathError(f"cannot read {package}/{name}: {e.strerror or e} (a broken install?)") from None


def load_yaml(package: str, name: str):
    """A YAML data file of the package, parsed."""
    try:
        return yaml.load(read_text(package, name), Loader=_LOADER)
    except yaml.YAMLError as e:
        raise HadathError(f"{package}/{name} is not valid YAML: {e}") from None
