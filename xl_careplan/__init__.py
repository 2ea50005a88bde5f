"""xl_careplan: 居宅サービス計画書（Excel）の読み取り・点検・書き戻し。"""

__version__ = "0.1.0"


def main() -> None:
    """Entry point called by the Excel add-in's RunPython (``import xl_careplan; xl_careplan.main()``)."""
    from xl_careplan.addin.live import run_on_caller

    run_on_caller()
