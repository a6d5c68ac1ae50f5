"""`python -m hadath` is the `hadath` command."""
import sys

from hadath.cli import main

sys.exit(main())
