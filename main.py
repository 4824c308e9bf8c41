"""Start the editor: python main.py [FILE]. With a subcommand (validate, export, …) run the command line instead."""
import gc
import sys

from gik_editor.commands import COMMAND_NAMES


def main() -> int:
    if len(sys.argv) > 1 and (sys.argv[1] in (*COMMAND_NAMES, "-h", "--help", "--version")
                              or _mistyped_command(sys.argv[1])):
        from gik_editor.cli import main as cli_main
        return cli_main(sys.argv[1:])
    # Start-up creates tens of thousands of objects that live as long as the window (PySide6's enum
    # types among them): collecting garbage among them is wasted time (~5 ms). ui.app.run turns the
    # collector back on once the window is shown.
    gc.disable()
    from ui.app import run
    return run(sys.argv[1:])


def _mistyped_command(arg: str) -> bool:
    """A word that is no file ("valdate"): the command line says which commands there are, rather than a
    window opening to say it cannot find a file of that name (or, on a server with no screen, a Qt abort)."""
    import os
    return not arg.startswith("-") and not os.path.splitext(arg)[1] and not os.path.exists(arg)


if __name__ == "__main__":
    sys.exit(main())
