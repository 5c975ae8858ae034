"""netjournal's interface: the Textual app and the command line.

Importing this package must stay cheap: the command line's subcommands other
than the full-screen app never import Textual (tui.app is imported lazily).
"""
