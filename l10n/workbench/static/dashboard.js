// The dashboard: findings are counted in the background; fill the "…" cells as counts arrive.
import { api } from "./common.js";

async function refresh() {
  const pending = document.querySelectorAll("td.findings[data-pending]");
  if (!pending.length) return;
  const lang = new URLSearchParams(location.search).get("lang");
  const { status, data } = await api("GET", "/api/v1/articles" + (lang ? `?lang=${encodeURIComponent(lang)}` : ""));
  if (status !== 200) return;
  const counts = new Map(data.map((row) => [`${row.lang}/${row.article}`, row.findings]));
  for (const cell of pending) {
    const count = counts.get(`${cell.dataset.lang}/${cell.dataset.article}`);
    if (count !== null && count !== undefined) {
      cell.textContent = String(count);
      delete cell.dataset.pending;
    }
  }
  setTimeout(refresh, 3000);
}

setTimeout(refresh, 2000);
