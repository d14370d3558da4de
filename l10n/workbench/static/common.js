// Shared by every page: the keyboard help (? or Alt+/), and calls to the JSON API.

export const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

export async function api(method, url, body) {
  const options = { method, headers: { "X-CSRF-Token": csrf }, credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(url, options);
  let data = null;
  try { data = await response.json(); } catch (_) { data = null; }
  return { status: response.status, data };
}

const help = document.getElementById("help");
let helpReturn = null;

export function toggleHelp(show) {
  if (!help) return;
  const open = show ?? help.hidden;
  if (open) {
    helpReturn = document.activeElement;
    help.hidden = false;
    help.focus();
  } else {
    help.hidden = true;
    if (helpReturn) helpReturn.focus();
  }
}

export function inTextField(element) {
  return element && (element.tagName === "TEXTAREA" || element.tagName === "INPUT");
}

document.getElementById("help-button")?.addEventListener("click", () => toggleHelp());
document.addEventListener("keydown", (event) => {
  if ((event.key === "?" && !inTextField(event.target) && !event.ctrlKey && !event.altKey) ||
      (event.altKey && (event.key === "/" || event.code === "Slash"))) {
    event.preventDefault();
    toggleHelp();
  } else if (event.key === "Escape" && help && !help.hidden) {
    event.preventDefault();
    toggleHelp(false);
  }
});

// Buttons that only work through a script are rendered disabled and enabled once their handler
// is attached: a click while the page is still loading would otherwise do nothing (or submit a
// form natively) and be lost.
export function enable(...elements) {
  for (const element of elements) if (element) element.disabled = false;
}

const logout = document.getElementById("logout-button");
logout?.addEventListener("click", async () => {
  await api("POST", "/api/v1/logout", {});
  location.assign("/login");
});
enable(logout);
