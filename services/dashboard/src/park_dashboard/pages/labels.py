"""The public page's labels in Chinese and English."""

from __future__ import annotations

from typing import Literal

__all__ = ["LABELS", "Lang", "label"]

Lang = Literal["zh", "en"]

LABELS: dict[str, tuple[str, str]] = {
    "title": ("园区政务公开", "Open government affairs of the zone"),
    "intro": (
        "依法治园:公开政策、办事指南与承诺时限,并公布各环节的按时办结情况。本页由各单位发布的事件自动生成。",
        "Rule of law in the zone: published policies, the procedure catalogue with its promised time limits, "
        "and how each step keeps its promise. Built automatically from the events the units publish.",
    ),
    "policies": ("已公布政策", "Published policies"),
    "catalogue": ("办事指南(承诺时限)", "Procedure catalogue (promised limits)"),
    "performance": ("承诺时限履行情况", "On-time performance per step"),
    "kind": ("类别", "Kind"),
    "policy": ("政策", "Policy"),
    "version": ("版本", "Version"),
    "effective_from": ("生效日期", "Effective from"),
    "status": ("状态", "Status"),
    "step": ("环节", "Step"),
    "legal_basis": ("法律依据", "Legal basis"),
    "documents": ("所需材料", "Required documents"),
    "limit": ("承诺时限(工作日)", "Promised limit (working days)"),
    "green": ("绿色通道(工作日)", "Green channel (working days)"),
    "decided_by": ("决定单位", "Decided by"),
    "decided": ("已办结", "Decided"),
    "on_time": ("按时", "On time"),
    "overdue_open": ("超时未办", "Overdue, open"),
    "rate": ("按时率", "On-time rate"),
    "none": ("暂无", "None yet"),
    "in_force": ("现行有效", "in force"),
    "scheduled": ("待生效", "scheduled"),
    "superseded": ("已被替代", "superseded"),
    "revoked": ("已废止", "revoked"),
    "preferential": ("优惠政策", "Preferential policy"),
    "reward": ("奖励办法", "Reward policy"),
    "fee_schedule": ("收费标准", "Fee schedule"),
    "procedure_catalogue": ("办事指南", "Procedure catalogue"),
    "headquarters": ("行政总部", "Headquarters"),
    "service-center": ("服务中心", "Service centre"),
    "as_of": ("数据日期", "As of"),
    "dashboard": ("园区运行看板", "Zone dashboard"),
    "catalogue_from": ("依据", "Per"),
    "working_calendar": ("工作日历", "Working-day calendar"),
    "compensation_standard": ("征地补偿标准", "Land compensation standard"),
    "calendar": ("工作日历(承诺时限按工作日计)", "Working-day calendar (promises count working days)"),
    "year": ("年度", "Year"),
    "holidays": ("放假日期", "Days off"),
    "makeup_workdays": ("调休上班日期", "Make-up working days"),
    "provisional": ("暂定:尚未公布,仅按周末计", "Provisional: not yet published, weekends only"),
    "promises": ("办理中的承诺", "Promises running"),
    "enterprise": ("企业", "Enterprise"),
    "deadline": ("承诺期限", "Deadline"),
    "days_left": ("剩余工作日", "Working days left"),
    "provisional_mark": ("暂定", "provisional"),
    "listings": ("网上招商:可供地块与招商机会", "Investment listings: parcels on offer and opportunities"),
    "parcels_on_offer": ("已配套、可供出让的地块", "Serviced parcels on offer"),
    "opportunities": ("招商机会", "Opportunities"),
    "parcel": ("地块", "Parcel"),
    "park": ("园区", "Park"),
    "planned_use": ("规划用途", "Planned use"),
    "area_m2": ("面积(平方米)", "Area (m²)"),
    "opportunity": ("招商项目", "Opportunity"),
    "industry": ("产业", "Industry"),
    "summary": ("简介", "Summary"),
    "parcels": ("地块", "Parcels"),
    "published_on": ("发布日期", "Published"),
    "industrial": ("工业", "industrial"),
    "commercial": ("商业", "commercial"),
    "public": ("公共设施", "public"),
    "residential": ("居住", "residential"),
    "regulations": ("现行管理办法", "Management regulations in force"),
    "regulations_on": ("生效日期截至", "In force on"),
    "regulation": ("管理办法", "Regulation"),
    "articles": ("条款数", "Articles"),
    "show": ("查询", "Show"),
    "refusals": ("不予许可及其依据条款", "Refusals and the articles they rest on"),
    "refused_on": ("日期", "Refused on"),
    "article": ("依据条款", "Article"),
    "article_n": ("第{n}条", "Article {n}"),
    "urban_planning_construction": ("城市规划建设", "Urban planning and construction"),
    "construction_environmental_protection": ("建设工程环境保护", "Environmental protection of construction"),
    "investment_projects": ("招商投资项目", "Investment projects"),
    "foreign_enterprise_fees": ("外商投资企业行政性收费", "Fees of foreign-invested enterprises"),
    "off_budget_funds": ("预算外资金", "Off-budget funds"),
    "talent": ("人才政策", "Talent policy"),
}


def label(key: str | None, lang: Lang) -> str:
    if key is None:
        return ""
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]
