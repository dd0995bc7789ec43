"""Provides saves: the versioned save format, atomic writes with a backup, autosave, loading and replay.

The faces use `game.saves.store` (`save_session`, `Autosaver`, `list_saves`,
`latest_save`, `load_session`, `saves_dir`); `game.saves.format` is the file
format and its migrations.
"""
