// Small SVG and HTML charts, no library: a funnel, horizontal rate bars, progress and stacked bars.
"use strict";
function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function yuan(amount) {
  const n = Number(amount || 0);
  const fmt = (v, digits) => v.toLocaleString(LANG === "zh" ? "zh-CN" : "en", { maximumFractionDigits: digits });
  if (LANG === "zh") return n >= 1e8 ? `${fmt(n / 1e8, 2)} ${t("yi")}` : `${fmt(n / 1e4, 1)} ${t("wan")}`;
  if (n >= 1e9) return `¥${fmt(n / 1e9, 2)} bn`;
  if (n >= 1e6) return `¥${fmt(n / 1e6, 1)} M`;
  return `¥${fmt(n, 0)}`;
}

function empty() { return `<div class="empty">${esc(t("noData"))}</div>`; }

const FUNNEL_COLORS = ["#2b6cb0", "#2f80c8", "#3394dc", "#38a8e8", "#3ecf8e", "#2fbf71"];

function funnelChart(rows) {
  if (!rows.length || rows.every((r) => !r.count)) return empty();
  const max = Math.max(...rows.map((r) => r.count), 1);
  const h = 30, width = 560, labelW = 96, countW = 64, barW = width - labelW - countW;
  const parts = rows.map((r, i) => {
    const w = Math.max(4, (r.count / max) * barW);
    const x = labelW + (barW - w) / 2, y = i * h + 4;
    const prev = i ? rows[i - 1].count : r.count;
    const conv = i && prev ? ` ${Math.round((r.count / prev) * 100)}%` : "";
    return `<g data-stage="${esc(r.stage)}"><text x="${labelW - 10}" y="${y + 17}" text-anchor="end">${esc(label("stage", r.stage))}</text>` +
      `<rect x="${x}" y="${y}" width="${w}" height="${h - 6}" rx="4" fill="${FUNNEL_COLORS[i % FUNNEL_COLORS.length]}"/>` +
      `<text x="${width - countW + 6}" y="${y + 17}" font-weight="700">${r.count}</text>` +
      `<text class="muted" x="${width - 2}" y="${y + 17}" text-anchor="end">${conv}</text></g>`;
  });
  return `<svg class="chart funnel" viewBox="0 0 ${width} ${rows.length * h + 4}" role="img">${parts.join("")}</svg>`;
}

function rateBars(rows) {
  if (!rows.length) return empty();
  return `<div class="rates">${rows.map((r) => {
    const rate = r.rate;
    const tone = rate === null ? "none" : rate >= 0.9 ? "good" : rate >= 0.7 ? "fair" : "poor";
    const pct = rate === null ? "—" : `${Math.round(rate * 100)}%`;
    const promise = r.promised_working_days ? t("promised", { n: r.promised_working_days }) : "";
    const detail = `${t("decided", { n: r.decided })}${r.overdue_open ? ` · ${t("overdueOpen")} ${r.overdue_open}` : ""}`;
    const width = rate === null ? 0 : Math.max(1, rate * 100);
    return `<div class="rate ${tone}" data-step="${esc(r.step_code)}"><div class="what"><b>${esc(label("step", r.step_code, r.step_name))}</b>` +
      `<small>${esc(promise)}</small></div><div class="meter"><div class="track"><i style="width:${width}%"></i></div>` +
      `<small>${esc(detail)}</small></div><div class="pct">${pct}</div></div>`;
  }).join("")}</div>`;
}

function progress(title, right, percent, done) {
  const p = Math.max(0, Math.min(100, percent || 0));
  return `<div class="progress"><div class="label"><span>${esc(title)}</span><span>${esc(right)}</span></div>` +
    `<div class="track"><i class="${done ? "done" : "fill"}" style="width:${p}%"></i></div></div>`;
}

function stacked(title, counts, keys) {
  const total = keys.reduce((s, k) => s + (counts[k] || 0), 0) || 1;
  const bars = keys.map((k) => `<i class="${k}" style="width:${((counts[k] || 0) / total) * 100}%"></i>`).join("");
  const text = keys.map((k) => counts[k] || 0).join(" / ");
  return `<div class="progress stack"><div class="label"><span>${esc(title)}</span><span>${text}</span></div><div class="track">${bars}</div></div>`;
}

function kpi(value, name, tone) {
  return `<div class="kpi ${tone || ""}"><b>${esc(value)}</b><span>${esc(name)}</span></div>`;
}

function table(headers, rows) {
  if (!rows.length) return empty();
  const head = headers.map(([h, cls]) => `<th class="${cls || ""}">${esc(h)}</th>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
