"""Hand-checked figures of the seed report (data/wenzhou-2018-rule-of-law.txt).

Read sentence by sentence: every number written with Arabic digits in a section, with
what it is.  Each entry is ``(raw, section_id, kind, label_keyword)``: the figure as
written (unit and qualifier included), the section ("1.2" = chapter 一, section （二）),
its kind, and a word its label must contain — the word a reader would search for.
A raw repeated in one section ("100%" twice in 1.1) is listed once per occurrence.

Dates are listed too (kind ``date``): they are kept so a UI can filter them out.

``NOT_FIGURES`` lists the digit-bearing names of the seed that are not statistics:
no non-date figure may overlap them.  (十八大, 第四巡视组, “十三五”, 三年 … use Chinese
numerals and never become figures.)
"""

from __future__ import annotations

GOLD: list[tuple[str, str, str, str]] = [
    # 一（一）深化“最多跑一次”改革
    ("100%", "1.1", "percent", "最多跑一次"),
    ("4.8万平方米", "1.1", "area", "温州市民中心"),
    ("53个", "1.1", "count", "部门"),
    ("1600多项", "1.1", "count", "事项"),
    ("8大", "1.1", "count", "综合专区"),
    ("877项", "1.1", "count", "网上办理事项"),
    ("100%", "1.1", "percent", "实现率"),
    ("181项", "1.1", "count", "一证通办"),
    ("57%", "1.1", "percent", "实现率"),
    ("452项", "1.1", "count", "自助办理事项"),
    ("130项", "1.1", "count", "掌上办理"),
    ("254项", "1.1", "count", "全城通办"),
    # 一（二）加快重点服务领域优化整合
    ("100天", "1.2", "duration", "投资项目"),
    ("最多100天", "1.2", "duration", "开工前审批"),
    ("最多30天", "1.2", "duration", "竣工验收"),
    ("106项", "1.2", "count", "事项"),
    ("12个工作日", "1.2", "duration", "办事时限"),
    ("2个工作日", "1.2", "duration", "办事时限"),
    ("26个", "1.2", "count", "市级部门"),
    ("331个", "1.2", "count", "事项"),
    ("5个", "1.2", "count", "单位"),
    ("6次", "1.2", "count", "开办过程"),
    ("12个工作日", "1.2", "duration", "开办过程"),
    ("1.5天", "1.2", "duration", "开办过程"),
    ("4天", "1.2", "duration", "营业"),
    ("16种", "1.2", "count", "企业注销表单"),
    ("3种", "1.2", "count", "企业注销表单"),
    ("最少40天", "1.2", "duration", "办理时限"),
    ("5-20天", "1.2", "range", "复杂类企业"),
    # 一（三）发挥信用联合奖惩作用
    ("41个", "1.3", "count", "部门"),
    ("22类", "1.3", "count", "联合奖惩对象"),
    ("33963人次", "1.3", "count", "信用核查"),
    ("420人次", "1.3", "count", "激励信用优秀对象"),
    ("10类", "1.3", "count", "红黑名单奖惩措施"),
    ("16414次", "1.3", "count", "信用核查"),
    ("201人次", "1.3", "count", "黑名单对象"),
    # 二（一）有序推进立法工作
    ("2018年", "2.1", "date", "年份"),
    # 二（二）加强规范性文件监督管理
    ("7个", "2.2", "count", "方面"),
    ("30日", "2.2", "duration", "即时清理程序"),
    ("6次", "2.2", "count", "专项清理"),
    ("9类", "2.2", "count", "招标投标"),
    ("27件", "2.2", "count", "规范性文件"),
    ("2件", "2.2", "count", "修改"),
    ("6个", "2.2", "count", "方面"),
    ("8件", "2.2", "count", "异议申请"),
    ("400件", "2.2", "count", "备案文件"),
    ("9件", "2.2", "count", "问题文件"),
    # 三（一）完善重大决策制度
    ("5个", "3.1", "count", "重大行政决策"),
    ("2018年度", "3.1", "date", "重大行政决策事项目录"),
    ("2018 年", "3.1", "date", "温州市人民政府办公室"),
    # 三（二）充分发挥政府法律顾问作用
    ("63件", "3.2", "count", "法律审查"),
    ("400多次", "3.2", "count", "协调会议"),
    ("160余笔", "3.2", "count", "法律服务订单"),
    ("140余万元", "3.2", "money", "法律服务金额"),
    ("700余人", "3.2", "count", "法律顾问"),
    ("4000余人次", "3.2", "count", "法律事务服务"),
    # 四（一）推进行政执法规范化建设
    ("107个", "4.1", "count", "统建单位"),
    ("4157件", "4.1", "count", "行政处罚案件"),
    ("36055项", "4.1", "count", "处罚事项"),
    ("34720项", "4.1", "count", "裁量配置事项"),
    # 四（二）深入推进“双随机一公开”工作
    ("237个", "4.2", "count", "事项"),
    ("306100个", "4.2", "count", "对象"),
    ("10863名", "4.2", "count", "行政执法人员"),
    ("3%", "4.2", "percent", "抽查比例"),
    ("5%", "4.2", "percent", "抽查比例"),
    ("100%", "4.2", "percent", "公示率"),
    # 四（三）全力降低行政败诉率
    ("2016年", "4.3", "date", "行政败诉案件"),
    # 五（一）发力重点执法领域
    ("2018年", "5.1", "date", "行政执法监督"),
    ("1人", "5.1", "count", "工作人员"),
    ("21名", "5.1", "count", "行政执法监督员"),
    ("15次", "5.1", "count", "专项监督"),
    # 五（二）加强监督协作
    ("2018年度", "5.2", "date", "案卷评查"),
    ("316卷", "5.2", "count", "案卷"),
    # 五（三）认真落实公平竞争审查制度
    ("24个", "5.3", "count", "成员单位"),
    ("2018年", "5.3", "date", ""),
    ("3次", "5.3", "count", "联席会议"),
    ("11个", "5.3", "count", "县"),
    ("2个", "5.3", "count", "省级产业集聚区"),
    ("11个", "5.3", "count", "县"),
    ("2个", "5.3", "count", "省级产业集聚区"),
    ("24个", "5.3", "count", "联席会议成员单位"),
    ("2次", "5.3", "count", "业务培训"),
    # 六（一）完善行政复议工作制度
    ("27件", "6.1", "count", "撤回行政复议申请"),
    ("133件", "6.1", "count", "撤回行政复议申请"),
    ("35%", "6.1", "percent", "办结案件总数"),
    ("2018年", "6.1", "date", "年份"),
    ("958件", "6.1", "count", "立案受理"),
    ("920件", "6.1", "count", "审结"),
    ("176件", "6.1", "count", "结转案件"),
    ("159件", "6.1", "count", "纠错"),
    ("17.3%", "6.1", "percent", "纠错率"),
    ("215件", "6.1", "count", "结案"),
    ("23.4%", "6.1", "percent", "和解、调解率"),
    ("55周年", "6.1", "duration", "枫桥经验"),
    ("12家", "6.1", "count", "行政争议调解中心"),
    ("30.18%", "6.1", "percent", "一审行政诉讼案件调解率"),
    ("5.78%", "6.1", "percent", "调解率"),
    # 六（二）创新智慧仲裁
    ("2个月", "6.2", "duration", "知识产权仲裁"),
    ("14起", "6.2", "count", "知识产权仲裁案件"),
    ("10项", "6.2", "count", "仲裁事项"),
    ("20余件", "6.2", "count", "仲裁案件"),
    # 六（三）高效推进信访法治化建设
    ("96%以上", "6.3", "percent", "录入率"),
    # 七（一）落实第一责任人职责
    ("8次", "7.1", "count", "学法活动"),
    # 七（二）夯实法治基础
    ("2018-2020年", "7.2", "date", "县乡法治政府建设行动计划"),
    ("11个", "7.2", "count", "县"),
    ("2018-2020", "7.2", "date", "县乡法治政府建设行动计划"),
    ("36个", "7.2", "count", "试点乡镇"),
    # 七（三）提高政府工作人员法治能力
    ("88期", "7.3", "count", "举办"),
    ("15872人", "7.3", "count", "培训"),
    ("40.2%", "7.3", "percent", "三年计划"),
    ("9期", "7.3", "count", "举办"),
    ("2292人", "7.3", "count", "培训"),
    ("41.4%", "7.3", "percent", "三年计划"),
    ("3229人", "7.3", "count", "普法考试"),
    ("100%", "7.3", "percent", "及格率"),
    ("52名", "7.3", "count", "新任领导干部"),
    # 七（四）加强法治宣传
    ("2000余辆", "7.4", "count", "公交车"),
]

# (text in the section, section id): digits that belong to a name, not a statistic.
NOT_FIGURES: list[tuple[str, str]] = [
    ("24小时服务区", "1.1"),  # a service area that never closes
    ("24小时自助办理", "1.1"),  # round-the-clock self-service, not a duration
    ("S1线", "2.1"),  # metro line S1
    ("S1线", "3.2"),  # 《温州市域铁路S1线一期工程PPP项目备忘录》
]

# Pairs (from raw, to raw, section) that must be linked both ways.
PAIRS: list[tuple[str, str, str]] = [
    ("12个工作日", "2个工作日", "1.2"),
    ("16种", "3种", "1.2"),
    ("3%", "5%", "4.2"),
]

# (raw, section): figures written as a change against a previous value.
CHANGES: list[tuple[str, str]] = [("5.78%", "6.1")]
