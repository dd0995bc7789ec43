"""Provides the game's screens, one module each: title, persona, opacity, table, dossier, rulebook, debrief…"""
