"""The Excel ribbon add-in (xlwings): build the .xlam, install it, and run the check on the open workbook.

- ``build``   makes ``xl_careplan.xlam`` from the custom-ribbon template shipped inside xlwings
- ``install`` puts it in Excel's start-up folder (Windows / macOS); ``remove`` takes it out
- ``live``    ``LiveWorkbook`` (the WorkbookAccess protocol over an xlwings Book) and ``run_on_caller``
"""
