// Labels in Chinese and English; the page's language comes from ?lang=zh|en (default zh).
"use strict";
const I18N = {
  zh: {
    title: "园区运行看板", subtitle: "一部 · 一公司 · 一中心 — 由事件驱动的只读视图",
    connecting: "连接中", live: "实时", offline: "重新连接中", public: "政务公开", contract: "事件契约",
    investment: "招商引资", service: "一站式服务", administration: "行政管理", market: "市场经营", feed: "实时事件",
    funnel: "招商漏斗", byPlatform: "按平台(各阶段累计)", byPark: "按园区(各阶段累计)",
    leads: "线索", lost: "已流失", signedAmount: "签约金额", duplicates: "拦截重复招商", rewardsGranted: "已发放奖励",
    rewardsPaid: "已支付奖励",
    onTime: "各环节按时办结率(对照承诺时限)", openByStep: "在办案卷(按环节)", overdue: "超时环节",
    greenChannel: "绿色通道案卷", openCases: "在办案卷", sealedCases: "已办结(一个图章)", greenOpen: "绿色通道",
    overdueOpen: "超时未办", promised: "承诺 {n} 个工作日", decided: "已办结 {n}", noData: "暂无数据",
    daysLate: "超期 {n} 个工作日", deadline: "时限", provisional: "暂定",
    policiesInForce: "现行政策", approvalsWaiting: "待审批立项(剩余工作日)", supervisionOpen: "在办督查",
    policies: "现行政策", waiting: "待审批", decidedApprovals: "已审批", supervision: "在办督查",
    daysLeft: "剩 {n} 天", dueToday: "今日到期", lateBy: "逾期 {n} 天", enterprise: "企业", park: "园区", requested: "申请日",
    offerings: "股份募集(已认缴 / 目标)", projects: "基础设施工程进度", parcels: "地块:待征用 / 已征用 / 规划 / 已配套 / 已出让",
    planned: "规划", serviced: "已配套", allocated: "已出让", to_requisition: "待征用", requisitioned: "已征用",
    requisitions: "土地征用与政策处理", case: "征地范围", stage: "阶段", agreedPaid: "协议 / 已付补偿",
    reqCounts: "签约 {signed}/{n} · 已付 {paid}/{n} · 安置 {resettled}/{households} 户 · 未结问题 {issues}",
    reqLimits: "时限(工作日):{limits}", reqOverdue: "逾期督办:{stages}",
    reqStage_agreements: "签约", reqStage_payment: "付款", reqStage_resettlement: "安置", reqStage_issue: "政策处理",
    req_opened: "已立案", req_signing: "签订协议中", req_paying: "支付补偿中", req_issues_open: "政策处理中", req_complete: "已完成",
    resources: "人才与公共资源", vacancies: "在招岗位(按园区、行业)", talent: "人才引进补贴(按类别、园区)",
    facilities: "共享设施使用(近四周利用率 · 各园区预订时数)", proposals: "商企招商:关联项目转化",
    openVacancies: "在招岗位", placesOpen: "空缺名额", talentApplications: "补贴申请", talentGranted: "核定补贴",
    applications: "申请", approved: "批准", granted: "核定", paid: "已发放", bookingsN: "{n} 次预订",
    proposer: "提出企业", projectsN: "关联项目", signed: "已签约", conversion: "转化率", sum: "合计", parcelsN: "{n} 块地", byCategory: "按类别", byParkShort: "按园区",
    talent_leading_talent: "领军人才", talent_high_level_talent: "高层次人才", talent_skilled_worker: "技能人才",
    facility_exhibition_hall: "展览馆", facility_testing_laboratory: "检测实验室", facility_training_centre: "培训中心",
    facility_warehouse: "仓库",
    sector_new_materials: "新材料", sector_electronics: "电子信息", sector_logistics: "物流", holders: "{n} 名股东", open: "募集中", closed: "已结束",
    completed: "已完工", events: "事件", rejected: "无法读取", total: "事件总数 {n}",
    footer: "数据来自四个服务发布的事件;看板只读取,从不写入任何主题。",
    stage_new: "登记", stage_contacted: "接洽", stage_negotiating: "洽谈", stage_signed: "签约",
    stage_registered: "入驻办理", stage_landed: "投产落地",
    platform_online: "网上招商", platform_merchant: "商企招商", platform_all_staff: "全员招商",
    kind_preferential: "优惠政策", kind_reward: "奖励办法", kind_fee_schedule: "收费标准",
    kind_procedure_catalogue: "办事指南", kind_working_calendar: "工作日历", kind_compensation_standard: "征地补偿标准",
    kind_talent: "人才政策",
    cause_overdue: "超时", cause_complaint: "投诉",
    src_headquarters: "行政总部", "src_service-center": "服务中心", "src_industrial-co": "实业总公司",
    src_investment: "招商",
    step_project_approval: "立项", step_land_use: "用地", step_planning_permit: "规划许可",
    step_environmental_assessment: "环评", step_construction_permit: "施工许可", step_fire_safety: "消防",
    step_completion_acceptance: "竣工验收", step_commissioning: "投产", step_talent_decision: "人才补贴审核",
    project_road: "道路", project_water_supply: "供水", project_drainage: "排水", project_power: "供电",
    project_telecom: "通信", project_sewage: "污水处理",
    wan: "万元", yi: "亿元", rewardsCount: "已发放奖励({n} 笔)", lostNote: "已流失 {n}", step: "环节", cases: "案卷",
  },
  en: {
    title: "Zone dashboard", subtitle: "One HQ · one company · one centre — a read-only view of the events",
    connecting: "Connecting", live: "Live", offline: "Reconnecting", public: "Open government", contract: "Event contract",
    investment: "Investment attraction", service: "One-stop service", administration: "Administration",
    market: "Market operation", feed: "Live events",
    funnel: "Investment funnel", byPlatform: "By platform (reached each stage)", byPark: "By park (reached each stage)",
    leads: "Leads", lost: "Lost", signedAmount: "Signed", duplicates: "Duplicates prevented",
    rewardsGranted: "Rewards granted", rewardsPaid: "Rewards paid",
    onTime: "On-time rate per step (against the promised limit)", openByStep: "Open cases by step",
    overdue: "Overdue steps", greenChannel: "Green-channel cases", openCases: "Open cases",
    sealedCases: "Sealed (one stamp)", greenOpen: "Green channel", overdueOpen: "Overdue, open",
    promised: "promised {n} working days", decided: "{n} decided", noData: "No data yet",
    daysLate: "{n} working days late", deadline: "deadline", provisional: "provisional",
    policiesInForce: "Policies in force", approvalsWaiting: "Approvals waiting (working days left)",
    supervisionOpen: "Open supervision cases", policies: "Policies in force", waiting: "Approvals waiting",
    decidedApprovals: "Approvals decided", supervision: "Supervision open",
    daysLeft: "{n} d left", dueToday: "due today", lateBy: "{n} d late", enterprise: "Enterprise", park: "Park",
    requested: "Requested",
    offerings: "Share offerings (subscribed / target)", projects: "Infrastructure projects",
    parcels: "Parcels: to requisition / requisitioned / planned / serviced / allocated", planned: "planned", serviced: "serviced",
    allocated: "allocated", to_requisition: "to requisition", requisitioned: "requisitioned",
    requisitions: "Land requisition and policy handling", case: "Land", stage: "Stage", agreedPaid: "Agreed / paid",
    reqCounts: "signed {signed}/{n} · paid {paid}/{n} · resettled {resettled}/{households} households · {issues} issues open",
    reqLimits: "time limits (working days): {limits}", reqOverdue: "overdue, under supervision: {stages}",
    reqStage_agreements: "agreements", reqStage_payment: "payment", reqStage_resettlement: "resettlement",
    reqStage_issue: "policy handling",
    req_opened: "opened", req_signing: "signing agreements", req_paying: "paying compensation", req_issues_open: "policy handling",
    req_complete: "complete",
    resources: "People and shared resources", vacancies: "Open vacancies (by park and sector)",
    talent: "Talent subsidies (by category and park)",
    facilities: "Shared facilities (utilisation, last 4 weeks · booked hours per park)", proposals: "Merchant platform: related projects",
    openVacancies: "Open vacancies", placesOpen: "Places open", talentApplications: "Subsidy applications",
    talentGranted: "Subsidies granted", applications: "Applied", approved: "Approved", granted: "Granted", paid: "Paid",
    bookingsN: "{n} bookings", proposer: "Proposing enterprise", projectsN: "Projects", signed: "Signed",
    conversion: "Conversion", sum: "Total", parcelsN: "{n} parcels", byCategory: "By category", byParkShort: "By park",
    talent_leading_talent: "Leading talent", talent_high_level_talent: "High-level talent", talent_skilled_worker: "Skilled worker",
    facility_exhibition_hall: "Exhibition hall", facility_testing_laboratory: "Testing laboratory",
    facility_training_centre: "Training centre", facility_warehouse: "Warehouse",
    sector_new_materials: "New materials", sector_electronics: "Electronics", sector_logistics: "Logistics", holders: "{n} holders", open: "open", closed: "closed", completed: "completed",
    events: "Events", rejected: "Unreadable", total: "{n} events",
    footer: "Built from the events the four services publish; the dashboard only reads and never writes to any topic.",
    stage_new: "Registered", stage_contacted: "Contacted", stage_negotiating: "Negotiating", stage_signed: "Signed",
    stage_registered: "In service", stage_landed: "Landed",
    platform_online: "Online", platform_merchant: "Merchant", platform_all_staff: "All-staff",
    kind_preferential: "Preferential", kind_reward: "Reward policy", kind_fee_schedule: "Fee schedule",
    kind_procedure_catalogue: "Procedure catalogue", kind_working_calendar: "Working-day calendar",
    kind_compensation_standard: "Land compensation standard", kind_talent: "Talent policy",
    cause_overdue: "overdue", cause_complaint: "complaint",
    src_headquarters: "Headquarters", "src_service-center": "Service centre", "src_industrial-co": "Industrial co.",
    src_investment: "Investment",
    step_project_approval: "Project approval", step_land_use: "Land use", step_planning_permit: "Planning permit",
    step_environmental_assessment: "Environmental assessment", step_construction_permit: "Construction permit",
    step_fire_safety: "Fire safety", step_completion_acceptance: "Completion acceptance",
    step_commissioning: "Commissioning", step_talent_decision: "Talent subsidy decision",
    project_road: "Road", project_water_supply: "Water supply", project_drainage: "Drainage", project_power: "Power",
    project_telecom: "Telecom", project_sewage: "Sewage",
    wan: "", yi: "", rewardsCount: "Rewards granted ({n})", lostNote: "{n} lost", step: "Step", cases: "Cases",
  },
};

// The events' names on the Chinese page (the English page spells the type: "Lead registered").
const EVENTS_ZH = {
  ApprovalRequestReceived: "收到立项审批申请", ApprovalRequested: "申请立项审批", BidSubmitted: "投标", CaseAwaitingCatalogue: "案卷待办事指南",
  CaseOpened: "案卷受理", CaseSealed: "案卷办结盖章", ContractAwarded: "合同授予", ContractorPaid: "支付承包商",
  CoordinationMatterClosed: "协调事项办结", CoordinationMatterOpened: "协调事项立项", CoordinationMeetingHeld: "召开协调会", CoordinationResolutionAdopted: "通过协调决议",
  DuplicateLeadRefused: "拒绝重复线索", EnterpriseCommissioned: "企业投产", FeeWaived: "减免费用", FundsAllocated: "拨付资金",
  InfrastructureCompleted: "基础设施完工", InvestorIdentified: "投资人登记", InvoiceRaised: "开具缴费通知", LeadContacted: "线索接洽",
  LeadLanded: "项目落地", LeadLost: "线索流失", LeadNegotiating: "线索洽谈", LeadRegistered: "线索登记",
  LeadRegisteredForService: "线索转入办理", LeadSigned: "线索签约", OfferingCancelled: "募集取消", OfferingClosed: "募集结束",
  OfferingClosureRecorded: "记录募集结束", OfferingDrafted: "募集方案起草", OfferingOpened: "募集开始", OpportunityPublished: "发布招商机会",
  OpportunityWithdrawn: "撤回招商机会", ParcelAllocated: "地块出让", ParcelDelisted: "地块下架", ParcelListed: "地块挂牌",
  ParcelRecorded: "记录地块", ParcelRegistered: "地块登记", ParcelServiced: "地块配套完成", ParkRegistered: "园区登记",
  ParkRenamed: "园区更名", PaymentReceived: "收到缴费", PersonalDataErased: "个人数据删除", PlanningAppealDecided: "规划复议决定",
  PlanningCaseDecided: "规划案件决定", PlanningCaseEscalated: "规划案件上报", PlanningCaseFiled: "规划案件立案", PlanningDecisionAppealed: "规划决定复议",
  PolicyDraftAmended: "政策草案修改", PolicyDrafted: "政策起草", PolicyPublished: "政策发布", PolicyRevoked: "政策废止",
  PolicySuperseded: "政策被替代", PolicyVersionRecorded: "记录政策版本", PolicyVersionRevoked: "政策版本废止", PolicyVersionSuperseded: "政策版本被替代",
  PossibleDuplicateFlagged: "标记疑似重复", PossibleDuplicateResolved: "疑似重复已处理", ProjectApproved: "立项批准", ProjectMilestoneReached: "工程节点完成",
  ProjectPlanned: "工程立项", ProjectRejected: "立项驳回", ReferrerEnrolled: "推荐人登记", RefundPaid: "退款",
  RewardGranted: "发放奖励", RewardPaid: "支付奖励", RewardPolicyRevoked: "奖励办法废止", RewardPolicySuperseded: "奖励办法被替代",
  RewardPolicyVersionRecorded: "记录奖励办法版本", SharesAllotted: "配售股份", StepAccepted: "环节受理", StepApproved: "环节办结",
  StepOverdue: "环节超时", StepRejected: "环节驳回", StepReopened: "环节重新办理", StepReturned: "环节退回补正",
  StepSubmitted: "环节提交材料", SubscriptionCancelled: "认购取消", SubscriptionLapsed: "认购失效", SubscriptionPaid: "认购缴款",
  SubscriptionPlaced: "认购登记", SubscriptionWithdrawn: "认购撤回", SupervisionCaseAssigned: "督查案件交办", SupervisionCaseClosed: "督查案件办结",
  SupervisionCaseOpened: "督查案件立案", TenderOpened: "开始招标", TicketAssigned: "工单派发", TicketDone: "工单完成",
  TicketOpened: "工单登记",
  RegulationPublished: "管理办法公布", RegulationRepealed: "管理办法废止", RequisitionOpened: "土地征用立案",
  AgreementSigned: "签订征地协议", CompensationPaid: "支付征地补偿", ResettlementNoted: "记录安置", IssueRaised: "政策处理问题登记",
  IssueClosed: "政策处理问题办结", VacancyPosted: "发布岗位", VacancyFilled: "岗位招满", VacancyClosed: "岗位关闭",
  SubsidyApplied: "申请人才补贴", ApplicationApproved: "人才补贴批准", ApplicationRejected: "人才补贴驳回", InstalmentPaid: "发放补贴",
  TalentDecisionOverdue: "人才补贴审核超时",
  FacilityRegistered: "共享设施登记", FacilityBooked: "预订共享设施", BookingCancelled: "取消预订",
  ProposalSubmitted: "提出关联项目", ProjectLeadOpened: "关联项目转为线索", ProjectDuplicated: "关联项目重复",
  LandCompensationPaid: "实业公司支付征地补偿", ParcelRequisitioned: "地块征用完成", RequisitionCompleted: "土地征用办结",
  ParcelReleased: "地块收回", TokenRevoked: "令牌吊销",
};

function eventName(type) {
  if (LANG === "zh") return EVENTS_ZH[type] || type;
  return type.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/ ([A-Z])(?=[a-z])/g, (m, c) => " " + c.toLowerCase());
}

function pickLang() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "en" || asked === "zh") return asked;
  return "zh";
}

let LANG = pickLang();

function t(key, vars) {
  let text = (I18N[LANG] && I18N[LANG][key]) ?? I18N.zh[key] ?? key;
  for (const [k, v] of Object.entries(vars || {})) text = text.replace(`{${k}}`, v);
  return text;
}

// A label for a code: its translation when known, else the fallback (e.g. the catalogue's name), else the code.
function label(prefix, code, fallback) {
  const key = `${prefix}_${code}`;
  if (I18N[LANG][key] !== undefined) return I18N[LANG][key];
  return fallback || code || "—";
}

// A text written in both languages ("北园 North Park", Chinese first): the part in the page's
// language; a text in one language only (a registered company name) as it is.
// The same rule as park_dashboard.domain.bilingual.split.
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef][)\]]*/g;
function tr(text) {
  if (!text) return "";
  let last = 0;
  for (const m of String(text).matchAll(CJK)) last = m.index + m[0].length;
  const zh = text.slice(0, last).trim(), en = text.slice(last).trim();
  if (!zh || !/[A-Za-z]/.test(en)) return text;
  return LANG === "zh" ? zh : en;
}

function applyStaticLabels() {
  document.documentElement.lang = LANG === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.title = `${t("title")} · ${LANG === "zh" ? "Zone dashboard" : "园区运行看板"}`;
  const pub = document.getElementById("public-link");
  if (pub) pub.href = `/public?lang=${LANG}`;
}

function switchLang() {
  LANG = LANG === "zh" ? "en" : "zh";
  const url = new URL(location.href);
  url.searchParams.set("lang", LANG);
  history.replaceState(null, "", url);
  applyStaticLabels();
}
