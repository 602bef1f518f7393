// The zone dashboard: renders /api/summary and re-renders on every `summary` server-sent event.
"use strict";
const state = { data: null, seen: new Set(), first: true };

function renderInvestment(inv) {
  document.getElementById("inv-kpis").innerHTML = [
    kpi(inv.leads, t("leads")),
    kpi(yuan(inv.signed_amount), t("signedAmount"), "ok"),
    kpi(inv.duplicates_prevented, t("duplicates"), inv.duplicates_prevented ? "warn" : ""),
    kpi(yuan(inv.rewards_granted_amount), t("rewardsCount", { n: inv.rewards_granted })),
  ].join("");
  document.getElementById("funnel-note").textContent = inv.lost ? t("lostNote", { n: inv.lost }) : "";
  document.getElementById("funnel").innerHTML = funnelChart(inv.funnel);
  const grouped = (groups, prefix, names) => {
    const keys = Object.keys(groups);
    if (!keys.length) return empty();
    const head = [["", ""], ...inv.stages.map((s) => [label("stage", s), "num"])];
    const rows = keys.map((k) => `<tr><td>${esc(names ? tr(names[k]) || k : label(prefix, k))}</td>` +
      groups[k].map((n) => `<td class="num">${n}</td>`).join("") + "</tr>");
    return table(head, rows);
  };
  document.getElementById("by-platform").innerHTML = grouped(inv.by_platform, "platform");
  document.getElementById("by-park").innerHTML = grouped(inv.by_park, "park", state.data.parks);
}

function renderService(sc) {
  const overdue = sc.overdue.length;
  document.getElementById("sc-kpis").innerHTML = [
    kpi(sc.open_cases, t("openCases")),
    kpi(sc.sealed_cases, t("sealedCases"), "ok"),
    kpi(sc.green_channel_open, t("greenOpen")),
    kpi(overdue, t("overdue"), overdue ? "bad" : ""),
  ].join("");
  document.getElementById("on-time").innerHTML = rateBars(sc.on_time);
  document.getElementById("open-by-step").innerHTML = table(
    [[t("step"), ""], [t("cases"), "num"]],
    sc.open_by_step.map((s) => `<tr><td>${esc(label("step", s.stage))}</td><td class="num">${s.count}</td></tr>`));
  document.getElementById("overdue").innerHTML = table(
    [[t("enterprise"), ""], [t("overdue"), ""]],
    sc.overdue.map((o) => `<tr data-case="${esc(o.case_id)}"><td>${esc(tr(o.enterprise_name) || o.case_id)}</td>` +
      `<td>${esc(label("step", o.step_code, tr(o.step_name)))} <span class="badge bad">${esc(t("daysLate", { n: o.working_days_late }))}</span></td></tr>`));
  document.getElementById("green").innerHTML = table(
    [[t("enterprise"), ""], [t("park"), ""], [t("requested"), ""]],
    sc.green_channel.map((c) => `<tr><td>${esc(tr(c.enterprise_name) || c.case_id)}</td><td>${esc(parkName(c.park_id))}</td><td>${esc(c.opened_on || "")}</td></tr>`));
}

function parkName(id) { return tr(state.data && state.data.parks[id]) || id || ""; }

// The parks a requisition case's parcels lie in (a parcel id is `<park>-<code>`).
function parcelParks(ids) {
  const parks = Object.keys((state.data && state.data.parks) || {});
  const of = (id) => parks.filter((p) => id.startsWith(`${p}-`)).sort((a, b) => b.length - a.length)[0] || id.split("-")[0];
  return [...new Set(ids.map(of))].map(parkName).join(" · ");
}

function daysBadge(n) {
  if (n === null || n === undefined) return "";
  if (n > 2) return `<span class="badge ok">${esc(t("daysLeft", { n }))}</span>`;
  if (n > 0) return `<span class="badge warn">${esc(t("daysLeft", { n }))}</span>`;
  if (n === 0) return `<span class="badge warn">${esc(t("dueToday"))}</span>`;
  return `<span class="badge bad">${esc(t("lateBy", { n: -n }))}</span>`;
}

function renderAdministration(adm) {
  document.getElementById("adm-kpis").innerHTML = [
    kpi(adm.policies_in_force.length, t("policies")),
    kpi(adm.approvals_waiting.length, t("waiting"), adm.approvals_waiting.some((a) => a.days_left !== null && a.days_left < 0) ? "bad" : ""),
    kpi(adm.approvals_decided, t("decidedApprovals")),
    kpi(adm.supervision_open.length, t("supervision"), adm.supervision_open.length ? "warn" : ""),
  ].join("");
  document.getElementById("policies").innerHTML = table([["", ""], ["", ""], ["", "num"]],
    adm.policies_in_force.map((p) => `<tr><td><span class="badge">${esc(label("kind", p.kind))}</span></td>` +
      `<td>${esc(tr(p.title))}</td><td class="num">v${p.version} · ${esc(p.effective_from || "")}</td></tr>`));
  document.getElementById("approvals").innerHTML = table(
    [[t("enterprise"), ""], [t("park"), ""], [t("deadline"), "num"]],
    adm.approvals_waiting.map((a) => `<tr><td>${esc(tr(a.enterprise_name) || a.case_id)}</td><td>${esc(parkName(a.park_id))}</td>` +
      `<td class="num" title="${esc(a.deadline || "")}">${esc(a.deadline || "")} ${daysBadge(a.days_left)}` +
      `${a.deadline_provisional ? ` <span class="badge warn" data-provisional="true">${esc(t("provisional"))}</span>` : ""}</td></tr>`));
  document.getElementById("supervision").innerHTML = table([["", ""], ["", ""], ["", "num"]],
    adm.supervision_open.map((s) => `<tr><td><span class="badge warn">${esc(label("cause", s.cause))}</span></td>` +
      `<td>${esc(label("src", s.unit))}${s.step_code ? " · " + esc(label("step", s.step_code)) : ""}</td><td class="num">${esc(s.opened_on)}</td></tr>`));
}

function renderMarket(mk) {
  document.getElementById("offerings").innerHTML = mk.offerings.length ? mk.offerings.map((o) => progress(
    `${tr(o.title) || o.offering_id} · ${o.status === "closed" ? t("closed") : t("open")}`,
    `${yuan(o.raised)} / ${yuan(o.target)}${o.percent !== null ? ` · ${o.percent}%` : ""}${o.holders ? " · " + t("holders", { n: o.holders }) : ""}`,
    o.percent, o.status === "closed")).join("") : empty();
  document.getElementById("projects").innerHTML = mk.projects.length ? mk.projects.map((p) => progress(
    `${tr(p.name) || p.project_id}${p.kind ? " · " + label("project", p.kind) : ""}`,
    p.completed_on ? `${t("completed")} ${p.completed_on}` : `${tr(p.milestone)} · ${p.progress}%`,
    p.progress, Boolean(p.completed_on))).join("") : empty();
  const keys = ["to_requisition", "requisitioned", "planned", "serviced", "allocated"];
  const colors = { to_requisition: "#8a6d3b", requisitioned: "#b08d57", planned: "#4a6585", serviced: "#4fb3ff", allocated: "#3ecf8e" };
  const parks = Object.keys(mk.parcels);
  document.getElementById("parcels").innerHTML = parks.length ? parks.map((k) => stacked(parkName(k), mk.parcels[k], keys)).join("") +
    `<div class="legend">${keys.map((k) => `<span><i class="${k}" style="background:${colors[k]}"></i>${esc(t(k))}</span>`).join("")}</div>` : empty();
  const tone = { complete: "ok", issues_open: "warn", paying: "", signing: "", opened: "" };
  document.getElementById("requisitions").innerHTML = table(
    [[t("case"), ""], [t("stage"), ""], [t("agreedPaid"), "num"]],
    (mk.requisitions || []).map((r) => `<tr data-requisition="${esc(r.case_id)}" title="${esc(r.case_id)}: ${esc(r.parcel_ids.join(", "))}">` +
      `<td>${esc(parcelParks(r.parcel_ids))}<br><small>${esc(t("parcelsN", { n: r.parcel_ids.length }))} · ${esc(r.opened_on || "")}</small></td>` +
      `<td><span class="badge ${tone[r.stage] || ""}" data-stage="${esc(r.stage)}">${esc(label("req", r.stage))}</span><br><small>` +
      `${esc(t("reqCounts", { signed: r.agreements_signed, paid: r.paid, n: r.collectives, resettled: r.households_resettled, households: r.households, issues: r.issues_open }))}</small>` +
      `${Object.keys(r.time_limits || {}).length ? `<br><small data-limits>${esc(t("reqLimits", { limits: Object.entries(r.time_limits).map(([k, d]) => `${label("reqStage", k)} ${d}`).join(" · ") }))}</small>` : ""}` +
      `${(r.overdue_stages || []).length ? `<br><span class="badge bad" data-overdue="${esc(r.overdue_stages.join(" "))}">${esc(t("reqOverdue", { stages: r.overdue_stages.map((k) => label("reqStage", k.startsWith("issue-") ? "issue" : k)).join(", ") }))}</span>` : ""}</td>` +
      `<td class="num">${esc(yuan(r.agreed_amount))} / ${esc(yuan(r.paid_amount))}</td></tr>`));
}

function renderResources(res) {
  const v = res.vacancies, tal = res.talent;
  document.getElementById("res-kpis").innerHTML = [
    kpi(v.open, t("openVacancies")),
    kpi(v.places_open, t("placesOpen")),
    kpi(tal.applications, t("talentApplications")),
    kpi(yuan(tal.granted), t("talentGranted"), "ok"),
  ].join("");
  const sectors = Object.keys(v.by_sector);
  document.getElementById("vacancies").innerHTML = table(
    [[t("park"), ""], ...sectors.map((s) => [label("sector", s), "num"]), [t("sum"), "num"]],
    Object.entries(v.by_park_and_sector).map(([park, row]) => `<tr data-park="${esc(park)}"><td>${esc(parkName(park))}</td>` +
      sectors.map((s) => `<td class="num">${row[s] || 0}</td>`).join("") + `<td class="num">${v.by_park[park] || 0}</td></tr>`));
  const talentRows = (rows, name) => rows.map((r) => `<tr><td>${esc(name(r.key))}</td><td class="num">${r.applications}</td>` +
    `<td class="num">${r.approved}</td><td class="num">${esc(yuan(r.granted))}</td><td class="num">${esc(yuan(r.paid))}</td></tr>`);
  document.getElementById("talent").innerHTML = table(
    [["", ""], [t("applications"), "num"], [t("approved"), "num"], [t("granted"), "num"], [t("paid"), "num"]],
    tal.applications ? [`<tr class="group"><th colspan="5">${esc(t("byCategory"))}</th></tr>`, ...talentRows(tal.by_category, (k) => label("talent", k)),
      `<tr class="group"><th colspan="5">${esc(t("byParkShort"))}</th></tr>`, ...talentRows(tal.by_park, parkName)] : []);
  document.getElementById("facilities").innerHTML = res.facilities.length ? res.facilities.map((f) => progress(
    `${tr(f.name) || label("facility", f.kind, f.facility_id)} · ${t("bookingsN", { n: f.bookings })}`,
    `${f.utilisation === null ? "—" : Math.round(f.utilisation * 1000) / 10 + "%"} · ${f.by_park.map((p) => `${parkName(p.park_id)} ${p.unit_hours}`).join(" / ")}`,
    f.utilisation === null ? 0 : f.utilisation * 100, false)).join("") : empty();
  document.getElementById("proposals").innerHTML = table(
    [[t("proposer"), ""], [t("projectsN"), "num"], [t("leads"), "num"], [t("signed"), "num"], [t("conversion"), "num"]],
    res.proposals.map((p) => `<tr data-proposer="${esc(p.proposer_lead_id)}"><td>${esc(tr(p.name) || p.proposer_lead_id)}</td>` +
      `<td class="num">${p.projects}</td><td class="num">${p.leads}</td><td class="num">${p.signed}</td>` +
      `<td class="num">${p.conversion === null ? "—" : Math.round(p.conversion * 100) + "%"}</td></tr>`));
}

// An event's time on the zone's clock (the page's date is the zone's): month, day and time.
function clock(iso) {
  const d = new Date(iso);
  if (isNaN(d)) return "";
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", {
    month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    hour12: false, timeZone: "Asia/Shanghai",
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

function renderFeed(feed) {
  document.getElementById("total").textContent = t("total", { n: feed.total });
  document.getElementById("feed-kpis").innerHTML = Object.entries(feed.by_service).sort()
    .map(([s, n]) => kpi(n, label("src", s))).join("") + (feed.rejected ? kpi(feed.rejected, t("rejected"), "bad") : "");
  document.getElementById("feed").innerHTML = feed.items.length ? feed.items.map((e) => {
    const fresh = !state.first && !state.seen.has(e.id) ? " fresh" : "";
    return `<li class="event${fresh}" data-event-id="${esc(e.id)}" data-type="${esc(e.type)}"><time datetime="${esc(e.zone_time || e.time)}">${esc(clock(e.zone_time || e.time))}</time>` +
      `<span class="src ${esc(e.service)}">${esc(label("src", e.service))}</span>` +
      `<span><span class="name">${esc(eventName(e.name.replace(/\.v\d+$/, "")))}</span><span class="version">${esc((e.name.match(/v\d+$/) || [""])[0])}</span>` +
      `<span class="subject" title="${esc(e.subject)}">${esc(tr(e.subject_name) || e.subject)}</span></span></li>`;
  }).join("") : `<li class="empty">${esc(t("noData"))}</li>`;
  feed.items.forEach((e) => state.seen.add(e.id));
}

function render() {
  const data = state.data;
  if (!data) return;
  document.getElementById("today").textContent = data.today;
  renderInvestment(data.investment);
  renderService(data.service);
  renderAdministration(data.administration);
  renderMarket(data.market);
  renderResources(data.resources);
  renderFeed(data.feed);
  state.first = false;
  document.body.dataset.position = String(data.feed.total);
}

function setLive(on) {
  const el = document.getElementById("live");
  el.className = `live ${on ? "on" : "off"}`;
  el.querySelector("b").textContent = t(on ? "live" : "offline");
  el.querySelector("b").dataset.i18n = on ? "live" : "offline";
}

function connect() {
  const source = new EventSource("/api/stream");
  source.addEventListener("summary", (e) => { state.data = JSON.parse(e.data); render(); setLive(true); });
  source.onopen = () => setLive(true);
  source.onerror = () => setLive(false);
}

document.getElementById("lang").addEventListener("click", () => { switchLang(); render(); });
applyStaticLabels();
fetch("/api/summary").then((r) => r.json()).then((d) => { if (!state.data) { state.data = d; render(); } });
connect();
