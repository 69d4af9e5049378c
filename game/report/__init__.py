"""Reading played games after the fact: charts, batch and comparison tables, debriefs and class newspapers."""
