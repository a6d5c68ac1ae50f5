"""hadath: political event data with provenance from Arabic news."""
__version__ = "0.1.0"
