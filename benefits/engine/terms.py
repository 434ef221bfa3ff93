"""The names of steps that several calculators show, in residents' words, each with the rules' own name where a
resident may need to find it on a settlement statement, a notice or the handbook (said once per result).

上上年度 is said 前年 (the year before last; the formula then names the year used), also in a step's source, which
quotes the rules (plain_source); 统筹基金 is 基本医保 (the pooled fund of basic insurance, as against 大病保险),
个人自付/个人负担 is what "您" pays.
"""

from typing import NamedTuple


class Term(NamedTuple):
    """A step's name in residents' words (医保一年最多报销), with the rules' own name (统筹基金年度支付限额)
    where a resident must match it on a document or a notice: said once, at the start of its first step's formula."""

    plain: str
    official: str = ""

    @property
    def note(self) -> str:
        return f"政策里叫“{self.official}”；" if self.official else ""

    @property
    def aside(self) -> str:
        """Within a sentence, e.g. a step's source: 前年（政策里叫“上上年度”）."""
        return f"{self.plain}（政策里叫“{self.official}”）"


# a word of the rules that step sources quote (《深圳市医疗保障办法》：上上年度在岗职工年平均工资的倍数)
YEAR_BEFORE_LAST = Term("前年", "上上年度")


def plain_source(source: str, said: bool) -> str:
    """A step's source with 上上年度 said as the labels say it, 前年, and the rules' word beside it the first time
    in a result (`said`: an earlier step's source already gave it). A source taken from another result's step
    (year.py) may carry the aside already: it is said once for the whole result."""
    term = YEAR_BEFORE_LAST
    if term.official not in source:  # most sources (the aside holds the word too): nothing to change
        return source
    source = source.replace(term.aside, term.official)
    head, found, rest = source.partition(term.official)
    if not found:
        return source
    return head + (term.plain if said else term.aside) + rest.replace(term.official, term.plain)


ANNUAL_LIMIT = Term("医保一年最多报销", "统筹基金年度支付限额")
FUND_PAID = Term("基本医保报销", "统筹基金支付")
AFTER_BASIC = Term("基本医保报销后您还要付")
SERIOUS_SLICES = Term("大病保险分段报销")
SERIOUS_PAID = Term("大病保险这次报销")
SERIOUS_LIMIT = Term("大病保险一年最多报销", "大病保险年度最高支付限额")
YOU_PAY = Term("您自己付", "个人自付")
YOU_PAY_LAST = Term("最后您自己付", "个人自付")
ANNUAL_WAGE = Term("前年深圳在岗职工年平均工资", "上上年度在岗职工年平均工资")
MONTHLY_WAGE = Term("前年深圳就业人员月平均工资", "上上年度全口径城镇单位就业人员月平均工资")
RESIDENT_INCOME = Term("前年深圳居民月人均可支配收入", "上上年度城镇居民月人均可支配收入")
PERSONAL_ACCOUNT = Term("每月存进您个人账户的钱", "个人账户每月划入")
OVER_LIMIT = "一年最多报销额"

# The statistics the rules read (BASELINE_LABELS, by kind), said in residents' words with the statistic's official
# name once in brackets, in a result's 请注意 note or message: 深圳就业人员的月平均工资（政策里叫“…”）.
BASELINE_TERMS = {
    "avg_annual_wage": Term("深圳在岗职工的年平均工资", "深圳市城镇非私营单位在岗职工年平均工资"),
    "avg_monthly_wage_all": Term("深圳就业人员的月平均工资", "深圳市全口径城镇单位就业人员月平均工资"),
    "resident_monthly_income": Term("深圳居民每人每月的平均收入", "深圳市城镇居民月人均可支配收入"),
}  # what a yearly limit is called in "超过…的部分"
