"""Provides saves: the versioned save format, atomic writes with a backup, autosave, the load list, and loads.

This module is the public surface; the faces import from here. Inside:
`names` (where saves live, file names), `files` (reading, atomic writing and
backups), `autosave` (a session's save data, named saves, the autosaver),
`listing` (the load list), `loading` (a save replayed into a session),
`migrate` (a snapshot fitted to a changed city), `format` (the file format),
`snapshot` and `compare` (checking saved states), `errors`.
"""

from game.saves.autosave import Autosaver, export_debrief, save_session, session_save, write_export
from game.saves.errors import ReplayDiffers, SaveError, ScenarioChanged
from game.saves.files import read_save, write_atomic, write_save
from game.saves.listing import SaveInfo, SaveList, latest_save, list_saves, scan_saves
from game.saves.loading import load_session
from game.saves.names import AUTOSAVE_PREFIX, ENV_SAVES, backup_path, named_save_path, saves_dir

__all__ = [
    "AUTOSAVE_PREFIX", "ENV_SAVES", "Autosaver", "ReplayDiffers", "SaveError", "SaveInfo", "SaveList",
    "ScenarioChanged", "backup_path", "latest_save", "list_saves", "load_session", "named_save_path",
    "export_debrief", "read_save", "save_session", "write_export", "saves_dir", "scan_saves", "session_save", "write_atomic", "write_save",
]
