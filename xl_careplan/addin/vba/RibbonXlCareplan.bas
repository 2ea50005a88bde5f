Attribute VB_Name = "RibbonXlCareplan"
' The ribbon's callback (customUI onAction="RibbonXlCareplan.XlCareplanCheck"). Module and procedure
' names are our own: the template's RibbonMyAddin.RunMain is shared by every add-in made from it, and
' Excel may call another add-in's macro of the same name (xlwings issue #973).
Sub XlCareplanCheck(control As IRibbonControl)
    RunPython "import xl_careplan;xl_careplan.main()"
End Sub
