"""``python -m flexorch_beam.commands ...`` = the ``flexorch`` console command (for schedulers
that name a venv's python rather than its scripts)."""
from flexorch_beam.commands.main import entry_point

entry_point()
