"""Start the editor: python main.py [FILE]. With a subcommand (validate, export, …) run the command line instead."""
import sys

from gik_editor.commands import COMMAND_NAMES


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] in (*COMMAND_NAMES, "-h", "--help"):
        from gik_editor.cli import main as cli_main
        return cli_main(sys.argv[1:])
    from ui.app import run
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
