"""argparse speaking Chinese: the usage line, the section titles, -h, and the messages for wrong arguments.

argparse writes its own words in English (through gettext, which has no Chinese catalogue for them on
an office PC); the IT staff who script the editor read the rest of its output in Chinese.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

USAGE = "用法："
# argparse's messages as Python 3.11–3.13 word them, and what is said instead; anything else is passed on.
MESSAGES = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少必需的参数：{0}"),
    (re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.+)\)"), "{0}中没有“{1}”，可选：{2}"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个值"),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "参数 {0} 的值“{1}”不是整数"),
    (re.compile(r"argument (\S+): ignored explicit argument '(.*)'"), "参数 {0} 不带值，却写了“{1}”"),
    (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数：{0}"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "参数 {0} 不能与 {1} 同时使用"),
    (re.compile(r"argument (\S+): (.+)"), "参数 {0}：{1}"),
)


def in_chinese(message: str) -> str:
    for pattern, chinese in MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            return chinese.format(*m.groups())
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Chinese; its sub-command parsers are of the same kind.

    `intermixed=True`: positional arguments may stand before, between and after the options
    (`set 报告.gik -o 新.gik 单元格=5 --meta … 单元格=6`), which plain argparse refuses for a list of them."""

    def __init__(self, *args: Any, intermixed: bool = False, **kwargs: Any) -> None:
        self._intermixed = intermixed
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示此帮助并退出")

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if not self._intermixed:
            return super().parse_known_args(args, namespace)
        self._intermixed = False        # parse_known_intermixed_args parses twice through parse_known_args
        usage = self.usage
        if usage is None:               # (it would cut the English "usage: " off ours, and with it the command's name)
            formatter = self._get_formatter()
            formatter.add_usage(None, self._actions, self._mutually_exclusive_groups, USAGE)
            self.usage = formatter.format_help().strip().removeprefix(USAGE)
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixed, self.usage = True, usage

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{in_chinese(message)}\n")
