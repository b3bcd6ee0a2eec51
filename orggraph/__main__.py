"""``python -m orggraph``: the same command line as ``orggraph``."""

from orggraph.cli import main

if __name__ == "__main__":
    main()
