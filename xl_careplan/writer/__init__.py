"""Write findings back into workbooks: notes, fills, the 点検結果 sheet (see docs/writer.md)."""
