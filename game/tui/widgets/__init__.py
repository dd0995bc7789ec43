"""Provides the table's widgets, one module each: calendar, character sheet, scores, card, dice, log, hint."""
