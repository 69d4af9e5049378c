"""Files the program writes and reads back: saves, exports."""
