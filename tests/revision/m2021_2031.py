"""The migration table 2021 → made-up 2031: every cell keeps its id; the new row starts blank."""
from gik_editor.formats.migrations import Citation, Migration

MIGRATION = Migration(
    source="2021",
    target="2031",
    moves=(),
    citations=(Citation(r"国办公开办函\s*[〔［\[（(【]\s*2021\s*[〕］\]）)】]\s*30\s*号", "国办公开办函〔2030〕99号"),),
    carry_note="表三“（六）其他处理”增加了“4.申请人主动撤回申请”一行。",
)
