"""``xl-careplan export FILE --csv DIR``: a workbook's 第1表・第2表 as the standard CSV of ケアプランデータ連携."""

from __future__ import annotations

import sys

import click

from xl_careplan.errors import XlCareplanError


@click.command("export")
@click.argument("file", type=str)
@click.option("--csv", "csv_dir", required=True, metavar="DIR",
              help="標準仕様の CSV（利用者補足情報・第1表・第2表）を書き出すフォルダ")
@click.option("--insurer-no", default=None, metavar="番号", help="保険者番号（6桁）。ブックにあればそれを使います")
@click.option("--insured-no", default=None, metavar="番号", help="被保険者番号（10桁）。ブックにあればそれを使います")
@click.option("--office-no", default=None, metavar="番号", help="この居宅介護支援事業所の事業所番号（10桁、送信元）")
@click.option("--to", "receiver", default=None, metavar="番号", help="送信先のサービス事業所の事業所番号（10桁）")
@click.option("--layout", default=None, metavar="FILE", help="様式が特殊なときのレイアウトファイル（TOML）")
@click.option("--profile", "profile_name", default=None, metavar="NAME|FILE",
              help="事業所のプロファイル（.toml）。[office] の office_no（事業所番号）・insurer_no（保険者番号）を使います")
def export(file: str, csv_dir: str, insurer_no, insured_no, office_no, receiver, layout, profile_name) -> None:
    """FILE（居宅サービス計画書の .xlsx）を、ケアプランデータ連携の標準仕様 CSV として書き出します。

    保険者番号・被保険者番号・事業所番号はブックにあればそれを使い、なければオプション、
    プロファイルの [office]（office_no・insurer_no）の順に探します。
    Shift-JIS（MS932）にない文字があるときは、セルを示して書き出しを中止します（置き換えません）。
    """
    from xl_careplan.carecsv.export import Ids, export_plan
    from xl_careplan.carecsv.workbook_ids import find_ids
    from xl_careplan.readers import load_grid, read_plan

    try:
        grid = load_grid(file)
        plan = read_plan(grid, file, layout)
        given = Ids(insurer_no=insurer_no, insured_no=insured_no, sender=office_no, receiver=receiver)
        ids = given.merged(Ids(**find_ids(grid)))
        if profile_name:
            from xl_careplan.profiles import load_profile

            office = load_profile(profile_name).section("office")
            ids = ids.merged(Ids(insurer_no=_digits(office.get("insurer_no")), sender=_digits(office.get("office_no"))))
        written = export_plan(plan, csv_dir, ids)
    except XlCareplanError as e:
        click.echo(str(e), err=True)
        sys.exit(e.exit_code)
    for p in written:
        click.echo(f"書き出しました: {p}")


def _digits(v) -> str | None:
    return None if v is None else str(v).strip()
