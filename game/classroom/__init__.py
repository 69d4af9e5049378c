"""Class games played by mail: a game folder, teams' orders files, turns, undo and injections."""
