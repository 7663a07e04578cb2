"""Entry point: ``python run.py --input 'docs/**' --output out/ [--runner DataflowRunner ...]``."""
from flexorch_beam.cli import main

if __name__ == "__main__":
    main()
