"""Screens and modals of the map game."""
