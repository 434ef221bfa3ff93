"""Search quality and robustness for faq.search, against the real handbook data.

Pure Python: no database and no Django settings are needed. The query table is
written the way residents type into a search box (colloquial, often without
the handbook's own words); each names the question that should answer it.
"""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faq.colloquial import load_rewrites
from faq.comic import titles
from faq.facets import load_facets, meant
from faq.intents import load_intents
from faq.search import (
    _CJK_RUN_RE,
    FACET_FACTOR,
    MAX_QUERY_CHARS,
    Document,
    Hit,
    SearchIndex,
    _converters,
    _holds_no_key,
    default_index,
    documents_from_handbook,
    load_synonyms,
    load_ways_of_asking,
    normalize,
    opencc_keys,
    to_simplified,
)
from faq.slips import load_pinyin

HANDBOOK = Path(__file__).resolve().parents[2] / "faq" / "data" / "handbook.json"

if not HANDBOOK.exists():
    pytest.skip("faq/data/handbook.json has not been written yet", allow_module_level=True)

# (query as a resident types it, number of the question that answers it)
EVERYDAY_QUERIES = [
    # 一、参保缴费
    ("退休后把户口迁到深圳能参加医保吗", 1),
    ("退休了还要交医保吗", 1),
    ("深户没工作的人医保怎么交", 2),
    ("无业人员自己交医保交多少", 2),
    ("老家交了新农合来深圳还能买医保吗", 3),
    ("小孩医保钱从哪个卡扣", 4),
    ("怎么打印参保证明", 5),
    ("社保证明去哪里开", 5),
    ("能不能在手机上自己交医保", 6),
    ("离职去外地工作了医保怎么转", 7),
    ("辞职离开深圳要开什么缴费凭证", 7),
    # 二、医保待遇
    ("医保个人账户有什么用", 8),
    ("住院天数有限制吗", 9),
    ("医保规定住院不能超过多少天", 9),
    ("被车撞了医药费谁出", 10),
    ("被电动车撞了能用医保看病吗", 10),
    ("肇事者跑了医药费怎么办", 11),
    ("撞我的人逃逸了找不到人医保能先垫付吗", 11),
    ("起付线是什么", 12),
    ("封顶线是什么意思", 12),
    ("三级医院住院门槛费多少", 12),
    ("自费药为什么不能报", 13),
    ("医保是不是所有药都能报", 13),
    ("民营医院报销比例一样吗", 14),
    ("私立医院和公立医院报销一样吗", 14),
    ("二档医保看门诊要去哪里", 15),
    ("二档参保人门诊要绑定社康吗", 15),
    ("二档医保门诊能报多少", 16),
    ("社保卡里的钱能给家人用吗", 17),
    ("医保卡的钱可以给老婆孩子看病吗", 17),
    ("门诊大病报销比例多少", 18),
    ("门诊大病多久能开始享受待遇", 18),
    ("在老家报过的发票还能拿回深圳报吗", 19),
    ("两边都有医保能重复报销吗", 19),
    ("一档去社康看病有什么优惠", 20),
    ("个人账户钱用完了怎么办", 21),
    ("医保卡没钱了看门诊还能报吗", 21),
    ("医保卡能在药店买感冒药吗", 22),
    ("社保卡可以去药房刷吗", 22),
    ("高血压糖尿病有优惠吗", 23),
    ("慢性病拿药能多报吗", 23),
    # 三、生育待遇
    ("去国外生孩子能报销吗", 24),
    ("去香港生小孩医保报吗", 24),
    ("男员工要买生育保险吗", 25),
    ("公司只给女员工交生育险合法吗", 25),
    ("50多岁还没退休还要交生育保险吗", 26),
    ("退休了生小孩的费用还能报销吗", 27),
    ("失业了怀孕了产检费用怎么办", 28),
    ("老公有生育保险老婆没工作能报生孩子的钱吗", 28),
    ("老婆没上班能领生育津贴吗", 29),
    ("产假多少天", 30),
    ("结扎手术能休几天假", 30),
    ("生孩子哪些费用可以报", 31),
    ("生育保险报销哪些项目", 31),
    # 四、异地就医
    ("退休后去北京跟子女住能办异地就医吗", 32),
    ("异地就医备案要什么材料", 33),
    ("异地备案在哪里办", 33),
    ("异地备案提交后怎么查有没有通过", 34),
    ("在外地住院怎么直接结算", 35),
    ("备案后去外地医院看病怎么直接刷卡", 35),
    ("在北京看门诊能直接结算吗", 36),
    ("异地备案只能去指定的几家医院吗", 37),
    ("异地住院按哪里的标准报销", 38),
    ("在外地住院医院系统坏了自己垫钱了怎么报销", 39),
    # 五、医保电子凭证
    ("医保电子凭证怎么激活", 40),
    ("手机上的医保码怎么弄", 40),
    ("看病不带卡可以扫码吗", 40),
    # 六、医疗救助
    ("哪些人可以申请医疗救助", 41),
    ("家里困难能申请医疗救助吗", 41),
    ("低保户交医保有补贴吗", 42),
    ("医疗救助能报多少比例", 43),
    ("低保户住院自费部分还能再报吗", 44),
    ("救助对象在外地看病怎么报", 45),
    # 七、基金监督
    ("发现有人骗医保去哪里举报", 46),
    ("举报骗保打什么电话", 46),
    ("举报骗保有奖励吗", 47),
    ("举报骗保能拿多少钱", 47),
    ("医院包吃包住拉人住院算骗保吗", 48),
    ("哪些行为属于骗保", 48),
]

# A second batch, written after the synonyms were settled and never tuned for:
# its hit rate says how the engine does on wording it has not seen.
UNSEEN_QUERIES = [
    ("老人户口迁来深圳没养老金能参保吗", 1),
    ("深圳户口在家带孩子医保怎么交", 2),
    ("新农合停了能在深圳交医保吗", 3),
    ("孩子在学校医保是学校交吗", 4),
    ("参保证明网上能打吗", 5),
    ("要离开深圳了社保怎么办", 7),
    ("个人账户能干嘛", 8),
    ("医院让我出院说住太久了", 9),
    ("车祸受伤能走医保吗", 10),
    ("起付线多少钱", 12),
    ("为什么有的药医保不报", 13),
    ("门诊大病连续参保多久", 18),
    ("药店能刷医保卡吗", 22),
    ("香港生孩子生育津贴还能领吗", 24),
    ("公司不给男的交生育险", 25),
    ("退休了生育保险还管用吗", 27),
    ("怀孕了没工作老公有生育保险", 28),
    ("产假工资老婆没工作能领吗", 29),
    ("顺产产假几天", 30),
    ("异地就医备案怎么办", 33),
    ("备案成功没怎么查", 34),
    ("外地住院能直接刷卡吗", 35),
    ("异地门诊能刷卡吗", 36),
    ("异地住院报销比例按哪里", 38),
    ("外地看病垫的钱怎么报", 39),
    ("医保码在哪里开通", 40),
    ("特困户看病能报多少", 43),
    ("救助对象住院后剩下的钱还能报吗", 44),
    ("举报电话多少", 46),
    ("骗保举报奖多少", 47),
    ("挂名住院算不算骗保", 48),
]

# The examples of issue #9 (issue 11), each of which the search used to miss.
ISSUE_QUERIES = [
    ("在外地看病怎么报", 33),
    ("孩子医保在哪交", 4),
    ("住完院还能报吗", 44),
    ("異地就醫備案怎麼辦", 33),
]

# A third batch for that issue, written from how residents talk before any tuning for it: whole
# sentences, often about someone else (我爸, 老婆), naming a city instead of 外地.
SPOKEN_QUERIES = [
    ("爸妈退休了户口迁过来能在深圳买医保吗", 1),
    ("随迁老人没有退休金怎么参保", 1),
    ("我爸70岁了刚把户口迁来深圳没有退休工资可以参保吗", 1),
    ("深圳户口没上班医保怎么缴费", 2),
    ("全职妈妈深户能交居民医保吗", 2),
    ("我是深圳户口没有工作想自己交医保按什么标准交", 2),
    ("老家的农合停了在深圳怎么参保", 3),
    ("我妈以前在老家交新农合现在户口迁到深圳了能在这边参保吗", 3),
    ("少儿医保从哪张银行卡扣钱", 4),
    ("宝宝医保费扣的是谁的卡", 4),
    ("我家小孩的医保费是从哪个账户扣的", 4),
    ("去哪打社保证明", 5),
    ("公司要我提供参保证明在哪里打印", 5),
    ("自己在微信上交医保可以吗", 6),
    ("我没有单位可以在网上自己办医保吗", 6),
    ("换工作去广州了医保怎么转过去", 7),
    ("我要去上海工作了深圳的医保怎么办", 7),
    ("医保个人账户是什么", 8),
    ("个账里的钱能干什么", 8),
    ("住院超过15天要出院吗", 9),
    ("医院说住满两周必须出院是真的吗", 9),
    ("住院住了半个月医院让出院", 9),
    ("出车祸了能用医保吗", 10),
    ("被人开车撞了医药费应该谁付", 10),
    ("撞人的跑了医药费谁付", 11),
    ("撞我的车跑了医保能报吗", 11),
    ("住院报销有个门槛是什么意思", 12),
    ("医保一年最多报多少钱", 12),
    ("住院要自己先付多少钱才开始报", 12),
    ("医生开的药医保不报怎么回事", 13),
    ("为什么有些药医生说要自费", 13),
    ("去私人医院看病能报销吗", 14),
    ("去民营医院住院报销比例低吗", 14),
    ("二档医保看病要先去社康吗", 15),
    ("我是二档医保看病必须去绑定的社康吗", 15),
    ("二档有门诊报销吗", 16),
    ("二档医保在社康看病能报多少", 16),
    ("我的医保卡能给爸妈用吗", 17),
    ("家庭共济怎么用", 17),
    ("我爸的医保卡余额能给我用吗", 17),
    ("门特待遇怎么规定的", 18),
    ("我有门诊大病报销比例是多少", 18),
    ("在两个地方都买了医保能报两次吗", 19),
    ("我在老家也交了医保两边能都报吗", 19),
    ("一档去社康看病便宜吗", 20),
    ("去社康看病比医院便宜吗", 20),
    ("医保卡里没钱了怎么办", 21),
    ("我看病多个人账户不够用怎么办", 21),
    ("用医保卡在药店买药可以吗", 22),
    ("能不能用医保卡在药店买感冒药", 22),
    ("糖尿病拿药有什么优惠", 23),
    ("高血压每个月拿药能报销吗", 23),
    ("在美国生小孩回来能报销吗", 24),
    ("我老婆想去香港生孩子医保能报吗", 24),
    ("公司说男的不用交生育保险对吗", 25),
    ("我们公司男同事没交生育保险正常吗", 25),
    ("我五十多岁了还要交生育险吗", 26),
    ("53岁女职工还交生育保险吗", 26),
    ("退休人员生育费用能报吗", 27),
    ("已经退休了还能享受生育保险吗", 27),
    ("失业了怀孕了生孩子的钱医保管吗", 28),
    ("没有工作怀孕了产检能报销吗", 28),
    ("老婆没工作能拿生育津贴吗", 29),
    ("老婆没上班生孩子有生育津贴吗", 29),
    ("剖腹产有多少天产假", 30),
    ("上环可以休几天", 30),
    ("生孩子产假有几天", 30),
    ("生孩子住院费能报多少", 31),
    ("产检费用能报销吗", 31),
    ("生孩子哪些费用医保能报", 31),
    ("退休后去外地跟孩子住能办异地就医吗", 32),
    ("我退休后想去上海和女儿住医保怎么办", 32),
    ("异地就医怎么备案", 33),
    ("长期住在北京医保怎么备案", 33),
    ("异地就医备案需要带什么", 33),
    ("异地备案办好了没在哪查", 34),
    ("备案申请交了多久有结果", 34),
    ("在外地住院出院能直接结算吗", 35),
    ("办了备案在外地住院怎么结算", 35),
    ("在外地门诊开药能直接报吗", 36),
    ("在外地门诊看病能刷深圳医保吗", 36),
    ("备案后外地哪家医院都能去吗", 37),
    ("备案后可以去外地哪些医院", 37),
    ("在北京住院按北京的标准还是深圳的报", 38),
    ("在外地住院报销比例跟深圳一样吗", 38),
    ("在外地看病自己垫了钱回来怎么报", 39),
    ("在外地住院没刷上卡自己付了钱怎么报销", 39),
    ("没带社保卡怎么用手机看病", 40),
    ("医保电子凭证有什么用", 40),
    ("什么人能申请医疗救助", 41),
    ("低保户能申请医疗救助吗", 41),
    ("低保户医保费政府帮交吗", 42),
    ("特困人员交医保政府补贴吗", 42),
    ("医疗救助能报多少", 43),
    ("医疗救助一年最多救助多少", 43),
    ("医保报完剩下的钱还能再报吗", 44),
    ("低保户住院刷完医保剩下的钱还能报吗", 44),
    ("救助对象在外地住院怎么申请救助", 45),
    ("救助对象在外地看病垫的钱怎么报", 45),
    ("怎么举报医院骗医保", 46),
    ("发现药店骗保怎么举报", 46),
    ("举报骗保奖励多少", 47),
    ("举报骗保最高奖多少钱", 47),
    ("住院送钱送礼品是骗保吗", 48),
    ("医院免费体检拉人住院是骗保吗", 48),
    # a fourth batch, in a shorter style
    ("父母随迁来深圳可以办医保吗", 1),
    ("没退休金的老人能交深圳医保吗", 1),
    ("深户居民医保一年交多少钱", 2),
    ("老家农村医保停了再参保", 3),
    ("孩子医保费用扣款账户", 4),
    ("学生医保是学校代缴吗", 4),
    ("社保缴费证明怎么开", 5),
    ("个人怎么在手机上参保", 6),
    ("医保关系怎么转出去", 7),
    ("个人账户里的钱能取出来吗", 8),
    ("住院只能住15天吗", 9),
    ("骑车被撞医保能报吗", 10),
    ("对方全责还能走医保吗", 10),
    ("肇事司机找不到了怎么办", 11),
    ("医保起付线和封顶线多少", 12),
    ("为什么医保目录外的药不报", 13),
    ("民营医院和公立医院报销一样吗", 14),
    ("二档要在社康看门诊吗", 15),
    ("二档医保社康门诊报销比例", 16),
    ("医保账户能给子女用吗", 17),
    ("门诊大病怎么报销", 18),
    ("外地报过的单据深圳还能报吗", 19),
    ("一档社康看病怎么收费", 20),
    ("个人账户不够用门诊还能报吗", 21),
    ("定点药店能用医保卡买药吗", 22),
    ("高血压糖尿病门诊用药报销", 23),
    ("境外生孩子生育津贴", 24),
    ("单位只给女的买生育保险", 25),
    ("快退休了还要交生育保险吗", 26),
    ("退休了生孩子医保管不管", 27),
    ("失业期间生孩子医保能报吗", 28),
    ("老公交了生育险老婆生孩子能报吗", 28),
    ("未就业配偶能领生育津贴吗", 29),
    ("流产有几天假", 30),
    ("顺产剖腹产能报多少", 31),
    ("退休人员异地安置备案", 32),
    ("异地备案网上怎么办", 33),
    ("怎么查异地备案有没有成功", 34),
    ("备案后在外地住院怎么结算", 35),
    ("异地门诊慢性病能直接刷卡吗", 36),
    ("异地就医只能去定点医院吗", 37),
    ("异地就医报销比例按深圳还是当地", 38),
    ("外地看病没直接结算回深圳报销", 39),
    ("医保码怎么用", 40),
    ("谁可以享受医疗救助", 41),
    ("医疗救助对象的医保费谁交", 42),
    ("医疗救助比例和限额", 43),
    ("救助对象住院后自费部分能报吗", 44),
    ("救助对象在外地住院怎么报销", 45),
    ("骗保举报电话是多少", 46),
    ("举报骗保能奖多少", 47),
    ("什么行为算骗保", 48),
    # a fifth batch, written last (mixed styles, commas and all)
    ("我爸妈户口刚迁过来，他们能买深圳的医保吗", 1),
    ("在家带娃没上班医保怎么买", 2),
    ("老家农保停了能转到深圳吗", 3),
    ("孩子上幼儿园医保怎么交", 4),
    ("需要医保缴费证明去哪里弄", 5),
    ("不去窗口能办参保吗", 6),
    ("去外省上班了医保关系怎么转", 7),
    ("医保卡里的钱是哪来的", 8),
    ("住院太久医院赶人怎么办", 9),
    ("别人开车撞了我医保给报吗", 10),
    ("被撞了对方逃了医药费怎么办", 11),
    ("住院报销门槛是多少钱", 12),
    ("进口药能报销吗", 13),
    ("莆田系医院能用医保吗", 14),
    ("二档一定要绑定社康吗", 15),
    ("二档医保门诊一年能报多少", 16),
    ("能用我的医保给我妈看病吗", 17),
    ("尿毒症透析能报多少", 18),
    ("商业保险报了医保还能报吗", 19),
    ("社康看病一档能优惠多少", 20),
    ("门诊花了很多钱能多报吗", 21),
    ("药房买感冒药能刷卡吗", 22),
    ("降压药能报销吗", 23),
    ("去国外生娃能领津贴吗", 24),
    ("男的也要交生育保险吗", 25),
    ("五十几岁女的还要交生育险吗", 26),
    ("退休后生育还能报吗", 27),
    ("老公有医保老婆失业生孩子能报吗", 28),
    ("老婆没工作能领产假工资吗", 29),
    ("人流能休几天", 30),
    ("产检费用能报多少", 31),
    ("去北京带孙子医保能用吗", 32),
    ("异地就医备案怎么弄", 33),
    ("备案办好了吗怎么看", 34),
    ("外地住院出院时直接结算", 35),
    ("外地开药能刷医保吗", 36),
    ("外地备案只能去一家医院吗", 37),
    ("在外地住院和深圳报的一样多吗", 38),
    ("外地看病回来报销要什么材料", 39),
    ("手机医保码怎么开通", 40),
    ("困难家庭医疗救助条件", 41),
    ("低保医保费谁出", 42),
    ("医疗救助最多给多少", 43),
    ("刷完医保卡剩下的自费还能报吗", 44),
    ("住在外地的救助对象怎么报销", 45),
    ("骗保怎么举报", 46),
    ("举报有奖金吗", 47),
    ("挂床住院算骗保吗", 48),
]

# What people type into a box: two to four words, often the rule's own name.
KEYWORD_QUERIES = [
    ("随迁老人参保", 1),
    ("退休人员落户深圳医保", 1),
    ("非从业居民缴费", 2),
    ("深户无业人员医保", 2),
    ("新农合转深圳医保", 3),
    ("少儿医保扣费", 4),
    ("学生医保怎么交", 4),
    ("参保证明打印", 5),
    ("网上参保缴费", 6),
    ("医保转移", 7),
    ("参保缴费凭证", 7),
    ("个人账户用途", 8),
    ("住院天数限制", 9),
    ("交通事故医保", 10),
    ("第三方责任医保", 10),
    ("肇事逃逸先行支付", 11),
    ("起付线封顶线", 12),
    ("住院起付标准", 12),
    ("医保目录", 13),
    ("自费药品", 13),
    ("民营医院记账比例", 14),
    ("二档门诊社康绑定", 15),
    ("二档门诊待遇", 16),
    ("家庭共济", 17),
    ("个人账户给家人", 17),
    ("门诊大病待遇", 18),
    ("重复报销", 19),
    ("两地参保报销", 19),
    ("一档社康优惠", 20),
    ("门诊统筹", 21),
    ("药店刷卡", 22),
    ("两病门诊用药", 23),
    ("境外生育", 24),
    ("男职工生育保险", 25),
    ("生育保险年龄", 26),
    ("退休人员生育待遇", 27),
    ("未就业配偶生育医疗费", 28),
    ("未就业配偶生育津贴", 29),
    ("计划生育手术假期", 30),
    ("产假天数", 30),
    ("生育医疗费用报销范围", 31),
    ("异地就医备案条件", 32),
    ("异地就医备案办理", 33),
    ("备案材料", 33),
    ("备案进度查询", 34),
    ("异地直接结算", 35),
    ("异地门诊直接结算", 36),
    ("异地定点医院", 37),
    ("异地就医报销标准", 38),
    ("异地垫付报销", 39),
    ("手工报销", 39),
    ("医保电子凭证激活", 40),
    ("医疗救助对象", 41),
    ("资助参保", 42),
    ("医疗救助待遇", 43),
    ("一站式结算后自费", 44),
    ("异地医疗救助", 45),
    ("举报方式", 46),
    ("举报奖励", 47),
    ("欺诈骗保行为", 48),
]

# Traditional characters, as Hong Kong, Macau and Taiwan residents in Shenzhen type, some in Cantonese
# (點樣 = 怎么, 俾 = 给, 屋企人 = 家人, 生仔 = 生孩子, 冇 = 没有).
TRADITIONAL_QUERIES = [
    ("買樓要醫保證明點樣打印", 5),
    ("醫保卡可以俾屋企人用嗎", 17),
    ("喺香港生仔可以報銷嗎", 24),
    ("點樣申請醫療救助", 41),
    ("產假有幾多日", 30),
    ("舉報騙保有冇獎勵", 47),
    ("醫保電子憑證點樣激活", 40),
    ("住院天數有限制嗎", 9),
    ("醫保卡裏嘅錢可以買藥嗎", 22),
    ("產假工資點樣計", 30),
    ("跨省異地就醫直接結算", 35),
    ("個人帳戶有什麼用", 8),  # 帳 becomes 帐, an older form of the handbook's 账
]

# Slips of pinyin input: the right sound, the wrong character.
SLIP_QUERIES = [
    ("起伏线是什么", 12),
    ("封定线多少", 12),
    ("易地就医备案怎么办", 33),
    ("医疗求助条件", 41),
    ("生育金贴能领多少", 29),
    ("二挡门诊待遇", 16),
    ("破腹产能报多少", 31),
]

ALL_QUERIES = (
    EVERYDAY_QUERIES
    + UNSEEN_QUERIES
    + ISSUE_QUERIES
    + SPOKEN_QUERIES
    + KEYWORD_QUERIES
    + TRADITIONAL_QUERIES
    + SLIP_QUERIES
)


def _table_params():
    for query, number in ALL_QUERIES:
        yield pytest.param(query, number, id=f"Q{number:02d}-{query}")


HOSTILE_QUERIES = [
    "",
    " ",
    "\t\n\r ",
    "？？？！！！",
    "吗呢吧啊的了",
    "😀🏥💊",
    "\x00\x01\x1b[31m\x7f",
    "<script>alert('医保')</script>",
    "'; DROP TABLE faq_question; --",
    '" OR 1=1 --',
    "%s %d {0} {{x}} ${x}",
    "\\u0000 \\x00",
    "\ud800\udfff",
    "\u200b\u200d\ufeff",
    "ｓｅｌｅｃｔ＊ｆｒｏｍ",
    "a" * 5,
    "医",
    "1",
    "报",
]


@pytest.fixture(scope="module")
def handbook():
    return json.loads(HANDBOOK.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(handbook):
    return default_index(documents_from_handbook(handbook, titles(), load_ways_of_asking()))


def _rank(index, query, number):
    numbers = [hit.number for hit in index.search(query, limit=48)]
    return numbers.index(number) + 1 if number in numbers else None


def test_handbook_has_all_questions(handbook):
    assert [q["number"] for q in handbook["questions"]] == list(range(1, 49))


def test_table_covers_every_section(handbook):
    section_of = {q["number"]: q["section"] for q in handbook["questions"]}
    covered = {section_of[number] for _, number in EVERYDAY_QUERIES}
    assert covered == {s["number"] for s in handbook["sections"]}
    assert len(EVERYDAY_QUERIES) >= 40


@pytest.mark.parametrize(("query", "number"), list(_table_params()))
def test_everyday_query_finds_its_question_in_top_3(index, query, number):
    top = [hit.number for hit in index.search(query, limit=3)]
    assert number in top, f"{query!r} should find question {number}, got {top}"


def _hit_rates(index, table):
    ranks = [_rank(index, query, number) for query, number in table]
    hit1 = sum(r == 1 for r in ranks) / len(ranks)
    hit3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
    return hit1, hit3


@pytest.mark.parametrize(
    ("name", "table"),
    [
        ("everyday", EVERYDAY_QUERIES),
        ("unseen", UNSEEN_QUERIES),
        ("spoken", SPOKEN_QUERIES),
        ("keywords", KEYWORD_QUERIES),
        ("traditional", TRADITIONAL_QUERIES),
        ("all", ALL_QUERIES),
    ],
    ids=["everyday", "unseen", "spoken", "keywords", "traditional", "all"],
)
def test_hit_rates_over_the_whole_table(index, name, table):
    hit1, hit3 = _hit_rates(index, table)
    print(f"\n{name}: hit@1 = {hit1:.3f}  hit@3 = {hit3:.3f}  over {len(table)} queries")
    assert hit3 >= 0.9


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=repr)
def test_garbage_and_hostile_queries_return_a_list(index, query):
    hits = index.search(query)
    assert isinstance(hits, list)
    assert all(isinstance(hit, Hit) for hit in hits)


@pytest.mark.parametrize("query", ["", " ", "？？？", "吗呢吧啊的了", "😀🏥💊", "\x00\x01", "zzzzqqq"])
def test_queries_without_content_find_nothing(index, query):
    assert index.search(query) == []


def test_very_long_query_is_cut_to_what_a_resident_types(index):
    query = "住院天数有限制吗" * 1250  # 10,000 characters: only the first MAX_QUERY_CHARS are read
    hits = index.search(query)
    assert hits and hits[0].number == 9
    assert [h.number for h in hits] == [h.number for h in index.search(query[:MAX_QUERY_CHARS])]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_returns_a_list(index, query):
    hits = index.search(query)
    assert isinstance(hits, list)
    assert len(hits) <= 10


def test_limit_is_respected(index):
    assert len(index.search("医保", limit=3)) == 3
    assert index.search("医保", limit=0) == []
    assert index.search("医保", limit=-5) == []


def test_synonym_alone_finds_the_question(index):
    # 医保卡 appears in no handbook question; residents mean the 社保卡.
    top = [hit.number for hit in index.search("医保卡", limit=3)]
    assert {17, 22} & set(top)


def test_synonyms_are_expanded_and_reported_for_highlighting(index):
    hit = index.search("生娃", limit=1)[0]
    assert hit.number in range(24, 32)
    assert any(term in {"生育", "分娩", "怀孕"} for term in hit.terms)


def test_literal_word_outranks_its_synonym():
    documents = [
        Document(number=1, question="就医要带什么证件", answer=""),
        Document(number=2, question="看病要带什么证件", answer=""),
        Document(number=3, question="报销要带什么", answer=""),
    ]
    index = SearchIndex(documents, {"看病": ["就医"], "就医": ["看病"]})
    assert [hit.number for hit in index.search("看病")] == [2, 1]
    assert [hit.number for hit in SearchIndex(documents).search("看病")] == [2]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("生育保险", 31),  # 问31's 常见问法 word for word: the bare topic leads to what the insurance pays
        ("生育保險", 31),  # typed in traditional characters, the same way of asking
        ("生育保险 男员工", 25),  # more than the way of asking: ranked on its words as before
    ],
)
def test_a_query_that_is_a_way_of_asking_finds_its_question(query, first):
    # 问25 says 生育保险 in its question, 问31 only in a 常见问法, which weighs less:
    # without the whole-way match 问25 would win.
    documents = [
        Document(number=25, question="老板不给男员工买生育保险", answer=""),
        Document(number=31, question="员工能享受哪些生育医疗费用待遇", answer="", ways=("生育保险",)),
    ]
    assert SearchIndex(documents).search(query)[0].number == first


def test_terms_are_words_found_in_the_question(index, handbook):
    hit = index.search("住院天数有限制吗", limit=1)[0]
    assert hit.number == 9
    assert "住院天数" in "".join(hit.terms)


def test_hit_terms_can_be_highlighted_in_their_question(index, handbook):
    # The 常见问法 are on no page: a question found through them alone has nothing to mark (as 常见问法 below),
    # and one found through its own words shows them.
    documents = documents_from_handbook(handbook, titles())
    texts = {doc.number: normalize("\n".join(_fields(doc))) for doc in documents}
    without_ways = default_index(documents)
    for query, _ in ALL_QUERIES:
        for hit in index.search(query, limit=3):
            assert all(term in texts[hit.number] for term in hit.terms)
        for hit in without_ways.search(query, limit=3):
            assert hit.terms, f"{query!r} matched question {hit.number} but reports no terms"


def _fields(doc):
    return doc.title, doc.question, doc.answer, " ".join(doc.keywords), doc.section, doc.captions


def test_empty_index_finds_nothing():
    assert SearchIndex([]).search("住院") == []


def test_exact_question_text_ranks_first(index, handbook):
    wrong = {}
    for q in handbook["questions"]:
        top = index.search(q["question"], limit=1)
        if not top or top[0].number != q["number"]:
            wrong[q["number"]] = top[0].number if top else None
    assert wrong == {}


def test_load_synonyms_groups(tmp_path):
    path = tmp_path / "synonyms.json"
    path.write_text(json.dumps([["报销", "报"], ["报", "赔"], ["", 3]]), encoding="utf-8")
    assert load_synonyms(path) == {"报销": ["报"], "报": ["报销", "赔"], "赔": ["报"]}


def test_default_synonyms_file_is_substantial():
    synonyms = load_synonyms()
    assert len(synonyms) > 100
    assert "医保卡" in synonyms["社保卡"]


# --- Traditional characters ----------------------------------------------------------------------------------

SAME_QUESTION_IN_BOTH_SCRIPTS = [
    ("異地就醫備案怎麼辦", "异地就医备案怎么办"),
    ("醫保電子憑證怎麼激活", "医保电子凭证怎么激活"),
    ("舉報騙保有獎勵嗎", "举报骗保有奖励吗"),
    ("醫保卡裏的錢可以給家人用嗎", "医保卡里的钱可以给家人用吗"),  # 裏: the Hong Kong form of 裡
    ("熱綫電話", "热线电话"),  # 綫: Hong Kong's 線
]


@pytest.mark.parametrize(("traditional", "simplified"), SAME_QUESTION_IN_BOTH_SCRIPTS)
def test_traditional_input_finds_what_simplified_finds(index, traditional, simplified):
    assert to_simplified(traditional) == simplified
    assert index.search(traditional) == index.search(simplified)


def test_simplified_text_is_left_as_it_is(handbook):
    text = json.dumps(handbook, ensure_ascii=False) + HANDBOOK.with_name("synonyms.json").read_text(encoding="utf-8")
    assert to_simplified(text) == text


def test_conversion_passes_over_what_opencc_cannot_take():
    # OpenCC's C library stops at a NUL and refuses lone surrogates: only Chinese runs are handed to it
    assert to_simplified("\x00醫保\ud800a\x00療") == "\x00医保\ud800a\x00疗"


# A run of Chinese characters holding no key of OpenCC's dictionaries is not handed to it (faq.search._holds_no_key):
# OpenCC would write it as it is.


def opencc_converted(run: str) -> str:
    for converter in _converters():
        run = converter.convert(run)
    return run


def test_the_keys_of_the_installed_dictionaries_are_known():
    # faq/data/opencc_keys.json was written from the dictionaries installed; after an upgrade of OpenCC every run
    # is converted (the same, slower) until it is written again: .venv/bin/python faq/data/make_opencc_keys.py
    assert opencc_keys() is not None


def test_a_run_passed_over_is_one_opencc_leaves_as_it_is(handbook):
    texts = [json.dumps(handbook, ensure_ascii=False), HANDBOOK.with_name("synonyms.json").read_text(encoding="utf-8")]
    texts += [q for q, *_ in EVERYDAY_QUERIES + UNSEEN_QUERIES] + [t for t, _ in SAME_QUESTION_IN_BOTH_SCRIPTS]
    runs = {
        run[i:j]
        for text in texts
        for run in _CJK_RUN_RE.findall(text)
        for i in range(len(run))
        for j in range(i + 1, min(len(run), i + 8) + 1)
    }
    passed_over = [run for run in runs if _holds_no_key(run)]
    assert len(passed_over) > len(runs) / 4
    assert [run for run in passed_over if opencc_converted(run) != run] == []
    assert not any(_holds_no_key(t) for t, _ in SAME_QUESTION_IN_BOTH_SCRIPTS)


# common characters, traditional ones, the first characters of OpenCC's phrases (什么, 一併)
_MIXED = "住院报销门诊医保卡社康生孩子异地就医备案什么怎么一上下不只户么醫療異備舉報騙獎勵裏綫併著乾後發"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_MIXED, min_size=1, max_size=10))
def test_any_run_passed_over_is_one_opencc_leaves_as_it_is(run):
    assert not _holds_no_key(run) or opencc_converted(run) == run
    assert to_simplified(run) == opencc_converted(run)


def test_a_traditional_query_is_highlighted_in_the_simplified_question(index):
    hit = index.search("住院天數有限制嗎", limit=1)[0]
    assert hit.number == 9 and "住院天数" in "".join(hit.terms)


def test_a_hit_always_shows_why_it_was_found(index):
    # 问10's keywords say 医保能不能报: with 能不能 deleted it shares the characters 保报 with 参保报销,
    # but nothing in it could be marked for the resident, so it is not a hit.
    assert 10 not in [hit.number for hit in index.search("两地参保报销")]
    assert index.search("两地参保报销")[0].number == 19


# --- Numbers ---------------------------------------------------------------------------------------------------

NUMBERED = [
    Document(number=1, question="起付线是多少", answer="一级医院为 100 元，三级医院为 300 元。"),
    Document(number=2, question="举报有什么奖励", answer="最高奖励 10 万元。"),
    Document(number=3, question="哪些行为是骗保", answer="（1）挂名住院的；2. 虚假发票的；③ 冒名就医的。"),
]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("300", [1]),  # a number without its unit matches the number with any
        ("300元", [1]),
        ("10万", [2]),  # 10 万元 and 10万 are one figure
        ("10元", []),  # a different unit is a different figure
        ("1", []),  # list markers ((1), 2., ③) are not figures
        ("2", []),
        ("3", []),
    ],
)
def test_a_number_is_read_with_its_unit(query, found):
    assert [hit.number for hit in SearchIndex(NUMBERED).search(query)] == found


def test_a_querys_facts_multiply_scores_as_their_agreement_says_once_worked_out(index):
    # SearchIndex._facet_factors keeps what each set of facts multiplies the scores by: it must be what
    # faq.facets.Stating.agreement counts, for facts stated and for the unsaid values alike.
    for query in ("二档社康看门诊", "一档退休了住院", "生孩子能报销吗", "住院"):
        facts = meant(index.reading(query), index._facets)
        factors = index._facet_factors(facts)
        agreement = index._stating.agreement(facts)
        assert dict(factors) == {d: FACET_FACTOR**agrees for d, agrees in agreement.items()}
        assert index._facet_factors(dict(facts)) is factors  # kept, not worked out again


def test_a_hit_shows_only_terms_its_page_shows_and_a_question_with_none_in_its_text_is_no_hit(index):
    # SearchIndex._shown_terms reads the whole text only where the page shows none of the terms.
    for query, _ in ALL_QUERIES:
        for hit in index.search(query, limit=10):
            d = index._numbers.index(hit.number)
            assert all(term in index._shown[d] for term in hit.terms)
            assert list(hit.terms) == sorted(hit.terms, key=len, reverse=True)


def test_queries_that_want_the_same_share_what_each_question_shows(index, handbook):
    # 住院能 and 住院吗 lose their last word to the stopwords: they want what 住院 wants, and the terms each question
    # shows of it are kept (SearchIndex._shown_of) rather than worked out again, the same as a new index finds.
    documents = documents_from_handbook(handbook, titles(), load_ways_of_asking())
    wanted = set()
    for query in ("住院", "住院能", "住院吗", "住院能报多少"):
        analysis = index._lexicon.analyse(index.reading(query))
        wanted.add(index._wanted(analysis))
        assert index.search(query, limit=48) == default_index(documents).search(query, limit=48)
    assert len(wanted) == 2
    first, *_ = wanted
    assert index._shown_of(first) is index._shown_of(first)


EDITS = [
    "keyword added",
    "way of asking added",
    "title changed",
    "answer rewritten",
    "question removed",
    "question added",
]


def _edited(documents: list[Document], edit: str) -> list[Document]:
    """The handbook's documents after one staff save of each kind faq.search_index rebuilds the index for."""
    fifth, twelfth = documents[4], documents[11]
    if edit == "keyword added":  # 问5 gains a word no other question has
        return _changed(documents, 5, keywords=(*fifth.keywords, "蓝色海豚"))
    if edit == "way of asking added":  # 问12 gains a 常见问法
        return _changed(documents, 12, ways=(*twelfth.ways, "门槛费要自己掏多少"))
    if edit == "title changed":  # 问1's short title
        return _changed(documents, 1, title="户口迁来深圳的退休人员怎么参保")
    if edit == "answer rewritten":  # 问1's answer: other words, so every field length and idf moves
        return _changed(documents, 1, answer="退休人员迁入深圳后，按规定办理参保。")
    if edit == "question removed":  # every question after 问12 moves up one place in the index
        return [d for d in documents if d is not twelfth]
    # a question added in front: every question moves down one place
    added = Document(number=49, question="住院押金要交多少", answer="按医院规定。", ways=("住院先交多少钱",))
    return [added, *documents]


def _changed(documents: list[Document], number: int, **fields) -> list[Document]:
    """The documents with question `number`'s fields changed, as a staff member's save changes them."""
    return [replace(d, **fields) if d.number == number else d for d in documents]


# The edits' own words, and slips of them (蓝色海屯: the slip mender reads the words of the new index)
EDITED_QUERIES = [
    "蓝色海豚",
    "蓝色海屯",
    "门槛费要自己掏多少",
    "门槛费",
    "户口迁来深圳的退休人员",
    "住院先交多少钱",
    "住院押金",
]


@pytest.mark.parametrize("edit", EDITS)
def test_an_index_made_from_the_previous_one_searches_as_a_new_one(index, handbook, edit):
    # SearchIndex.with_documents keeps each unchanged question's analysis and the lexicon (a staff save of one
    # question: 0.35 → 0.08 s); what depends on every question (idf, field lengths, positions, the slip mender's
    # words) is worked out again.
    documents = _edited(documents_from_handbook(handbook, titles(), load_ways_of_asking()), edit)
    rebuilt, new = index.with_documents(documents), default_index(documents)
    for query in [q for q, _ in ALL_QUERIES] + EDITED_QUERIES:
        assert rebuilt.search(query, limit=48) == new.search(query, limit=48), query
        assert rebuilt.reading(query) == new.reading(query)
    kept = [doc for doc in documents if doc in index._analysed]
    assert len(kept) >= len(documents) - 1
    assert all(rebuilt._analysed[doc] is index._analysed[doc] for doc in kept)
    assert rebuilt._lexicon is index._lexicon


def test_an_index_given_its_intents_and_facets_as_iterators_keeps_them_for_the_next(handbook):
    documents = documents_from_handbook(handbook, titles(), load_ways_of_asking())
    first = SearchIndex(
        documents, load_synonyms(), iter(load_intents()), load_rewrites(), load_pinyin(), iter(load_facets())
    )
    edited = _edited(documents, "keyword added")
    rebuilt, new = first.with_documents(edited), default_index(edited)
    for query in ("被车撞了司机跑了", "住院报销多少钱", "二档社康看门诊"):
        assert rebuilt.search(query, limit=48) == new.search(query, limit=48), query
