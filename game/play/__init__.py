"""The play layer: one object owns a game in progress (scenario, settings, line-up,
queued orders, turns, undo, saves), and the batch runner plays many at once.

The map UI, every command-line command that plays, and the classroom are thin front
ends over this package; it never imports pygame.
"""
