"""The command line's subcommand names, so main.py can tell them from a file without loading argparse."""
COMMAND_NAMES = ("validate", "export", "import", "new", "batch", "rollup", "set")
