"""ケアプランデータ連携の標準仕様 CSV: reading plans from it and exporting workbooks to it."""
