"""Reading records after the fact: charts and, later, debrief reports."""
